/**
 * A results folder's charts and report: `charts/<name>.vl.json` (the Vega-Lite spec, data inline),
 * `charts/<name>.svg` and `charts/<name>.png` for each chart the folder's files allow, and `report.html`.
 *
 * Commands that write results (run, ensemble, sweep, backtest, calibrate, compare) call `chartSet(dir, files)`
 * with the files they are about to write and add what it returns to the set they write atomically;
 * `hashsim report <dir>` calls `writeCharts(dir)` on a folder already on disk. `run`, which must stay fast, asks
 * for the specs and report only and has the SVG and PNG drawn by a background process (`drawImagesInBackground`).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFolderAtomically, type FileContent } from '../atomicFolder.ts';
import type { Chart, VlSpec } from './chart.ts';
import { chartsOf } from './chartList.ts';
import { compileSpec, renderPng, renderSvg } from './render.ts';
import { readResults, resultsFromFiles, type ResultsFolder } from './resultsFolder.ts';
import { saveCodeCache } from './vegaRuntime.ts';
import { reportHtml } from '../html/report.ts';

/** The folder, under a results folder, that holds the charts. */
export const CHARTS_DIR = 'charts';

/** The report's file name, in the results folder. */
export const REPORT_FILE = 'report.html';

/** Options of `chartSet` and `writeCharts`. */
export interface ChartSetOptions {
  /** Include the SVG and PNG (default true; drawing them loads vega and takes about 0.1 s per chart). */
  images?: boolean;
  /** Include report.html (default true). */
  report?: boolean;
  /** Charts to draw instead of those the folder's files give (compare builds its own). */
  charts?: readonly Chart[];
}

/** A chart's file names within charts/: `<name>.vl.json`, `<name>.svg`, `<name>.png`. */
export function chartFiles(name: string): { spec: string; svg: string; png: string } {
  return { spec: `${name}.vl.json`, svg: `${name}.svg`, png: `${name}.png` };
}

/** The text of a spec file: the Vega-Lite spec as indented JSON. */
export function specText(spec: VlSpec): string {
  return JSON.stringify(spec, null, 2) + '\n';
}

/**
 * Draws SVG and PNG of Vega-Lite specs, in order: each spec is compiled and drawn as SVG on this thread, and its
 * PNG is rasterised on libuv's threads while the next SVG is drawn.
 * @example const [{svg, png}] = await drawImages([chart.spec])
 */
export async function drawImages(specs: readonly VlSpec[]): Promise<{ svg: string; png: Uint8Array }[]> {
  const out: { svg: string; png: Promise<Uint8Array> }[] = [];
  for (const spec of specs) {
    const svg = await renderSvg(compileSpec(spec));
    out.push({ svg, png: renderPng(svg) });
  }
  saveCodeCache();
  return Promise.all(out.map(async (o) => ({ svg: o.svg, png: await o.png })));
}

/**
 * The chart files and report of a folder already read: name relative to the folder -> content.
 * @example await chartSetOf(readResults('results/small')) // Map {'charts/hashrate-by-country.vl.json' => '{...', ...}
 */
export async function chartSetOf(folder: ResultsFolder, options: ChartSetOptions = {}): Promise<Map<string, FileContent>> {
  const charts = options.charts ?? chartsOf(folder);
  const files = new Map<string, FileContent>();
  for (const chart of charts) files.set(`${CHARTS_DIR}/${chartFiles(chart.name).spec}`, specText(chart.spec));
  if (options.images ?? true) {
    const images = await drawImages(charts.map((c) => c.spec));
    charts.forEach((chart, i) => {
      files.set(`${CHARTS_DIR}/${chartFiles(chart.name).svg}`, images[i].svg);
      files.set(`${CHARTS_DIR}/${chartFiles(chart.name).png}`, images[i].png);
    });
  }
  if (options.report ?? true) files.set(REPORT_FILE, reportHtml(folder, charts));
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
  const prefix = `${CHARTS_DIR}/`;
  const charts = new Map([...set].filter(([name]) => name.startsWith(prefix)).map(([name, c]) => [name.slice(prefix.length), c]));
  const written = writeFolderAtomically(join(dir, CHARTS_DIR), charts, { owns: (entry) => /\.(vl\.json|svg|png)$/.test(entry) });
  const report = set.get(REPORT_FILE);
  if (report !== undefined) {
    replaceFile(join(dir, REPORT_FILE), report);
    written.push(join(dir, REPORT_FILE));
  }
  return written;
}

/** Writes a file through a temporary name in the same folder. */
function replaceFile(path: string, content: FileContent): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Draws the SVG and PNG of every spec in `dir/charts/`. Each image is written (through a temporary name) only if its spec file still holds the spec it was
 * drawn from, so a newer run into the same folder never gets images of an older one. Returns the paths written.
 */
export async function drawFolderImages(dir: string): Promise<string[]> {
  const chartsDir = join(dir, CHARTS_DIR);
  if (!existsSync(chartsDir)) return [];
  const names = readdirSync(chartsDir).filter((f) => f.endsWith('.vl.json')).sort().map((f) => f.slice(0, -'.vl.json'.length));
  const written: string[] = [];
  for (const name of names) {
    const files = chartFiles(name);
    const specPath = join(chartsDir, files.spec);
    let text: string;
    try {
      text = readFileSync(specPath, 'utf8');
    } catch {
      continue; // the folder was replaced meanwhile
    }
    const [image] = await drawImages([JSON.parse(text) as VlSpec]);
    for (const [file, content] of [[files.svg, image.svg], [files.png, image.png]] as const) {
      const stillThere = existsSync(specPath) && readFileSync(specPath, 'utf8') === text;
      if (!stillThere) return written;
      try {
        replaceFile(join(chartsDir, file), content);
        written.push(join(chartsDir, file));
      } catch {
        return written; // the folder went away (a newer run replaced it)
      }
    }
  }
  return written;
}

/** The CLI entry point that starts the background drawing (it picks the bundle or tsx by itself). */
const CLI_ENTRY = fileURLToPath(new URL('../../../bin/hashsim.js', import.meta.url));

/**
 * Starts a detached process, at low priority, that draws the SVG and PNG of the specs `run` wrote into
 * `dir/charts/` (`hashsim report <dir> --images-only`); returns at once. The process ends by itself.
 */
export function drawImagesInBackground(dir: string): void {
  const child = spawn(process.execPath, [CLI_ENTRY, 'report', dir, '--images-only', '--quiet'], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  try {
    if (child.pid !== undefined) setPriority(child.pid, 10);
  } catch {
    // Lowering the priority is a courtesy; the drawing goes on either way.
  }
  child.unref();
}
