/**
 * A results folder's charts and report: `charts/<name>.vl.json` (the Vega-Lite spec, data inline),
 * `charts/<name>.svg` and `charts/<name>.png` for each chart the folder's files allow, and `report.html`.
 *
 * Commands that write results (run, ensemble, sweep, backtest, calibrate, compare) call `chartSet(dir, files)`
 * with the files they are about to write and add what it returns to the set they write atomically;
 * `hashsim report <dir>` calls `writeCharts(dir)` on a folder already on disk.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFolderAtomically, type FileContent } from '../atomicFolder.ts';
import type { Chart } from './chart.ts';
import { chartsOf } from './chartList.ts';
import { compileSpec, renderPng, renderSvg, type VegaSpec } from './render.ts';
import { readResults, resultsFromFiles, type ResultsFolder } from './resultsFolder.ts';
import { writeReportHtml } from '../html/report.ts';

/** The folder, under a results folder, that holds the charts. */
export const CHARTS_DIR = 'charts';

/** The report's file name, in the results folder. */
export const REPORT_FILE = 'report.html';

/** A chart with its compiled Vega spec and renderings. */
export interface RenderedChart {
  chart: Chart;
  vega: VegaSpec;
  svg: string;
  png: Uint8Array;
}

/** Options of `chartSet` and `writeCharts`. */
export interface ChartSetOptions {
  /** Include report.html (default true). */
  report?: boolean;
  /** Include the PNGs (default true). */
  png?: boolean;
  /** Charts to draw instead of those the folder's files give (compare builds its own). */
  charts?: readonly Chart[];
}

/** The charts' file names within charts/: `<name>.vl.json`, `<name>.svg`, `<name>.png`. */
export function chartFiles(name: string): string[] {
  return [`${name}.vl.json`, `${name}.svg`, `${name}.png`];
}

/**
 * Renders charts: compiles each spec, draws its SVG, and its PNG (PNGs render on libuv's threads while the next
 * SVG is drawn on this one).
 */
export async function renderCharts(charts: readonly Chart[], png = true): Promise<RenderedChart[]> {
  const out: { chart: Chart; vega: VegaSpec; svg: string; png: Promise<Uint8Array> }[] = [];
  for (const chart of charts) {
    const vega = compileSpec(chart.spec);
    const svg = await renderSvg(vega);
    out.push({ chart, vega, svg, png: png ? renderPng(svg) : Promise.resolve(new Uint8Array(0)) });
  }
  return Promise.all(out.map(async (o) => ({ ...o, png: await o.png })));
}

/**
 * The chart files and report of a folder read already: name relative to the folder -> content.
 * @example await chartSetOf(readResults('results/small')) // Map {'charts/hashrate-by-country.vl.json' => '{...', ...}
 */
export async function chartSetOf(folder: ResultsFolder, options: ChartSetOptions = {}): Promise<Map<string, FileContent>> {
  const png = options.png ?? true;
  const rendered = await renderCharts(options.charts ?? chartsOf(folder), png);
  const files = new Map<string, FileContent>();
  for (const r of rendered) {
    const [spec, svg, image] = chartFiles(r.chart.name);
    files.set(`${CHARTS_DIR}/${spec}`, JSON.stringify(r.chart.spec, null, 2) + '\n');
    files.set(`${CHARTS_DIR}/${svg}`, r.svg);
    if (png) files.set(`${CHARTS_DIR}/${image}`, r.png);
  }
  if (options.report ?? true) files.set(REPORT_FILE, writeReportHtml(folder, rendered));
  return files;
}

/**
 * The chart files and report for the files a command is about to write into `dir` (name -> content), to add
 * to the same set. Throws a `ResultsError` if one of the files is not what hashsim writes.
 * @example for (const [name, content] of await chartSet(outDir, files)) files.set(name, content);
 */
export async function chartSet(dir: string, files: ReadonlyMap<string, FileContent>, options: ChartSetOptions = {}): Promise<Map<string, FileContent>> {
  return chartSetOf(resultsFromFiles(dir, files), options);
}

/**
 * Reads the folder `dir` and (re)writes its charts and report: charts/ is replaced as a whole (atomically, so
 * charts of an earlier build that no longer apply go), then report.html. Returns the paths written. Throws a
 * `ResultsError` for a malformed file (nothing written), a `FolderWriteError` when the folder cannot be written.
 * @example await writeCharts('results/china-2021') // ['results/china-2021/charts/hashrate-by-country.vl.json', ...]
 */
export async function writeCharts(dir: string, options: ChartSetOptions = {}): Promise<string[]> {
  const set = await chartSetOf(readResults(dir), options);
  const charts = new Map([...set].filter(([name]) => name.startsWith(`${CHARTS_DIR}/`)).map(([name, c]) => [name.slice(CHARTS_DIR.length + 1), c]));
  const written = writeFolderAtomically(join(dir, CHARTS_DIR), charts, { owns: (entry) => /\.(vl\.json|svg|png)$/.test(entry) }).map((p) => p);
  const report = set.get(REPORT_FILE);
  if (report !== undefined) {
    const path = join(dir, REPORT_FILE);
    const temp = join(dir, `.${REPORT_FILE}.${process.pid}.tmp`);
    try {
      writeFileSync(temp, report);
      renameSync(temp, path);
    } finally {
      rmSync(temp, { force: true });
    }
    written.push(path);
  }
  return written;
}
