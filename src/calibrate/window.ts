/**
 * The months a backtest scores, and its forecast origin.
 *
 * - Replay (no origin given): the window runs from `from` (default: the scenario's start) to `to` (default: the
 *   scenario's end or the last observation, 2021-08, whichever is earlier). The origin is the window's first
 *   month: the scenario's initial state is read from the record at its start, so for the baselines the record
 *   up to the origin is what was known, and the months after it are scored, for the model and the baselines
 *   alike.
 * - Forecast (`origin` given): the months after the origin up to `to` are scored. The model's runs are the same
 *   replay from the scenario's start (nothing in a run is reset to the record at the origin); the baselines see
 *   the record up to and including the origin month.
 * A window that reaches past the last observation is refused: later months are withheld as the out-of-sample
 * check of every forecast.
 */
import { formatMonth } from '../engine/calendar.ts';
import type { MonthIndex } from '../plan/plan.ts';
import { OBSERVATION_CUTOFF } from './observations.ts';

/** A mistake in the window asked for (reported in one line, exit code 2). */
export class BacktestInputError extends Error {}

/** What the user asked for (all optional). */
export interface WindowRequest {
  from?: MonthIndex;
  to?: MonthIndex;
  origin?: MonthIndex;
}

/** The resolved window. */
export interface BacktestWindow {
  mode: 'replay' | 'forecast';
  /** First and last simulated month of the scenario. */
  scenarioStart: MonthIndex;
  scenarioEnd: MonthIndex;
  /** The window asked for (with defaults). */
  from: MonthIndex;
  to: MonthIndex;
  /** The forecast origin: the last month whose observations the baselines may use. */
  origin: MonthIndex;
  /** The scored months, ascending: after the origin, from `from` to `to`. */
  scored: MonthIndex[];
}

/**
 * Resolves and checks a window for a scenario running `scenarioStart..scenarioEnd` against observations from
 * `firstObserved` to `lastObserved` (never later than 2021-08). Throws `BacktestInputError` with a one-line
 * reason for a window that cannot be scored.
 * @example backtestWindow(m('2020-01'), m('2022-12'), m('2019-09'), m('2021-08'), {}).scored.length // 19: 2020-02..2021-08
 */
export function backtestWindow(scenarioStart: MonthIndex, scenarioEnd: MonthIndex, firstObserved: MonthIndex, lastObserved: MonthIndex, request: WindowRequest): BacktestWindow {
  const f = formatMonth;
  const last = Math.min(lastObserved, OBSERVATION_CUTOFF);
  const span = `the scenario runs ${f(scenarioStart)}..${f(scenarioEnd)}`;
  if (scenarioStart >= last || scenarioEnd <= firstObserved) {
    throw new BacktestInputError(`nothing to score: ${span} and the observations cover ${f(firstObserved)}..${f(last)} (months after ${f(OBSERVATION_CUTOFF)} are withheld as the out-of-sample check)`);
  }
  if (request.to !== undefined && request.to > last) {
    throw new BacktestInputError(`--to ${f(request.to)} is after the last observation (${f(last)}): months after ${f(OBSERVATION_CUTOFF)} are withheld as the out-of-sample check; use --to ${f(last)} or earlier`);
  }
  const to = request.to ?? Math.min(scenarioEnd, last);
  if (to > scenarioEnd) throw new BacktestInputError(`--to ${f(to)} is after the scenario's end (${span})`);
  const mode = request.origin === undefined ? 'replay' : 'forecast';
  const origin = request.origin ?? request.from ?? Math.max(scenarioStart, firstObserved);
  const from = request.from ?? origin;
  const name = request.origin !== undefined ? '--origin' : '--from';
  if (origin < scenarioStart) throw new BacktestInputError(`${name} ${f(origin)} is before the scenario's start (${span})`);
  if (origin < firstObserved) throw new BacktestInputError(`${name} ${f(origin)} is before the first observation (${f(firstObserved)})`);
  if (request.origin !== undefined && request.from !== undefined && request.from < request.origin) {
    throw new BacktestInputError(`--from ${f(request.from)} is before --origin ${f(request.origin)}: a forecast scores only months after its origin; drop --from or set it after the origin`);
  }
  if (origin >= to) throw new BacktestInputError(`nothing to score: ${mode === 'forecast' ? `--origin ${f(origin)}` : `the window's first month ${f(origin)} (the origin)`} is not before --to ${f(to)}`);
  const scored: MonthIndex[] = [];
  for (let m = Math.max(from, origin + 1); m <= to; m++) scored.push(m);
  if (scored.length === 0) throw new BacktestInputError(`nothing to score between ${f(from)} and ${f(to)}`);
  return { mode, scenarioStart, scenarioEnd, from, to, origin, scored };
}
