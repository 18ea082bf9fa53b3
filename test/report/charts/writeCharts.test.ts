/**
 * Drawing and writing charts: every fixture chart compiles (vega-lite) and draws (vega, headless) to SVG with its
 * title and series; the bytes do not depend on the time zone; PNGs are PNGs; writeCharts writes charts/ and
 * report.html, removes charts that no longer apply, and gives the same bytes as chartSet from files in memory.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { chartSet, chartsOf, compileSpec, drawImages, readResults, renderSvg, ResultsError, writeCharts } from '../../../src/report/charts/index.ts';

const FIX = 'test/fixtures/results';
const temps: string[] = [];
const copy = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'hashsim-charts-'));
  temps.push(dir);
  cpSync(join(FIX, name), dir, { recursive: true });
  return dir;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('drawing', () => {
  test('every chart of every kind of folder draws to SVG, with its title and its series written in it', async () => {
    for (const dir of ['run-ban', 'ensemble', 'backtest', 'sweep', 'calibrate']) {
      for (const chart of chartsOf(readResults(join(FIX, dir)))) {
        const svg = await renderSvg(compileSpec(chart.spec));
        expect(svg.startsWith('<svg'), chart.name).toBe(true);
        expect(svg).toContain(`>${chart.title.replace(/&/g, '&amp;')}</text>`);
        if ((chart.seriesKind ?? 'legend') === 'legend') for (const s of chart.series) expect(svg, `${chart.name}: ${s}`).toContain(`>${s}</text>`);
      }
    }
  });

  test('the SVG bytes do not depend on the time zone of the machine', async () => {
    const chart = chartsOf(readResults(join(FIX, 'run-ban')))[0];
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const west = await renderSvg(compileSpec(chart.spec));
      process.env.TZ = 'Asia/Tokyo';
      const east = await renderSvg(compileSpec(chart.spec));
      expect(west).toBe(east);
      expect(west).toContain('>2021-01</text>');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  test('PNGs are PNG files at twice the size of the SVG', async () => {
    const chart = chartsOf(readResults(join(FIX, 'run-ban')))[0];
    const [{ svg, png }] = await drawImages([chart.spec]);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = Buffer.from(png).readUInt32BE(16);
    const svgWidth = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(width).toBe(svgWidth * 2);
  });
});

describe('writeCharts', () => {
  test('writes charts/<name>.vl.json, .svg and .png for each chart, and report.html', async () => {
    const dir = copy('run-ban');
    await writeCharts(dir);
    const names = chartsOf(readResults(dir)).map((c) => c.name);
    expect(readdirSync(join(dir, 'charts')).sort()).toEqual(names.flatMap((n) => [`${n}.png`, `${n}.svg`, `${n}.vl.json`]).sort());
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    const spec = JSON.parse(readFileSync(join(dir, 'charts', 'network.vl.json'), 'utf8'));
    expect(spec.title.text).toBe('Network hashrate, difficulty-implied hashrate and blocks');
  });

  test('a chart whose file went away is removed at the next build', async () => {
    const dir = copy('run-ban');
    await writeCharts(dir);
    rmSync(join(dir, 'flows.csv'));
    await writeCharts(dir);
    expect(readdirSync(join(dir, 'charts')).filter((f) => f.startsWith('flows.'))).toEqual([]);
    expect(existsSync(join(dir, 'charts', 'network.svg'))).toBe(true);
  });

  test('the same bytes from the folder on disk and from the files in memory (what run does)', async () => {
    const dir = copy('run-ban');
    const files = new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const set = await chartSet(dir, files);
    await writeCharts(dir);
    for (const [name, content] of set) {
      if (name.endsWith('.png')) continue;
      expect(readFileSync(join(dir, name), 'utf8'), name).toBe(content);
    }
  });

  test('without images: the specs and the report only', async () => {
    const set = await chartSet('x', new Map([['countries.csv', readFileSync(join(FIX, 'run-ban', 'countries.csv'), 'utf8')]]), { images: false });
    expect([...set.keys()]).toEqual(['charts/hashrate-by-country.vl.json', 'charts/share-by-country.vl.json', 'charts/energy-by-country.vl.json', 'charts/co2-by-country.vl.json', 'report.html']);
  });

  test('a malformed file is reported with its line and nothing is written', async () => {
    const dir = copy('run-ban');
    writeFileSync(join(dir, 'countries.csv'), 'month,country,hashrate_ehs,share,hidden_ehs,idle_ehs,transit_ehs,energy_twh,co2_mt\n2021-01,CN,1,0.5\n');
    await expect(writeCharts(dir)).rejects.toThrow(new ResultsError(`${join(dir, 'countries.csv')}:2:1: expected 9 cells (month,country,hashrate_ehs,share,hidden_ehs,idle_ehs,transit_ehs,energy_twh,co2_mt), found 4`));
    expect(existsSync(join(dir, 'charts'))).toBe(false);
    writeFileSync(join(dir, 'countries.csv'), 'month,country,hashrate_ehs,share,hidden_ehs,idle_ehs,transit_ehs,energy_twh,co2_mt\n2021-01,CN,lots,0.5,0,0,0,0,0\n');
    await expect(writeCharts(dir)).rejects.toThrow(`${join(dir, 'countries.csv')}:2:3 hashrate_ehs: expected a number, found "lots"`);
  });

  test('a folder that does not exist is reported as such', async () => {
    await expect(writeCharts('no/such/folder')).rejects.toThrow('no/such/folder: expected a results folder, found nothing');
  });
});
