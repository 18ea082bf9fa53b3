import { describe, expect, test } from 'vitest';
import { scoreEnsemble } from '../../src/calibrate/ensembleScore.ts';
import { crpsEnsemble } from '../../src/calibrate/metrics.ts';

describe('scoreEnsemble', () => {
  // 5 members x 2 months x 1 series: month 0 members 1..5, month 1 members 10..50; observed 3 and 60
  const members = Float64Array.from([1, 10, 2, 20, 3, 30, 4, 40, 5, 50]);
  const observed = Float64Array.from([3, 60]);
  const s = scoreEnsemble(members, 5, observed, 2, 1, { percentErrors: true });

  test('bands are the members\' quantiles per month', () => {
    expect(Array.from(s.bands.median)).toEqual([3, 30]);
    expect(Array.from(s.bands.p25)).toEqual([2, 20]);
    expect(Array.from(s.bands.p75)).toEqual([4, 40]);
    expect(s.bands.p5[0]).toBeCloseTo(1.2, 12);
    expect(s.bands.p95[1]).toBeCloseTo(48, 12);
  });

  test('point errors of the median, coverage of the bands, mean CRPS', () => {
    const x = s.series[0];
    expect(x.mae).toBe(15); // |3 - 3| and |30 - 60|
    expect(x.bias).toBe(-15);
    expect(x.rmse).toBeCloseTo(Math.sqrt(450), 12);
    expect(x.mape).toBeCloseTo(25, 12); // (0 + 50%) / 2
    expect(x.coverage50).toBe(0.5);
    expect(x.coverage90).toBe(0.5);
    expect(x.crps).toBeCloseTo((crpsEnsemble([1, 2, 3, 4, 5], 3) + crpsEnsemble([10, 20, 30, 40, 50], 60)) / 2, 12);
  });

  test('a single member is a point forecast: its CRPS is its absolute error', () => {
    const p = scoreEnsemble(Float64Array.from([4, 50]), 1, observed, 2, 1);
    expect(p.series[0].crps).toBe(p.series[0].mae);
    expect(p.series[0].mape).toBeUndefined();
  });

  test('refuses mismatched sizes', () => {
    expect(() => scoreEnsemble(members, 4, observed, 2, 1)).toThrow('10 member values for 4 members');
  });
});
