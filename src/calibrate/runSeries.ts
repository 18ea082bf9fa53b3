/**
 * What the backtest keeps of one run: per-country active and hidden hashrate, the share of each country under
 * a ban, and the network series, month by month. Small (a few KB per run), so an ensemble of 1,000 runs is
 * held in memory, and the observation model can be applied again with other parameters without re-simulating.
 */
import { firstDayOfMonth } from '../engine/calendar.ts';
import type { Trajectory } from '../model/trajectory.ts';
import type { MonthIndex, Plan } from '../plan/plan.ts';

/** One run's series, per month (index `step * countries.length + c` for per-country arrays). */
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
  /** Network-average efficiency of the hashing fleet, J/TH (load over hashing hashrate), per month; 0 without hashing. */
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
 * Keeps what the backtest needs of a trajectory (per-country active and hidden hashrate, ban coverage, network
 * hashrate and efficiency).
 * @example runSeriesFromTrajectory(runScenario(template, seed).trajectory).countries // ['CA', 'CN', ...]
 */
export function runSeriesFromTrajectory(t: Trajectory): RunSeries {
  const countries = [...new Set(t.plan.regions.map((r) => r.country))].sort();
  const C = countries.length;
  const R = t.regionCount;
  const M = t.months.length;
  const countryOf = t.plan.regions.map((r) => countries.indexOf(r.country));
  const activeThs = new Float64Array(M * C);
  const hiddenThs = new Float64Array(M * C);
  const networkJPerTh = new Float64Array(M);
  for (let s = 0; s < M; s++) {
    let loadMw = 0;
    let hashing = 0;
    for (let r = 0; r < R; r++) {
      const k = s * R + r;
      activeThs[s * C + countryOf[r]] += t.region.activeThs[k];
      hiddenThs[s * C + countryOf[r]] += t.region.hiddenThs[k];
      loadMw += t.region.loadMw[k];
      hashing += t.region.activeThs[k] + t.region.hiddenThs[k];
    }
    networkJPerTh[s] = hashing > 0 ? (loadMw * 1e6) / hashing : 0; // MW -> W; W per TH/s = J/TH
  }
  return {
    seed: t.seed,
    startMonth: t.plan.startMonth,
    months: M,
    countries,
    activeThs,
    hiddenThs,
    banCoverage: banCoverage(t.plan, countries),
    networkHashingThs: Float64Array.from(t.network.hashingThs),
    networkJPerTh,
  };
}
