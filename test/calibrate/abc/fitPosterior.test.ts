import { describe, expect, test } from 'vitest';
import { fitMarginal } from '../../../src/calibrate/abc/fitPosterior.ts';
import { decimalsFor } from '../../../src/calibrate/abc/posteriorSummary.ts';
import { roundTo } from '../../../src/calibrate/abc/calibratedScenario.ts';

describe('posterior marginals as scenario distributions', () => {
  const values = [0.1, 0.2, 0.3, 0.4];
  const weights = [1, 2, 2, 1];

  test('a normal prior gives the weighted mean and sd', () => {
    const d = fitMarginal({ dist: 'normal', mean: 0, sd: 1 }, values, weights);
    expect(d.dist).toBe('normal');
    if (d.dist !== 'normal') return;
    expect(d.mean).toBeCloseTo(0.25, 12);
    expect(d.sd).toBeCloseTo(Math.sqrt((0.0225 + 2 * 0.0025 + 2 * 0.0025 + 0.0225) / 6), 12);
  });

  test('a lognormal prior gives the weighted median and the sd of the logs', () => {
    const d = fitMarginal({ dist: 'lognormal', median: 1, sigma: 1 }, [1, Math.E, Math.E ** 2], [1, 1, 1]);
    expect(d).toEqual({ dist: 'lognormal', median: Math.E, sigma: Math.sqrt(2 / 3) });
  });

  test('a bounded prior gives a triangular within the posterior range whose mean is the weighted mean', () => {
    const d = fitMarginal({ dist: 'uniform', min: 0, max: 1 }, values, weights);
    expect(d).toEqual({ dist: 'triangular', min: 0.1, mode: 0.25 * 3 - 0.5, max: 0.4 });
    const skewed = fitMarginal({ dist: 'triangular', min: 0, mode: 0.5, max: 1 }, [0.1, 0.11, 0.12, 0.9], [1, 1, 1, 1]);
    expect(skewed.dist === 'triangular' && skewed.mode).toBe(0.1); // 3 mean - min - max below min: kept at min
  });

  test('rounding to the decimals of the prior scale', () => {
    expect(decimalsFor({ dist: 'uniform', min: 0, max: 0.2 })).toBe(6);
    expect(decimalsFor({ dist: 'uniform', min: 0, max: 2000 })).toBe(2);
    expect(roundTo(0.081234567, 4)).toBe(0.0812);
    expect(Object.is(roundTo(-0.00001, 2), 0)).toBe(true);
  });
});
