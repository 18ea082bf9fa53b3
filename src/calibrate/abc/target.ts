/**
 * What a calibration compares runs with: the backtest's `WindowObservations` (observed map shares of the scored
 * countries in percent, network hashrate in EH/s, per scored month). Built from the real record over the window
 * (`observedTarget`, through the backtest's own window rules) or, for recovery tests, from a run simulated with
 * known parameters and seen through the observation model (`syntheticTarget`).
 */
import type { MonthIndex } from '../../plan/plan.ts';
import { networkMembers, windowObservations, type WindowObservations } from '../backtest.ts';
import { compileObservation, mapSharesPercent, type ObservationParams } from '../observationModel.ts';
import { loadObservations, SCORED_COUNTRIES, shareMonths, type Observations } from '../observations.ts';
import type { RunSeries } from '../runSeries.ts';
import { backtestWindow, BacktestInputError, type BacktestWindow } from '../window.ts';
import { WindowError, type Window } from './window.ts';

/** Observations over a window's scored months (the backtest's type). */
export type Target = WindowObservations;

/**
 * The real record over `window` for a scenario simulating `start..end`: the backtest's replay window (the first
 * month is the origin, the months after it are scored). Throws `WindowError`.
 * @example observedTarget(parseWindow('2019-09..2021-08'), m('2019-09'), m('2022-12')).months.length // 23
 */
export function observedTarget(window: Window, start: MonthIndex, end: MonthIndex, obs: Observations = loadObservations()): Target {
  const { first, last } = shareMonths(obs);
  let w: BacktestWindow;
  try {
    w = backtestWindow(start, end, first, last, { from: window.from, to: window.to });
  } catch (e) {
    if (e instanceof BacktestInputError) throw new WindowError(`--window: ${e.message}`);
    throw e;
  }
  return windowObservations(obs, w);
}

/**
 * "Observations" made by the simulator: one run's map view (through the observation model with `params`) and its
 * network hashrate, for every month after the window's first (the origin) up to its last. Any months, even after
 * 2021-08: they are synthetic.
 * @example syntheticTarget(runSeriesFromTrajectory(runScenario(t, 1).trajectory), DEFAULT_OBSERVATION, window)
 */
export function syntheticTarget(run: RunSeries, params: ObservationParams, window: Window): Target {
  const scored: MonthIndex[] = [];
  for (let m = window.from + 1; m <= window.to; m++) scored.push(m);
  const K = SCORED_COUNTRIES.length;
  const map = mapSharesPercent(run, compileObservation(params, run.countries));
  const shares = new Float64Array(scored.length * K);
  scored.forEach((m, t) => shares.set(map.subarray((m - run.startMonth) * K, (m - run.startMonth + 1) * K), t * K));
  const hashrateEhs = networkMembers([run], scored, 'hashrate');
  const w: BacktestWindow = { mode: 'replay', scenarioStart: run.startMonth, scenarioEnd: run.startMonth + run.months - 1, from: window.from, to: window.to, origin: window.from, scored };
  return { window: w, months: scored, shares, hashrateEhs };
}
