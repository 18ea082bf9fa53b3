/**
 * One side of a comparison, read from a results folder: a single run (countries.csv, network.csv, flows.csv) or
 * an ensemble (summary_countries.csv, summary_network.csv). Each value is a band (low, mid, high): a run's value
 * three times, an ensemble's 5th percentile, median and 95th percentile.
 */
import { basename, resolve } from 'node:path';
import { ResultsError } from '../charts/resultsError.ts';
import { readResults, type Manifest, type ResultsFolder } from '../charts/resultsFolder.ts';
import { requireColumns } from '../charts/tidyCsv.ts';

/** A value with its band: a run's value (low = mid = high) or an ensemble's p5, median and p95. */
export interface Band {
  low: number;
  mid: number;
  high: number;
}

/** Variables compared per country and for the network. */
export const COMPARED_VARIABLES = ['hashrate_ehs', 'share', 'energy_twh', 'co2_mt'] as const;
export const NETWORK_VARIABLES = ['hashrate_ehs', 'energy_twh', 'co2_mt'] as const;

/** A side: what it is, its values by `month\tcountry\tvariable` and `month\tvariable`, its flows by `from\tto`. */
export interface Side {
  dir: string;
  label: string;
  kind: 'run' | 'ensemble';
  manifest?: Manifest;
  months: string[];
  countries: string[];
  country: Map<string, Band>;
  network: Map<string, Band>;
  /** EH/s whose move from region to region started in a month, by `month\tfrom\tto` (runs only). */
  flows?: Map<string, number>;
}

const point = (v: number): Band => ({ low: v, mid: v, high: v });

/** The name a side goes by: its scenario's name, else its folder's. */
function labelOf(folder: ResultsFolder): string {
  return folder.manifest?.scenario ?? basename(resolve(folder.dir));
}

/**
 * Reads a side from a results folder. Throws a `ResultsError` when the folder holds neither a run's nor an
 * ensemble's country table.
 * @example readSide('results/china-2021').kind // 'run'
 */
export function readSide(dir: string): Side {
  return sideOf(readResults(dir));
}

/** The side of a folder already read. */
export function sideOf(folder: ResultsFolder): Side {
  if (folder.summaryCountries) return ensembleSide(folder);
  if (folder.countries) return runSide(folder);
  throw new ResultsError(`${folder.dir}: expected the results of a run (countries.csv) or an ensemble (summary_countries.csv), found neither`);
}

function runSide(folder: ResultsFolder): Side {
  const t = folder.countries!;
  requireColumns(t, ['month', 'country'], [...COMPARED_VARIABLES]);
  const country = new Map<string, Band>();
  const network = new Map<string, Band>();
  const add = (key: string, v: number) => network.set(key, point((network.get(key)?.mid ?? 0) + v));
  for (const r of t.rows) {
    for (const v of COMPARED_VARIABLES) country.set(`${r.month}\t${r.country}\t${v}`, point(Number(r[v])));
    add(`${r.month}\tenergy_twh`, Number(r.energy_twh));
    add(`${r.month}\tco2_mt`, Number(r.co2_mt));
  }
  if (folder.network) {
    requireColumns(folder.network, ['month'], ['hashrate_ehs']);
    for (const r of folder.network.rows) network.set(`${r.month}\thashrate_ehs`, point(Number(r.hashrate_ehs)));
  } else {
    for (const r of t.rows) add(`${r.month}\thashrate_ehs`, Number(r.hashrate_ehs));
  }
  let flows: Map<string, number> | undefined;
  if (folder.flows) {
    requireColumns(folder.flows, ['month', 'from', 'to'], ['hashrate_ehs']);
    flows = new Map();
    for (const r of folder.flows.rows) flows.set(`${r.month}\t${r.from}\t${r.to}`, Number(r.hashrate_ehs));
  }
  return {
    dir: folder.dir,
    label: labelOf(folder),
    kind: 'run',
    manifest: folder.manifest,
    months: [...new Set(t.rows.map((r) => String(r.month)))].sort(),
    countries: [...new Set(t.rows.map((r) => String(r.country)))].sort(),
    country,
    network,
    flows,
  };
}

function ensembleSide(folder: ResultsFolder): Side {
  const t = folder.summaryCountries!;
  if (t.columns.includes('point')) {
    throw new ResultsError(`${folder.dir}: a sweep's summaries hold several points; compare one point's folder (${folder.dir}/points/pNNNN) instead`);
  }
  requireColumns(t, ['month', 'country', 'variable'], ['p5', 'p50', 'p95']);
  const band = (r: Record<string, unknown>): Band => ({ low: Number(r.p5), mid: Number(r.p50), high: Number(r.p95) });
  const country = new Map<string, Band>();
  for (const r of t.rows) country.set(`${r.month}\t${r.country}\t${r.variable}`, band(r));
  const network = new Map<string, Band>();
  if (folder.summaryNetwork) {
    requireColumns(folder.summaryNetwork, ['month', 'variable'], ['p5', 'p50', 'p95']);
    for (const r of folder.summaryNetwork.rows) network.set(`${r.month}\t${r.variable}`, band(r));
  }
  return {
    dir: folder.dir,
    label: labelOf(folder),
    kind: 'ensemble',
    manifest: folder.manifest,
    months: [...new Set(t.rows.map((r) => String(r.month)))].sort(),
    countries: [...new Set(t.rows.map((r) => String(r.country)))].sort(),
    country,
    network,
  };
}
