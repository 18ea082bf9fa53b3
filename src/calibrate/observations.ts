/**
 * The observed record the backtest scores against, read from the copies in `scenarios/data/` (each file keeps
 * its source line; see `scenarios/data/FACTS.md` for how the Cambridge map was measured):
 * - CBECI mining map, monthly hashrate share by country, 2019-09 to 2021-08 (`cbeci_country_share.csv`);
 * - monthly mean network hashrate, EH/s, and difficulty (`network_hashrate_monthly.csv`, column A);
 * - monthly mean Bitcoin price, USD (`btc_price_monthly.csv`; an input of the scenarios, loaded for reference);
 * - CBECI network-average efficiency, J/TH (`cbeci_efficiency_monthly.csv`, the estimate).
 * Nothing after `OBSERVATION_CUTOFF` (2021-08) is ever read: later rows of these files (2024) are dropped on
 * load, and later months are the out-of-sample check of the project's forecasts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseMonth } from '../engine/calendar.ts';
import type { MonthIndex } from '../plan/plan.ts';

/** The last month any observation may come from: `2021-08`. */
export const OBSERVATION_CUTOFF: MonthIndex = parseMonth('2021-08')!;

/** The folder of the observation files (`scenarios/data/` of this checkout). */
export const DATA_DIR = fileURLToPath(new URL('../../scenarios/data/', import.meta.url));

/** The countries the backtest scores, in this order. Every other simulated or mapped country counts as OTHER. */
export const SCORED_COUNTRIES = ['CN', 'US', 'KZ', 'RU', 'CA', 'MY', 'IR', 'OTHER'] as const;
export type ScoredCountry = (typeof SCORED_COUNTRIES)[number];

/**
 * The columns of the CBECI map: the scored countries plus Germany and Ireland, which CCAF flags (`Germany *`,
 * `Ireland *`) as likely proxy-distorted. Both count as OTHER when scored; the observation model decides how
 * much simulated hashrate the map would have put there.
 */
export const MAP_COUNTRIES = ['CN', 'US', 'KZ', 'RU', 'CA', 'MY', 'IR', 'DE', 'IE', 'OTHER'] as const;
export type MapCountry = (typeof MAP_COUNTRIES)[number];

/** CBECI country labels -> map country codes. */
const CBECI_LABELS: Record<string, MapCountry> = {
  'Mainland China': 'CN',
  'United States': 'US',
  Kazakhstan: 'KZ',
  'Russian Federation': 'RU',
  Canada: 'CA',
  Malaysia: 'MY',
  'Iran, Islamic Rep.': 'IR',
  'Germany *': 'DE',
  'Ireland *': 'IE',
  Other: 'OTHER',
};

/**
 * The scored country a country code counts as: itself if scored, OTHER for anything else (DE, IE, KG, ...).
 * @example scoredCountryOf('KG') // 'OTHER'
 */
export function scoredCountryOf(country: string): ScoredCountry {
  return (SCORED_COUNTRIES as readonly string[]).includes(country) ? (country as ScoredCountry) : 'OTHER';
}

/** A monthly observed series: month index -> value. */
export type MonthlySeries = ReadonlyMap<MonthIndex, number>;

/** Everything observed, up to `OBSERVATION_CUTOFF`. */
export interface Observations {
  /** CBECI map shares in percent, by month, one value per `MAP_COUNTRIES` entry (in that order). */
  mapSharesPercent: ReadonlyMap<MonthIndex, Float64Array>;
  /** Monthly mean network hashrate, EH/s (blockchain.com daily estimates, column A). */
  hashrateEhs: MonthlySeries;
  /** Monthly mean difficulty, in trillions. */
  difficultyT: MonthlySeries;
  /** Monthly mean Bitcoin price, USD. */
  btcPriceUsd: MonthlySeries;
  /** CBECI estimated network-average efficiency, J/TH (monthly mean of daily estimates). */
  efficiencyJPerTh: MonthlySeries;
  /** The source line (first line) of each file, by file name, verbatim. */
  sources: Record<string, string>;
}

/** Splits one CSV line, honouring double quotes (`2019-09-01,"Iran, Islamic Rep.",1.74%,1.54`). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

interface CsvTable {
  source: string;
  header: string[];
  rows: { line: number; cells: string[] }[];
}

function readTable(dir: string, file: string): CsvTable {
  const path = `${dir.replace(/\/?$/, '/')}${file}`;
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  let source = '';
  let header: string[] | undefined;
  const rows: CsvTable['rows'] = [];
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    if (text.startsWith('#')) {
      if (source === '') source = text;
      return;
    }
    if (!header) header = splitCsvLine(text);
    else rows.push({ line: i + 1, cells: splitCsvLine(text) });
  });
  if (!header) throw new Error(`${path}: no header row`);
  return { source, header, rows };
}

function monthOf(path: string, line: number, text: string): MonthIndex {
  const m = parseMonth(text.slice(0, 7));
  if (m === undefined) throw new Error(`${path}:${line}: expected a month YYYY-MM or date YYYY-MM-DD, found ${JSON.stringify(text)}`);
  return m;
}

function numberOf(path: string, line: number, text: string, what: string): number {
  const v = Number(text.replace(/%$/, ''));
  if (text.trim() === '' || !Number.isFinite(v)) throw new Error(`${path}:${line}: ${what}: expected a number, found ${JSON.stringify(text)}`);
  return v;
}

/** One column of a monthly CSV as a series, rows after the cutoff dropped, empty cells skipped. */
function monthlyColumn(dir: string, file: string, column: string, sources: Record<string, string>): Map<MonthIndex, number> {
  const t = readTable(dir, file);
  sources[file] = t.source;
  const c = t.header.indexOf(column);
  if (c < 0) throw new Error(`${dir}${file}: no column "${column}" (columns: ${t.header.join(', ')})`);
  const out = new Map<MonthIndex, number>();
  for (const row of t.rows) {
    const month = monthOf(file, row.line, row.cells[0]);
    if (month > OBSERVATION_CUTOFF) continue;
    const cell = row.cells[c] ?? '';
    if (cell.trim() === '') continue;
    out.set(month, numberOf(file, row.line, cell, column));
  }
  return out;
}

/**
 * Reads every observation from `dir` (default: `scenarios/data/`), dropping rows after 2021-08. Throws an
 * `Error` naming file and line when a file is missing or malformed (the files are the project's own data).
 * @example loadObservations().hashrateEhs.get(parseMonth('2021-07')!) // 100.18
 */
export function loadObservations(dir: string = DATA_DIR): Observations {
  const sources: Record<string, string> = {};
  const shareFile = 'cbeci_country_share.csv';
  const t = readTable(dir, shareFile);
  sources[shareFile] = t.source;
  const col = (name: string) => {
    const i = t.header.indexOf(name);
    if (i < 0) throw new Error(`${shareFile}: no column "${name}"`);
    return i;
  };
  const cCountry = col('country');
  const cShare = col('monthly_hashrate_%');
  const shares = new Map<MonthIndex, Float64Array>();
  for (const row of t.rows) {
    const month = monthOf(shareFile, row.line, row.cells[0]);
    if (month > OBSERVATION_CUTOFF) continue;
    const code = CBECI_LABELS[row.cells[cCountry]];
    if (code === undefined) throw new Error(`${shareFile}:${row.line}: unknown country ${JSON.stringify(row.cells[cCountry])}`);
    let v = shares.get(month);
    if (!v) shares.set(month, (v = new Float64Array(MAP_COUNTRIES.length)));
    v[MAP_COUNTRIES.indexOf(code)] += numberOf(shareFile, row.line, row.cells[cShare], 'monthly_hashrate_%');
  }
  return {
    mapSharesPercent: shares,
    hashrateEhs: monthlyColumn(dir, 'network_hashrate_monthly.csv', 'hashrate_ehs_A_blockchaincom_daily_mean', sources),
    difficultyT: monthlyColumn(dir, 'network_hashrate_monthly.csv', 'difficulty_T_mean', sources),
    btcPriceUsd: monthlyColumn(dir, 'btc_price_monthly.csv', 'btc_usd_mean', sources),
    efficiencyJPerTh: monthlyColumn(dir, 'cbeci_efficiency_monthly.csv', 'estimated_J_per_TH', sources),
    sources,
  };
}

/**
 * A month's map shares folded onto `SCORED_COUNTRIES` (Germany* and Ireland* into OTHER), in percent; the
 * result sums to the row's total (100 up to CBECI's rounding).
 * @example scoredShares(loadObservations().mapSharesPercent.get(parseMonth('2021-08')!)!)[7] // 8.86 + 4.68 + 4.48
 */
export function scoredShares(mapShares: ArrayLike<number>): Float64Array {
  const out = new Float64Array(SCORED_COUNTRIES.length);
  MAP_COUNTRIES.forEach((code, i) => {
    out[SCORED_COUNTRIES.indexOf(scoredCountryOf(code))] += mapShares[i];
  });
  return out;
}

/** First and last month with map shares (2019-09 and 2021-08). */
export function shareMonths(obs: Observations): { first: MonthIndex; last: MonthIndex } {
  const months = [...obs.mapSharesPercent.keys()].sort((a, b) => a - b);
  return { first: months[0], last: months[months.length - 1] };
}

