import { describe, expect, test } from 'vitest';
import { formatMonth, parseMonth } from '../../src/engine/calendar.ts';
import { backtestWindow, type WindowRequest } from '../../src/calibrate/window.ts';

const m = (t: string) => parseMonth(t)!;
const china = (req: WindowRequest) => backtestWindow(m('2020-01'), m('2022-12'), m('2019-09'), m('2021-08'), req);
const months = (xs: number[]) => `${formatMonth(xs[0])}..${formatMonth(xs[xs.length - 1])}`;

describe('backtestWindow', () => {
  test('replay by default: from the scenario start (the origin) to 2021-08, scoring the months after the origin', () => {
    const w = china({});
    expect(w.mode).toBe('replay');
    expect(formatMonth(w.origin)).toBe('2020-01');
    expect(months(w.scored)).toBe('2020-02..2021-08');
  });

  test('a forecast from 2021-04 scores May to August 2021', () => {
    const w = china({ origin: m('2021-04') });
    expect(w.mode).toBe('forecast');
    expect(months(w.scored)).toBe('2021-05..2021-08');
    expect(months(china({ origin: m('2021-04'), from: m('2021-06'), to: m('2021-07') }).scored)).toBe('2021-06..2021-07');
  });

  test('a scenario ending before the cutoff ends the window at its end', () => {
    const w = backtestWindow(m('2019-09'), m('2020-12'), m('2019-09'), m('2021-08'), {});
    expect(months(w.scored)).toBe('2019-10..2020-12');
  });

  test('refuses a window past the last observation, with the reason', () => {
    expect(() => china({ to: m('2021-09') })).toThrow('--to 2021-09 is after the last observation (2021-08): months after 2021-08 are withheld as the out-of-sample check; use --to 2021-08 or earlier');
    expect(() => backtestWindow(m('2025-01'), m('2030-12'), m('2019-09'), m('2021-08'), {})).toThrow('nothing to score: the scenario runs 2025-01..2030-12');
  });

  test('refuses an origin or window outside the scenario or the record', () => {
    expect(() => china({ origin: m('2019-12') })).toThrow("--origin 2019-12 is before the scenario's start");
    expect(() => china({ origin: m('2021-08') })).toThrow('nothing to score: --origin 2021-08 is not before --to 2021-08');
    expect(() => china({ origin: m('2021-04'), from: m('2021-01') })).toThrow('--from 2021-01 is before --origin 2021-04');
    expect(() => backtestWindow(m('2019-01'), m('2020-12'), m('2019-09'), m('2021-08'), { from: m('2019-03') })).toThrow('--from 2019-03 is before the first observation (2019-09)');
    expect(() => china({ to: m('2023-01') })).toThrow('after the last observation');
  });
});
