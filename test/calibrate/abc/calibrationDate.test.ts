import { describe, expect, test } from 'vitest';
import { CalibrationDateError, calibrationDate } from '../../../src/calibrate/abc/calibrationDate.ts';

describe('calibrationDate', () => {
  const now = new Date('2026-11-30T07:30:00Z');
  test('today (UTC) without SOURCE_DATE_EPOCH, or when it is empty', () => {
    expect(calibrationDate({}, now)).toBe('2026-11-30');
    expect(calibrationDate({ SOURCE_DATE_EPOCH: '' }, now)).toBe('2026-11-30');
  });
  test('the UTC day of SOURCE_DATE_EPOCH (seconds since 1970) when set', () => {
    expect(calibrationDate({ SOURCE_DATE_EPOCH: '0' }, now)).toBe('1970-01-01');
    expect(calibrationDate({ SOURCE_DATE_EPOCH: String(Date.parse('2021-08-31T23:59:59Z') / 1000) }, now)).toBe('2021-08-31');
  });
  test('anything but whole seconds is refused, quoting what was found', () => {
    for (const bad of ['-1', '1.5', 'yesterday', '1e9', '999999999999']) {
      expect(() => calibrationDate({ SOURCE_DATE_EPOCH: bad }, now), bad).toThrow(CalibrationDateError);
    }
    expect(() => calibrationDate({ SOURCE_DATE_EPOCH: 'x' }, now)).toThrow('SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01 UTC (e.g. 1764460800), found "x"');
  });
});
