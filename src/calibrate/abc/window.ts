/**
 * The calibration window: the months whose observations the distance compares, written `2019-09..2021-08`.
 * Calibration never uses a month after 2021-08 (`OBSERVATION_CUTOFF`): later months are the out-of-sample
 * check of every forecast the project makes, so a window reaching past it is refused, not clipped.
 */
import { formatMonth, parseMonth } from '../../engine/calendar.ts';
import type { MonthIndex } from '../../plan/plan.ts';
import { OBSERVATION_CUTOFF } from '../observations.ts';

/** First and last month (inclusive) of a window, as month indexes. */
export interface Window {
  from: MonthIndex;
  to: MonthIndex;
}

/** A window that cannot be used, with a message saying what was expected and what was found. */
export class WindowError extends Error {}

/**
 * Reads `YYYY-MM..YYYY-MM` and checks it: first month not after the last, last not after 2021-08.
 * @example parseWindow('2019-09..2021-08') // {from: parseMonth('2019-09'), to: parseMonth('2021-08')}
 */
export function parseWindow(text: string): Window {
  const m = /^\s*(\d{4}-\d{2})\s*\.\.\s*(\d{4}-\d{2})\s*$/.exec(text);
  const from = m ? parseMonth(m[1]) : undefined;
  const to = m ? parseMonth(m[2]) : undefined;
  if (from === undefined || to === undefined) throw new WindowError(`--window: expected YYYY-MM..YYYY-MM (e.g. 2019-09..2021-08), found ${JSON.stringify(text)}`);
  if (from > to) throw new WindowError(`--window: expected the first month not after the last, found ${formatMonth(from)}..${formatMonth(to)}`);
  if (to > OBSERVATION_CUTOFF) {
    throw new WindowError(
      `--window: calibration uses no month after ${formatMonth(OBSERVATION_CUTOFF)} (later months are the out-of-sample check), found ${formatMonth(to)}`,
    );
  }
  return { from, to };
}

/**
 * The window to use for a scenario simulating `start`..`end`: `requested` if given (it must lie within the
 * simulated months), else from the start to the earlier of the end and 2021-08. Throws `WindowError`.
 * @example windowFor(undefined, parseMonth('2020-01')!, parseMonth('2022-12')!) // 2020-01..2021-08
 */
export function windowFor(requested: Window | undefined, start: MonthIndex, end: MonthIndex): Window {
  const span = `${formatMonth(start)}..${formatMonth(end)}`;
  if (!requested) {
    const to = Math.min(end, OBSERVATION_CUTOFF);
    if (to < start) throw new WindowError(`the scenario simulates ${span}, all after ${formatMonth(OBSERVATION_CUTOFF)}: there is nothing to calibrate against`);
    return { from: start, to };
  }
  if (requested.from < start || requested.to > end) {
    throw new WindowError(`--window: expected months within the scenario's ${span}, found ${formatWindow(requested)}`);
  }
  return requested;
}

/**
 * A window as the command line writes it.
 * @example formatWindow({from: parseMonth('2019-09')!, to: parseMonth('2021-08')!}) // '2019-09..2021-08'
 */
export function formatWindow(w: Window): string {
  return `${formatMonth(w.from)}..${formatMonth(w.to)}`;
}
