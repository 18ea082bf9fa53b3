/**
 * The backtest: a scenario's runs against the observed record over a window, beside three baselines.
 *
 * Scored quantities: each scored country's share of hashrate in percent (`shares`, in two views: `raw`, the
 * simulated truth, and `map`, what the CBECI map would have shown through the observation model), the network
 * hashrate in EH/s and the network-average efficiency in J/TH (`hashrate`, `efficiency`; the blockchain sees
 * all hashing, so the observation model does not apply to them).
 *
 * What is conditioned on what (see window.ts for the months): the model's runs start at the scenario's start
 * from its initial state (itself read from the record of that month) and never see an observation after it;
 * their inputs (Bitcoin price, event dates) are the scenario's, i.e. the actual price path and the actual
 * policy dates, so a forecast from an origin is conditional on those. The baselines see the record up to and
 * including the origin month, and nothing after it, except where the record before the origin is shorter
 * than `MIN_FIT_MONTHS` (a replay starting at the first CBECI month): the trend and the random walk's step
 * size are then fitted on the first 12 months from the origin ("hindsight", flagged in the result), which
 * makes those baselines stronger than a forecaster could be, and the model's skill against them conservative.
 *
 * `scoreRuns` is the fast path for calibration: runs in, scores out, with any observation-model parameters.
 */
import { formatMonth, parseMonth } from '../engine/calendar.ts';
import { namedStream } from '../engine/streams.ts';
import { THS_PER_EHS } from '../model/units.ts';
import type { MonthIndex } from '../plan/plan.ts';
import { prepareRuns } from '../run/index.ts';
import type { ResolvedScenario } from '../scenario/index.ts';
import { linearTrendForecast, persistenceForecast, randomWalkForecast, randomWalkStepSd, type ForecastBounds, type RandomWalkOptions } from './baselines.ts';
import { scoreEnsemble, type EnsembleScore } from './ensembleScore.ts';
import { hashrateDiscrepancyFactors } from './modelDiscrepancy.ts';
import { hashrateNoiseFactors } from './observationNoise.ts';
import { compileObservation, mapSharesPercent, observationParams, rawSharesPercent, type CompiledObservation, type ObservationParams } from './observationModel.ts';
import { loadObservations, SCORED_COUNTRIES, scoredShares, shareMonths, type MonthlySeries, type Observations } from './observations.ts';
import { ensembleSeeds, runsInProcess, type RunSource } from './runSource.ts';
import type { RunSeries } from './runSeries.ts';
import { backtestWindow, BacktestInputError, type BacktestWindow, type WindowRequest } from './window.ts';

/** Months before (and including) the origin that the trend and the random walk are fitted on. */
export const BASELINE_FIT_MONTHS = 12;
/** Fewest observed months at or before the origin for an honest fit; fewer: fitted in hindsight (see above). */
export const MIN_FIT_MONTHS = 3;
/** Default number of random-walk paths. */
export const RANDOM_WALK_PATHS = 1000;

/** The two views of the country shares. */
export type ShareView = 'raw' | 'map';
export const SHARE_VIEWS: readonly ShareView[] = ['raw', 'map'];

/** The observed panels of a window's scored months. */
export interface WindowObservations {
  window: BacktestWindow;
  /** Scored months (as `window.scored`). */
  months: MonthIndex[];
  /** Observed shares, %, scored months x `SCORED_COUNTRIES` (Germany* and Ireland* in OTHER). */
  shares: Float64Array;
  /** Observed network hashrate, EH/s, per scored month. */
  hashrateEhs: Float64Array;
  /** Observed network efficiency (CBECI estimate), J/TH, per scored month; undefined if a month lacks it. */
  efficiencyJPerTh?: Float64Array;
}

/**
 * The observations of a window's scored months, ready for `scoreRuns` (build once, score many times).
 * @example windowObservations(loadObservations(), window).shares.length // window.scored.length * 8
 */
export function windowObservations(obs: Observations, window: BacktestWindow): WindowObservations {
  const K = SCORED_COUNTRIES.length;
  const T = window.scored.length;
  const shares = new Float64Array(T * K);
  const hashrateEhs = new Float64Array(T);
  let efficiency: Float64Array | undefined = new Float64Array(T);
  window.scored.forEach((m, t) => {
    const row = obs.mapSharesPercent.get(m);
    const h = obs.hashrateEhs.get(m);
    if (!row || h === undefined) throw new BacktestInputError(`no observation for ${formatMonth(m)}`);
    shares.set(scoredShares(row), t * K);
    hashrateEhs[t] = h;
    const e = obs.efficiencyJPerTh.get(m);
    if (e === undefined) efficiency = undefined;
    else if (efficiency) efficiency[t] = e;
  });
  return { window, months: window.scored, shares, hashrateEhs, efficiencyJPerTh: efficiency };
}

/** Observation-model parameters for every run alike, or per run (scenario draws). */
export type ObservationFor = ObservationParams | ((run: RunSeries) => ObservationParams);

/**
 * The model's share members for the scored months: one panel (months x 8, %) per run, stacked, in the given view.
 * @example shareMembers(runs, window.scored, 'map', DEFAULT_OBSERVATION)
 */
export function shareMembers(runs: readonly RunSeries[], months: readonly MonthIndex[], view: ShareView, observation: ObservationFor): Float64Array {
  const K = SCORED_COUNTRIES.length;
  const T = months.length;
  const out = new Float64Array(runs.length * T * K);
  const compiled = new Map<string, CompiledObservation>(); // for one parameter set: by country list
  let scratch = new Float64Array(0);
  runs.forEach((run, i) => {
    if (scratch.length !== run.months * K) scratch = new Float64Array(run.months * K);
    let all: Float64Array;
    if (view === 'raw') all = rawSharesPercent(run, scratch);
    else if (typeof observation === 'function') all = mapSharesPercent(run, compileObservation(observation(run), run.countries), scratch);
    else {
      const key = run.countries.join(',');
      let model = compiled.get(key);
      if (!model) compiled.set(key, (model = compileObservation(observation, run.countries)));
      all = mapSharesPercent(run, model, scratch);
    }
    months.forEach((m, t) => {
      const s = stepOf(run, m);
      out.set(all.subarray(s * K, (s + 1) * K), (i * T + t) * K);
    });
  });
  return out;
}

function stepOf(run: RunSeries, month: MonthIndex): number {
  const s = month - run.startMonth;
  if (s < 0 || s >= run.months) throw new RangeError(`run ${run.seed} has no month ${formatMonth(month)}`);
  return s;
}

/**
 * The model's network members for the scored months: hashrate in EH/s or efficiency in J/TH, one row per run.
 * With `observation`, the hashrate is as the blockchain's estimate would show it (its `hashrateNoise`), model
 * discrepancy included (`discrepancyHashrate`).
 */
export function networkMembers(runs: readonly RunSeries[], months: readonly MonthIndex[], quantity: 'hashrate' | 'efficiency', observation?: ObservationFor): Float64Array {
  const T = months.length;
  const out = new Float64Array(runs.length * T);
  runs.forEach((run, i) => {
    const p = quantity === 'hashrate' && observation ? (typeof observation === 'function' ? observation(run) : observation) : undefined;
    // Per month: the measurement error times the model discrepancy (all 1 where they are 0).
    const errors = p ? hashrateNoiseFactors(run.months, p.hashrateNoise, run.seed) : undefined;
    if (p && errors) {
      const discrepancy = hashrateDiscrepancyFactors(run.months, p.discrepancyHashrate, p.discrepancyHashrateCorrelation, run.seed);
      for (let s = 0; s < run.months; s++) errors[s] *= discrepancy[s];
    }
    months.forEach((m, t) => {
      const s = stepOf(run, m);
      out[i * T + t] = quantity === 'hashrate' ? (run.networkHashingThs[s] / THS_PER_EHS) * (errors ? errors[s] : 1) : run.networkJPerTh[s];
    });
  });
  return out;
}

/** The model's scores over a window. */
export interface RunScores {
  /** Country shares (series in `SCORED_COUNTRIES` order), in the requested view. */
  shares: EnsembleScore;
  /** Network hashrate, EH/s (with MAPE). */
  hashrate: EnsembleScore;
  /** Network efficiency, J/TH (with MAPE), when observed in every scored month. */
  efficiency?: EnsembleScore;
}

/**
 * Scores an ensemble of runs against a window's observations: the calibration's inner loop. Fast (no
 * simulation; about m log m per month and series for m runs); `observation` may differ from the scenario's to
 * re-score the same runs under other observation-model parameters.
 * @example scoreRuns(runs, windowObservations(loadObservations(), window), 'map', DEFAULT_OBSERVATION).shares.series[0].mae // CN's MAE, pp
 */
export function scoreRuns(runs: readonly RunSeries[], observed: WindowObservations, view: ShareView, observation: ObservationFor): RunScores {
  if (runs.length === 0) throw new RangeError('scoreRuns: no runs');
  const T = observed.months.length;
  const K = SCORED_COUNTRIES.length;
  const shares = scoreEnsemble(shareMembers(runs, observed.months, view, observation), runs.length, observed.shares, T, K);
  const hashrate = scoreEnsemble(networkMembers(runs, observed.months, 'hashrate', observation), runs.length, observed.hashrateEhs, T, 1, { percentErrors: true });
  const efficiency = observed.efficiencyJPerTh
    ? scoreEnsemble(networkMembers(runs, observed.months, 'efficiency'), runs.length, observed.efficiencyJPerTh, T, 1, { percentErrors: true })
    : undefined;
  return { shares, hashrate, efficiency };
}

/** How a baseline's fit months were chosen. */
export interface BaselineFit {
  /** `history`: up to and including the origin; `hindsight`: the first months from the origin (see above). */
  kind: 'history' | 'hindsight';
  /** The fit months, ascending. */
  months: MonthIndex[];
}

/** The three baselines of one quantity, scored. */
export interface BaselineScores {
  fit: BaselineFit;
  persistence: EnsembleScore;
  trend: EnsembleScore;
  randomWalk: EnsembleScore;
}

/**
 * Fits and scores the three baselines of one observed panel (`K` series per month) over a window.
 * `series(m)` gives a month's observed values (undefined when unobserved).
 * @example baselineScores((m) => [obs.hashrateEhs.get(m)!], 1, window, hashrateObserved, {kind: 'log'}, {min: 0}, namedStream(1, 'baseline:random-walk:hashrate'), 1000, true)
 */
export function baselineScores(
  series: (m: MonthIndex) => ArrayLike<number> | undefined,
  K: number,
  window: BacktestWindow,
  observed: Float64Array,
  walk: RandomWalkOptions,
  bounds: ForecastBounds,
  stream: ReturnType<typeof namedStream>,
  paths: number,
  percentErrors: boolean,
): BaselineScores {
  const { origin, to, scored } = window;
  const originValues = series(origin);
  if (!originValues) throw new BacktestInputError(`no observation at the origin ${formatMonth(origin)}`);
  let months: MonthIndex[] = [];
  for (let m = origin - BASELINE_FIT_MONTHS + 1; m <= origin; m++) if (series(m)) months.push(m);
  let kind: BaselineFit['kind'] = 'history';
  if (months.length < MIN_FIT_MONTHS) {
    kind = 'hindsight';
    months = [];
    for (let m = origin; m < origin + BASELINE_FIT_MONTHS && m <= to; m++) if (series(m)) months.push(m);
  }
  const fit = new Float64Array(months.length * K);
  months.forEach((m, i) => fit.set(Array.from(series(m)!), i * K));
  const offsets = months.map((m) => m - origin);
  const steps = to - origin;
  const T = scored.length;
  const pick = (forecast: Float64Array, members: number) => {
    const out = new Float64Array(members * T * K);
    for (let p = 0; p < members; p++) {
      scored.forEach((m, t) => out.set(forecast.subarray((p * steps + (m - origin - 1)) * K, (p * steps + (m - origin)) * K), (p * T + t) * K));
    }
    return out;
  };
  const opts = { percentErrors };
  const sd = randomWalkStepSd(fit, offsets, K, walk.kind);
  return {
    fit: { kind, months },
    persistence: scoreEnsemble(pick(persistenceForecast(originValues, steps), 1), 1, observed, T, K, opts),
    trend: scoreEnsemble(pick(linearTrendForecast(fit, offsets, K, steps, bounds), 1), 1, observed, T, K, opts),
    randomWalk: scoreEnsemble(pick(randomWalkForecast(originValues, sd, steps, paths, stream, walk), paths), paths, observed, T, K, opts),
  };
}

/** Options of `backtest`. */
export interface BacktestOptions extends WindowRequest {
  /** Number of runs in the ensemble (>= 1). */
  runs: number;
  /** Master seed of the ensemble (the runs' seeds are `runSeed` of it) and of the random walk's streams. */
  masterSeed: number;
  /** Random-walk paths (default `RANDOM_WALK_PATHS`). */
  randomWalkPaths?: number;
  /** Where the runs come from (default: `runsInProcess`). */
  runSource?: RunSource;
  /** Progress: called after each run. */
  onRun?: (done: number, total: number) => void;
  /** Observations (default: `loadObservations()`). */
  observations?: Observations;
}

/** Scores of one quantity: the model and the baselines. */
export interface QuantityScores extends BaselineScores {
  model: EnsembleScore;
}

/** Everything a backtest found. */
export interface BacktestResult {
  scenario: { name: string; file: string; hash: string };
  masterSeed: number;
  seeds: number[];
  window: BacktestWindow;
  observed: WindowObservations;
  /** The observation-model parameters of the scenario at its default seed (per-run draws if it has distributions). */
  observation: ObservationParams;
  /** True when the scenario draws observation parameters per run. */
  observationDrawn: boolean;
  shares: Record<ShareView, QuantityScores>;
  hashrate: QuantityScores;
  efficiency?: QuantityScores;
  /** The runs' series (for further scoring). */
  runs: RunSeries[];
}

/**
 * Runs a scenario's ensemble and scores it and the baselines over a window. Throws `BacktestInputError` for
 * a window that cannot be scored (and `ScenarioError` for a bad scenario).
 * @example await backtest(loadScenario('scenarios/china-2021.yaml'), { runs: 100, masterSeed: 1 })
 */
export async function backtest(resolved: ResolvedScenario, options: BacktestOptions): Promise<BacktestResult> {
  if (!(Number.isInteger(options.runs) && options.runs >= 1)) throw new BacktestInputError(`--runs: expected an integer >= 1, found ${options.runs}`);
  const obs = options.observations ?? loadObservations();
  const plan0 = resolved.data as { start: string; end: string };
  const start = parseMonth(plan0.start)!;
  const end = parseMonth(plan0.end)!;
  const range = shareMonths(obs);
  const window = backtestWindow(start, end, range.first, range.last, options);
  const observed = windowObservations(obs, window);

  const proxyWeights = Object.values(observationParams(resolved.data, resolved.defaultSeed).proxyAt);
  if (!proxyWeights.some((w) => (w ?? 0) > 0)) throw new BacktestInputError('observation.proxyAt: expected at least one positive weight (where the map geolocates proxied hashrate)');
  const template = prepareRuns(resolved);
  const seeds = ensembleSeeds(resolved.hash, options.masterSeed, options.runs);
  const runs = await (options.runSource ?? runsInProcess)(template, seeds, options.onRun);
  const drawn = hasDistribution((resolved.data as { observation?: unknown }).observation);
  const observationFor: ObservationFor = drawn ? (run) => observationParams(resolved.data, run.seed) : observationParams(resolved.data, resolved.defaultSeed);

  const paths = options.randomWalkPaths ?? RANDOM_WALK_PATHS;
  const K = SCORED_COUNTRIES.length;
  const stream = (name: string) => namedStream(options.masterSeed, `baseline:random-walk:${name}`);
  const shareSeries = (m: MonthIndex) => {
    const row = obs.mapSharesPercent.get(m);
    return row ? scoredShares(row) : undefined;
  };
  const single = (s: MonthlySeries) => (m: MonthIndex) => (s.has(m) ? [s.get(m)!] : undefined);
  const shareBaselines = baselineScores(shareSeries, K, window, observed.shares, { kind: 'shares' }, { min: 0, max: 100 }, stream('shares'), paths, false);
  const shares = Object.fromEntries(
    SHARE_VIEWS.map((view) => [view, { model: scoreRuns(runs, observed, view, observationFor).shares, ...shareBaselines }]),
  ) as Record<ShareView, QuantityScores>;
  const modelScores = scoreRuns(runs, observed, 'raw', observationFor);
  const hashrate = {
    model: modelScores.hashrate,
    ...baselineScores(single(obs.hashrateEhs), 1, window, observed.hashrateEhs, { kind: 'log' }, { min: 0 }, stream('hashrate'), paths, true),
  };
  const efficiency =
    modelScores.efficiency && observed.efficiencyJPerTh
      ? {
          model: modelScores.efficiency,
          ...baselineScores(single(obs.efficiencyJPerTh), 1, window, observed.efficiencyJPerTh, { kind: 'log' }, { min: 0 }, stream('efficiency'), paths, true),
        }
      : undefined;
  return {
    scenario: { name: resolved.name, file: resolved.file, hash: resolved.hash },
    masterSeed: options.masterSeed,
    seeds,
    window,
    observed,
    observation: observationParams(resolved.data, resolved.defaultSeed),
    observationDrawn: drawn,
    shares,
    hashrate,
    efficiency,
    runs,
  };
}

function hasDistribution(v: unknown): boolean {
  if (!v || typeof v !== 'object') return false;
  if ('dist' in v) return true;
  return Object.values(v).some(hasDistribution);
}
