/**
 * compare: a result against itself changes nothing; china-2021 against no-ban takes hashrate out of China from the
 * first ban on; bands of ensembles contain the median difference; flows, totals and errors.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseCsv } from '../../../src/report/charts/tidyCsv.ts';
import { compareResults, writeComparison } from '../../../src/report/compare/compareResults.ts';
import { readEvents } from './helpers.ts';

const FIX = 'test/fixtures/results';
const table = (files: Map<string, string>, name: string) => parseCsv(files.get(name)!, name).rows;
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('compare', () => {
  test('a result with itself: every difference and total is zero (bands too for a run), and no flow differs', () => {
    for (const dir of ['results/china-2021', `${FIX}/ensemble`]) {
      const files = compareResults(dir, dir);
      for (const name of ['compare_countries.csv', 'compare_network.csv']) {
        const rows = table(files, name);
        expect(rows.length, name).toBeGreaterThan(0);
        for (const r of rows) {
          for (const c of ['difference', 'cumulative_difference']) expect(r[c], `${name} ${c}`).toBe(0);
          // Between ensembles the band assumes no pairing of runs: it is symmetric about zero, not empty.
          if (dir.startsWith('results/')) expect([r.difference_low, r.difference_high]).toEqual([0, 0]);
          else expect(Number(r.difference_low)).toBeCloseTo(-Number(r.difference_high), 5);
        }
      }
      for (const r of table(files, 'compare_totals.csv')) expect(r.difference).toBe(0);
      if (files.has('compare_flows.csv')) expect(files.get('compare_flows.csv')).toBe('from,to,a_ehs,b_ehs,difference\n');
    }
  });

  test("china-2021 against no-ban: China's hashrate, energy and CO2 differences are negative from the first ban on, its share from June 2021", () => {
    const files = compareResults('results/china-2021', 'results/no-ban');
    const firstBan = readEvents('results/china-2021').filter((e) => e.type === 'ban' && e.phase === 'effective').map((e) => e.month).sort()[0];
    expect(firstBan).toBe('2021-04');
    const china = table(files, 'compare_countries.csv').filter((r) => r.country === 'CN' && String(r.month) >= firstBan);
    expect(china.length).toBe(4 * 21); // 2021-04 .. 2022-12, four variables
    // Until June only Inner Mongolia's ban is in force (under a tenth of China's hashrate): its machines are in
    // transit, and two single runs differ elsewhere by as much as China's share moves (at seed 1 it is 0.15 points
    // higher in May 2021). From the provincial bans of June on, the share falls far below no-ban's.
    for (const r of china) {
      if (r.variable === 'share' && String(r.month) < '2021-06') continue;
      expect(r.difference, `${r.month} ${r.variable}`).toBeLessThan(0);
    }
    const totals = table(files, 'compare_totals.csv');
    expect(totals.find((r) => r.country === 'CN' && r.variable === 'co2_mt')!.difference).toBeLessThan(0);
    // The exodus: of the extra EH/s moved abroad with the bans, more leaves China than any other country.
    const flows = table(files, 'compare_flows.csv');
    expect(flows.length).toBeGreaterThan(0);
    const countryOf = (region: unknown) => (String(region).startsWith('CN-') ? 'CN' : String(region));
    const abroadByOrigin = new Map<string, number>();
    for (const f of flows) {
      const from = countryOf(f.from);
      if (from !== countryOf(f.to)) abroadByOrigin.set(from, (abroadByOrigin.get(from) ?? 0) + Number(f.difference));
    }
    const ranked = [...abroadByOrigin].sort((a, b) => b[1] - a[1]);
    expect(ranked[0][0]).toBe('CN');
    expect(ranked[0][1]).toBeGreaterThan(0);
  });

  test('the total of ALL is the sum over the countries; a and b are the sides', () => {
    const files = compareResults(`${FIX}/run-ban`, `${FIX}/run-noban`);
    const totals = table(files, 'compare_totals.csv');
    for (const v of ['hashrate_ehs_months', 'energy_twh', 'co2_mt']) {
      const rows = totals.filter((r) => r.variable === v);
      const all = rows.find((r) => r.country === 'ALL')!;
      const sum = rows.filter((r) => r.country !== 'ALL').reduce((a, r) => a + Number(r.difference), 0);
      expect(Number(all.difference)).toBeCloseTo(sum, 5);
    }
    const cn = table(files, 'compare_countries.csv').find((r) => r.month === '2021-04' && r.country === 'CN' && r.variable === 'hashrate_ehs')!;
    expect([cn.a, cn.b, cn.difference]).toEqual([11, 56, -45]);
    expect(table(files, 'compare_flows.csv')[0]).toEqual({ from: 'CN-SC', to: 'US', a_ehs: 9, b_ehs: 0, difference: 9 });
  });

  test('between ensembles each difference has a band from A p5 - B p95 to A p95 - B p5 around it', () => {
    const files = compareResults(`${FIX}/ensemble`, `${FIX}/ensemble-b`);
    const rows = table(files, 'compare_countries.csv');
    for (const r of rows) {
      expect(Number(r.difference_low)).toBeLessThanOrEqual(Number(r.difference));
      expect(Number(r.difference_high)).toBeGreaterThanOrEqual(Number(r.difference));
    }
    const us = rows.find((r) => r.month === '2021-01' && r.country === 'US' && r.variable === 'hashrate_ehs')!;
    expect([us.difference, us.difference_low, us.difference_high]).toEqual([-2, 16 - 26.4, 24 - 17.6].map((x) => Number(x.toFixed(6))));
    expect(files.has('compare_flows.csv')).toBe(false);
  });

  test('writes the CSVs, the manifest, the charts and the report in one folder', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'hashsim-compare-')), 'out');
    temps.push(out);
    await writeComparison(`${FIX}/run-ban`, `${FIX}/run-noban`, out);
    expect(readdirSync(out).sort()).toEqual(['charts', 'compare_countries.csv', 'compare_flows.csv', 'compare_network.csv', 'compare_totals.csv', 'manifest.json', 'report.html']);
    expect(readdirSync(join(out, 'charts')).filter((f) => f.endsWith('.vl.json')).sort()).toEqual(
      ['compare-co2', 'compare-cumulative', 'compare-energy', 'compare-flows', 'compare-hashrate', 'compare-network', 'compare-share'].map((n) => `${n}.vl.json`),
    );
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.comparison).toBe('run-ban (seed 3) minus run-noban (seed 3)');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Comparison: totals over the run');
    expect(html).toContain('<title>hashsim: run-ban (seed 3) minus run-noban (seed 3)</title>');
  });

  test('a folder that is neither a run nor an ensemble is refused with a clear message', () => {
    expect(() => compareResults(`${FIX}/sweep`, `${FIX}/run-ban`)).toThrow(`${FIX}/sweep: expected the results of a run (countries.csv) or an ensemble (summary_countries.csv), found neither`);
  });
});
