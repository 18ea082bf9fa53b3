/**
 * What the backtest keeps of one run: per-country active and hidden hashrate, the share of each country under
 * a ban, and the network series, month by month. Small (a few KB per run), so an ensemble of 1,000 runs is
 * held in memory, and the observation model can be applied again with other parameters without re-simulating.
 */
import { daysInMonth, firstDayOfMonth, parseMonth } from '../engine/calendar.ts';
import { runRows } from '../ensemble/runRows.ts';
import { tableDef, type TableName } from '../ensemble/tables.ts';
import type { TableRows } from '../ensemble/runRows.ts';
import type { Trajectory } from '../model/trajectory.ts';
import { THS_PER_EHS } from '../model/units.ts';
import type { MonthIndex, Plan } from '../plan/plan.ts';

/**
 * One run's series, per month (index `step * countries.length + c` for per-country arrays). Derived from the
 * run's per-run table rows (`runSeriesFromRows`), so the same run gives the same numbers whether it ran in
 * this process or was read back from an ensemble's Parquet files.
 */
export interface RunSeries {
  /** The run seed. */
  seed: number;
  /** First simulated month. */
  startMonth: MonthIndex;
  /** Number of months. */
  months: number;
  /** Simulated country codes, sorted (`CN`, `KG`, `US`, ...). */
  countries: string[];
  /** Active (declared, located) hashing hashrate, TH/s, per month and country. */
  activeThs: Float64Array;
  /** Hidden (covert mining in a banned region) hashing hashrate, TH/s, per month and country. */
  hiddenThs: Float64Array;
  /**
   * Share (0..1) of the country's start hashrate (the plan's `initialShare`s) sitting in regions with a ban in
   * force on the first day of the month, per month and country.
   */
  banCoverage: Float64Array;
  /** Network hashing hashrate (active + hidden), TH/s, per month. */
  networkHashingThs: Float64Array;
  /** Network-average efficiency of the hashing fleet, J/TH (mean power over hashing hashrate), per month; 0 without hashing. */
  networkJPerTh: Float64Array;
}

/**
 * Per month and country, the share of the country's start hashrate in regions with a ban in force on the
 * month's first day (effective on or before it, not lifted by then). A country with no start hashrate counts
 * its regions instead.
 * @example banCoverage(plan)[step * C + c] // 0.94 for CN in 2021-07 in china-2021
 */
export function banCoverage(plan: Plan, countries: readonly string[]): Float64Array {
  const C = countries.length;
  const out = new Float64Array(plan.months * C);
  const countryOf = plan.regions.map((r) => countries.indexOf(r.country));
  const weight = plan.regions.map((r) => r.initialShare);
  const total = new Float64Array(C);
  const regionsOf = new Float64Array(C);
  plan.regions.forEach((_, r) => {
    total[countryOf[r]] += weight[r];
    regionsOf[countryOf[r]] += 1;
  });
  const bans = plan.events.filter((e) => e.type === 'ban');
  const banned = new Uint8Array(plan.regions.length);
  for (let s = 0; s < plan.months; s++) {
    const day = firstDayOfMonth(plan.startMonth + s);
    banned.fill(0);
    for (const e of bans) {
      if (e.type !== 'ban' || e.effective > day || (e.lifted !== undefined && e.lifted <= day)) continue;
      for (const r of e.regions) banned[r] = 1;
    }
    plan.regions.forEach((_, r) => {
      if (!banned[r]) return;
      const c = countryOf[r];
      out[s * C + c] += total[c] > 0 ? weight[r] / total[c] : 1 / regionsOf[c];
    });
  }
  for (let k = 0; k < out.length; k++) out[k] = Math.min(1, out[k]);
  return out;
}

/**
 * A run's series from its per-run table rows (`runRows` of src/ensemble: the numbers the ensemble runner
 * writes to Parquet), so a run gives the same series in this process or read back from an ensemble's files.
 * Active = hashing - hidden; efficiency = the month's energy over its hours, over the hashing hashrate. The
 * plan gives the start month and the ban coverage.
 * @example runSeriesFromRows(runRows(trajectory), trajectory.seed, trajectory.plan)
 */
export function runSeriesFromRows(rows: Record<TableName, TableRows>, seed: number, plan: Plan): RunSeries {
  const M = plan.months;
  const c = rows.countries;
  const countries = [...new Set(c.keys[0])].sort();
  const C = countries.length;
  if (c.month.length !== M * C || rows.network.month.length !== M) {
    throw new RangeError(`runSeriesFromRows: ${c.month.length} country rows and ${rows.network.month.length} network rows for ${M} months x ${C} countries`);
  }
  const col = (table: TableName, name: string) => rows[table].values[tableDef(table).values.findIndex((v) => v.name === name)];
  const hashing = col('countries', 'hashrate_ehs');
  const hidden = col('countries', 'hidden_ehs');
  const activeThs = new Float64Array(M * C);
  const hiddenThs = new Float64Array(M * C);
  const index = new Map(countries.map((code, i) => [code, i]));
  for (let i = 0; i < c.month.length; i++) {
    const k = (parseMonth(c.month[i])! - plan.startMonth) * C + index.get(c.keys[0][i])!;
    activeThs[k] = Math.max(0, hashing[i] - hidden[i]) * THS_PER_EHS;
    hiddenThs[k] = hidden[i] * THS_PER_EHS;
  }
  const networkEhs = col('network', 'hashrate_ehs');
  const energyTwh = col('network', 'energy_twh');
  const networkHashingThs = new Float64Array(M);
  const networkJPerTh = new Float64Array(M);
  for (let s = 0; s < M; s++) {
    networkHashingThs[s] = networkEhs[s] * THS_PER_EHS;
    const hours = daysInMonth(plan.startMonth + s) * 24;
    // TWh / h = 1e12 W; W per TH/s = J/TH
    networkJPerTh[s] = networkHashingThs[s] > 0 ? (energyTwh[s] * 1e12) / hours / networkHashingThs[s] : 0;
  }
  return { seed, startMonth: plan.startMonth, months: M, countries, activeThs, hiddenThs, banCoverage: banCoverage(plan, countries), networkHashingThs, networkJPerTh };
}

/**
 * Keeps what the backtest needs of a trajectory: `runSeriesFromRows` of its per-run rows.
 * @example runSeriesFromTrajectory(runScenario(template, seed).trajectory).countries // ['CA', 'CN', ...]
 */
export function runSeriesFromTrajectory(t: Trajectory): RunSeries {
  return runSeriesFromRows(runRows(t), t.seed, t.plan);
}
