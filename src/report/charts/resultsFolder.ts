/**
 * What a results folder holds, read from disk: the files of `run` (countries.csv, regions.csv, network.csv,
 * flows.csv, events.jsonl, manifest.json) and, when present, those of `ensemble`, `sweep`, `backtest`,
 * `calibrate` and `compare`. Charts and the report are built from this, so they work on any folder.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ResultsError } from './resultsError.ts';
import { parseCsv, type Table } from './tidyCsv.ts';

/** One line of events.jsonl. */
export interface EventRecord {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `YYYY-MM`. */
  month: string;
  /** The scenario's event id, or `halving`. */
  event: string;
  type: string;
  phase: string;
  regions: string[];
  agents?: number;
  hashrateEhs?: number;
  detail?: string;
}

/** The manifest fields the report shows (all optional: folders of other commands may lack some). */
export interface Manifest {
  program?: string;
  version?: string;
  scenario?: string;
  scenarioFile?: string;
  scenarioHash?: string;
  seed?: number;
  /** Seeds of an ensemble (a list, or the file that lists them), or its master seed. */
  seeds?: number[] | string;
  masterSeed?: number;
  runs?: number;
  months?: { start: string; end: string };
  [key: string]: unknown;
}

/** CSV files charts know, by role -> file name. */
export const KNOWN_CSV = {
  countries: 'countries.csv',
  regions: 'regions.csv',
  network: 'network.csv',
  flows: 'flows.csv',
  summaryCountries: 'summary_countries.csv',
  summaryRegions: 'summary_regions.csv',
  summaryNetwork: 'summary_network.csv',
  points: 'points.csv',
  backtest: 'backtest.csv',
  metrics: 'metrics.csv',
  posterior: 'posterior.csv',
  particles: 'particles.csv',
  calibrationSummary: 'summary.csv',
  compareCountries: 'compare_countries.csv',
  compareNetwork: 'compare_network.csv',
  compareTotals: 'compare_totals.csv',
  compareFlows: 'compare_flows.csv',
} as const;

export type CsvRole = keyof typeof KNOWN_CSV;

/** A results folder as read from disk: each known file that is present. */
export type ResultsFolder = { dir: string; manifest?: Manifest; events?: EventRecord[] } & { [K in CsvRole]?: Table };

/** Gives the text of a file of the folder by name, or undefined when the folder has no such file. */
export type FileSource = (name: string) => string | undefined;

/**
 * Reads every known file present in `dir`. Throws a `ResultsError` (file:line:column and what was wrong) if the
 * folder is missing or a file is malformed.
 * @example readResults('results/china-2021').countries?.rows.length // 324
 */
export function readResults(dir: string): ResultsFolder {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ResultsError(`${dir}: expected a results folder, found ${existsSync(dir) ? 'a file' : 'nothing'}`);
  return resultsFromSource(dir, (name) => {
    const path = join(dir, name);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  });
}

/**
 * The same from files held in memory (name -> text or bytes), before they are written to `dir`: a command
 * builds its charts this way and writes them in one set with its other files.
 * @example resultsFromFiles('results/x', renderOutputs(trajectory, resolved)).network?.rows.length
 */
export function resultsFromFiles(dir: string, files: ReadonlyMap<string, string | Uint8Array>): ResultsFolder {
  const decoder = new TextDecoder();
  return resultsFromSource(dir, (name) => {
    const content = files.get(name);
    return content === undefined || typeof content === 'string' ? content : decoder.decode(content);
  });
}

/** Parses the known files `source` gives, naming them as paths under `dir` in error messages. */
export function resultsFromSource(dir: string, source: FileSource): ResultsFolder {
  const folder: ResultsFolder = { dir };
  for (const [role, name] of Object.entries(KNOWN_CSV) as [CsvRole, string][]) {
    const text = source(name);
    if (text !== undefined) folder[role] = parseCsv(text, join(dir, name));
  }
  const manifest = source('manifest.json');
  if (manifest !== undefined) folder.manifest = parseJson(manifest, join(dir, 'manifest.json')) as Manifest;
  const calibration = manifest === undefined ? source('calibration.json') : undefined;
  if (calibration !== undefined) folder.manifest = calibrationManifest(parseJson(calibration, join(dir, 'calibration.json')));
  const events = source('events.jsonl');
  if (events !== undefined) folder.events = parseEvents(events, join(dir, 'events.jsonl'));
  return folder;
}

/** The manifest fields of a calibration's calibration.json (its scenario is an object there). */
function calibrationManifest(json: unknown): Manifest {
  const c = (json ?? {}) as { program?: string; version?: string; scenario?: { name?: string; file?: string; hash?: string }; settings?: { seed?: number } };
  return {
    program: c.program,
    version: c.version,
    command: 'calibrate',
    scenario: c.scenario?.name,
    scenarioFile: c.scenario?.file,
    scenarioHash: c.scenario?.hash,
    masterSeed: c.settings?.seed,
  };
}

/** Parses JSON text, reporting a syntax error with its line and column in `path`. */
export function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ResultsError(`${path}:${jsonErrorPosition(text, e)} expected JSON, ${e instanceof Error ? e.message : String(e)}`);
  }
}

function jsonErrorPosition(text: string, e: unknown): string {
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
  if (!m) return '1:1';
  const before = text.slice(0, Number(m[1])).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** Parses events.jsonl: one JSON object per line, each with at least date, month, event, type and phase. */
export function parseEvents(text: string, path: string): EventRecord[] {
  const lines = text.split('\n');
  const events: EventRecord[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ResultsError(`${path}:${i + 1}:1: expected one JSON object per line, found ${JSON.stringify(line.slice(0, 40))}`);
    }
    const e = value as Partial<EventRecord>;
    for (const key of ['date', 'month', 'event', 'type', 'phase'] as const) {
      if (typeof e[key] !== 'string') throw new ResultsError(`${path}:${i + 1}:1 ${key}: expected a string, found ${JSON.stringify(e[key])}`);
    }
    events.push({ ...e, regions: Array.isArray(e.regions) ? e.regions.map(String) : [] } as EventRecord);
  });
  return events;
}
