/**
 * report.html: what it shows (scenario, hash, seed, version, the summary table run prints, every chart, the event
 * log) and that it needs nothing from the network. The summary table rebuilt from the files is the one run prints.
 */
import { describe, expect, test } from 'vitest';
import { chartsOf, readResults, resultsFromFiles } from '../../../src/report/charts/index.ts';
import { reportHtml } from '../../../src/report/html/report.ts';
import { summaryCells, summaryText } from '../../../src/report/html/summaryFromFiles.ts';
import { aggregateByCountry, keySteps, renderOutputs, shares, summaryTable } from '../../../src/report/index.ts';
import { runScenario } from '../../../src/run/index.ts';
import { loadScenario } from '../../../src/scenario/index.ts';

const FIX = 'test/fixtures/results';

describe('report.html of a run', () => {
  const folder = readResults(`${FIX}/run-ban`);
  const charts = chartsOf(folder);
  const html = reportHtml(folder, charts);

  test('names the scenario, its hash, the seed and the program version', () => {
    expect(html).toContain('<title>hashsim: run-ban</title>');
    expect(html).toContain(`<tr><th>scenario hash (sha256)</th><td>${'ab'.repeat(32)}</td></tr>`);
    expect(html).toContain('<tr><th>seed</th><td>3</td></tr>');
    expect(html).toContain('<tr><th>program version</th><td>hashsim 0.1.0</td></tr>');
  });

  test('shows the summary table, a place for every chart with its series count, and the event log', () => {
    expect(html).toContain('<th>2021-02 pre-ban</th>');
    for (const c of charts) expect(html).toContain(`<div class="chart" id="chart-${c.name}" data-chart="${c.name}" data-series="${c.series.length}"`);
    expect(html).toContain('<td>2021-04-05</td><td>sichuan-ban</td><td>ban</td><td>effective</td><td>CN-SC</td><td class="num">12</td><td class="num">12.25</td>');
  });

  test('loads nothing: no src or href but in-page anchors and the chart files next to it, libraries inline', () => {
    const refs = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    for (const r of refs) expect(r).toMatch(/^(#|charts\/[a-z0-9-]+\.(svg|png|vl\.json))$/);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(html).not.toMatch(/<link\s/);
    expect(html).toContain('.vega={}');
    expect(html).toContain('.vegaLite={}');
  });

  test('the specs sit in the page as JSON that cannot close its script element early', () => {
    const json = /<script type="application\/json" id="hashsim-specs">([^<]*)<\/script>/.exec(html);
    expect(json).not.toBeNull();
    const specs = JSON.parse(json![1]) as { name: string }[];
    expect(specs.map((s) => s.name)).toEqual(charts.map((c) => c.name));
  });
});

describe('the summary table from the files is the one run prints', () => {
  // The files hold 6 decimals: a share on a rounding edge (6.05% exactly: shipped start shares are round) may print
  // 6.0 from the files where run's own float noise prints 6.1. Every other cell must be equal.
  const onEdge = (percent: number) => Math.abs(percent * 10 - Math.floor(percent * 10) - 0.5) < 1e-6;

  for (const file of ['china-2021.yaml', 'no-ban.yaml', 'sichuan-only.yaml', 'seasonal-hydro-2019-2020.yaml', 'forecast-2025-2030.yaml', 'small.yaml']) {
    test(file, () => {
      const resolved = loadScenario(`scenarios/${file}`);
      const { trajectory } = runScenario(resolved, resolved.defaultSeed);
      const folder = resultsFromFiles('x', renderOutputs(trajectory, resolved));
      const printed = summaryTable(trajectory).split('\n').map((l) => l.split(/\s{2,}/));
      const rebuilt = summaryText(summaryCells(folder)!).split('\n').map((l) => l.split(/\s{2,}/));
      expect(rebuilt.map((r) => r.length)).toEqual(printed.map((r) => r.length));
      const table = aggregateByCountry(trajectory);
      const C = table.countries.length;
      const steps = keySteps(trajectory);
      let edges = 0;
      printed.forEach((row, i) =>
        row.forEach((cell, j) => {
          if (cell === rebuilt[i][j]) return;
          const c = table.countries.indexOf(row[0]);
          const step = steps[j - 1].step;
          const exact = shares(table.hashingThs.subarray(step * C, (step + 1) * C))[c] * 100;
          expect(onEdge(exact), `${file} ${row[0]} ${cell} vs ${rebuilt[i][j]}`).toBe(true);
          edges++;
        }),
      );
      expect(edges).toBeLessThanOrEqual(2);
    });
  }
});
