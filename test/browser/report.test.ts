/**
 * report.html in a real browser: Debian's Chromium (/usr/bin/chromium; `.ci/run` installs it), driven by
 * playwright-core, opens the report of a freshly generated china-2021 result from the file system. Every chart
 * must be drawn with the expected number of series, tooltips must work, the console must stay free of errors and
 * nothing may be fetched but the page itself. A screenshot goes to results/screenshots/ (gitignored).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chartSet } from '../../src/report/charts/writeCharts.ts';
import { renderOutputs, writeOutputs } from '../../src/report/index.ts';
import { runScenario } from '../../src/run/index.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import type { FileContent } from '../../src/report/atomicFolder.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = 'results/screenshots/china-2021-report.png';

const root = mkdtempSync(join(tmpdir(), 'hashsim-browser-'));
const outDir = join(root, 'china-2021');
const profile = join(root, 'profile');
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];
let charts: { name: string; series: number; kind: string; rendered: string | null }[] = [];

beforeAll(async () => {
  const resolved = loadScenario('scenarios/china-2021.yaml');
  const outputs = renderOutputs(runScenario(resolved, resolved.defaultSeed).trajectory, resolved);
  const files = new Map<string, FileContent>(outputs);
  for (const [name, content] of await chartSet(outDir, outputs, { images: false })) files.set(name, content);
  writeOutputs(outDir, files);

  mkdirSync(profile);
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1100, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  context.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(resolve(outDir, 'report.html')).href);
  await page.waitForSelector('body[data-charts-done="true"]', { timeout: 90_000 });
  charts = await page.$$eval('div.chart', (els) =>
    els.map((el) => ({
      name: el.getAttribute('data-chart')!,
      series: Number(el.getAttribute('data-series')),
      kind: el.getAttribute('data-series-kind')!,
      rendered: el.getAttribute('data-rendered'),
    })),
  );
});

afterAll(async () => {
  await context?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Distinct values of a CSV column (rows filtered by `keep`). */
function distinct(file: string, column: string, keep: (cells: Record<string, string>) => boolean = () => true): string[] {
  const [head, ...lines] = readFileSync(join(outDir, file), 'utf8').trim().split('\n');
  const names = head.split(',');
  const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
  return [...new Set(rows.filter(keep).map((r) => r[column]))].sort();
}

describe('report.html of china-2021 in Chromium', () => {
  test('draws every chart of a run', () => {
    expect(charts.map((c) => c.name)).toEqual(['hashrate-by-country', 'share-by-country', 'china-provinces', 'network', 'flows', 'energy-by-country', 'co2-by-country']);
    for (const c of charts) expect(c.rendered, c.name).toBe('true');
  });

  test('each chart shows the expected number of series', async () => {
    const countries = distinct('countries.csv', 'country');
    const provinces = distinct('regions.csv', 'region', (r) => r.country === 'CN');
    const expected: Record<string, number> = {
      'hashrate-by-country': countries.length,
      'share-by-country': countries.length,
      'energy-by-country': countries.length,
      'co2-by-country': countries.length,
      'china-provinces': provinces.length,
      network: 3,
    };
    expect(countries).toHaveLength(9);
    expect(provinces).toHaveLength(7);
    for (const c of charts) {
      const selector = c.kind === 'cells' ? `#chart-${c.name} svg g.mark-rect.role-mark path` : `#chart-${c.name} svg g.role-legend-symbol path`;
      const drawn = await page.locator(selector).count();
      expect(drawn, c.name).toBe(c.series);
      if (c.name in expected) expect(c.series, c.name).toBe(expected[c.name]);
    }
    // The stacked bars: one per month and country.
    const months = distinct('network.csv', 'month').length;
    expect(await page.locator('#chart-hashrate-by-country svg g.mark-rect.role-mark path').count()).toBe(months * countries.length);
  });

  test('event markers are labelled', async () => {
    const labels = await page.locator('#chart-china-provinces svg g.mark-text.role-mark text').allTextContents();
    expect(labels.join(' ')).toContain('sichuan-ban');
  });

  test('tooltips: hovering a bar names its month, country and value', async () => {
    const bar = page.locator('#chart-hashrate-by-country svg g.mark-rect.role-mark path').nth(200);
    await bar.scrollIntoViewIfNeeded();
    await bar.hover({ force: true });
    await expect.poll(() => page.locator('#chart-hashrate-by-country').getAttribute('title')).toMatch(/month: \d{4}-\d{2}\ncountry: [A-Z]+\nhashrate \(EH\/s\): [\d.,]+/);
  });

  test('no console errors, nothing fetched but files', async () => {
    expect(consoleErrors).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    for (const url of requests) expect(url).toMatch(/^file:\/\//);
  });

  test('a screenshot is saved under results/screenshots/', async () => {
    mkdirSync('results/screenshots', { recursive: true });
    const png = await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(png.length).toBeGreaterThan(10_000);
  });
});
