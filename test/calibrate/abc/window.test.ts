import { describe, expect, test } from 'vitest';
import { parseMonth } from '../../../src/engine/calendar.ts';
import { formatWindow, parseWindow, windowFor, WindowError } from '../../../src/calibrate/abc/window.ts';
import { observedTarget } from '../../../src/calibrate/abc/target.ts';

const m = (s: string) => parseMonth(s)!;

describe('the calibration window', () => {
  test('reads YYYY-MM..YYYY-MM', () => {
    expect(parseWindow('2019-09..2021-08')).toEqual({ from: m('2019-09'), to: m('2021-08') });
    expect(formatWindow(parseWindow(' 2020-01 .. 2021-06 '))).toBe('2020-01..2021-06');
  });

  test('refuses any month after 2021-08, and other mistakes, saying what was found', () => {
    const message = (text: string) => {
      try {
        parseWindow(text);
      } catch (e) {
        expect(e).toBeInstanceOf(WindowError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(message('2019-09..2021-09')).toBe('--window: calibration uses no month after 2021-08 (later months are the out-of-sample check), found 2021-09');
    expect(message('2019-09..2022-12')).toContain('found 2022-12');
    expect(message('2021-08..2021-01')).toBe('--window: expected the first month not after the last, found 2021-08..2021-01');
    expect(message('2019-09')).toBe('--window: expected YYYY-MM..YYYY-MM (e.g. 2019-09..2021-08), found "2019-09"');
    expect(message('2019-13..2020-01')).toMatch(/^--window: expected YYYY-MM\.\.YYYY-MM/);
  });

  test('defaults to the scenario start up to 2021-08, and must lie within the simulated months', () => {
    expect(formatWindow(windowFor(undefined, m('2020-01'), m('2022-12')))).toBe('2020-01..2021-08');
    expect(formatWindow(windowFor(undefined, m('2021-05'), m('2021-07')))).toBe('2021-05..2021-07');
    expect(() => windowFor(parseWindow('2019-09..2021-08'), m('2020-01'), m('2022-12'))).toThrow("--window: expected months within the scenario's 2020-01..2022-12, found 2019-09..2021-08");
    expect(() => windowFor(undefined, m('2022-01'), m('2022-12'))).toThrow('the scenario simulates 2022-01..2022-12, all after 2021-08: there is nothing to calibrate against');
  });

  test('the real record over a window: the months after its first, nothing after 2021-08', () => {
    const t = observedTarget(parseWindow('2019-09..2021-08'), m('2019-09'), m('2022-12'));
    expect(t.months[0]).toBe(m('2019-10'));
    expect(t.months[t.months.length - 1]).toBe(m('2021-08'));
    expect(t.months).toHaveLength(23);
    expect(t.hashrateEhs).toHaveLength(23);
  });
});
