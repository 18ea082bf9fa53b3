import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  coverage,
  crpsEnsemble,
  crpsEnsembleSorted,
  errorRatio,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanError,
  quantileSorted,
  rootMeanSquareError,
} from '../../src/calibrate/metrics.ts';

// A toy series worked by hand: observed shares in % and a forecast.
const observed = [10, 20, 30, 40];
const simulated = [12, 17, 30, 45]; // errors +2, -3, 0, +5

/** The CRPS of an ensemble straight from its definition, over all m^2 pairs. */
function crpsByDefinition(xs: number[], y: number): number {
  const m = xs.length;
  let a = 0;
  let b = 0;
  for (const x of xs) a += Math.abs(x - y);
  for (const x of xs) for (const z of xs) b += Math.abs(x - z);
  return a / m - b / (2 * m * m);
}

describe('point errors on a toy series', () => {
  test('meanAbsoluteError is (2 + 3 + 0 + 5) / 4 = 2.5', () => {
    expect(meanAbsoluteError(simulated, observed)).toBe(2.5);
  });
  test('meanError (bias) is (2 - 3 + 0 + 5) / 4 = 1', () => {
    expect(meanError(simulated, observed)).toBe(1);
  });
  test('rootMeanSquareError is sqrt((4 + 9 + 0 + 25) / 4) = sqrt(9.5)', () => {
    expect(rootMeanSquareError(simulated, observed)).toBeCloseTo(Math.sqrt(9.5), 12);
  });
  test('meanAbsolutePercentageError is 100 x (2/10 + 3/20 + 0 + 5/40) / 4 = 11.875 %', () => {
    expect(meanAbsolutePercentageError(simulated, observed)).toBeCloseTo(11.875, 12);
  });
  test('MAPE refuses an observation of 0', () => {
    expect(() => meanAbsolutePercentageError([1], [0])).toThrow('observation 0 is 0');
  });
  test('mismatched or empty inputs throw instead of giving NaN', () => {
    expect(() => meanAbsoluteError([1, 2], [1])).toThrow('2 simulated values against 1 observations');
    expect(() => rootMeanSquareError([], [])).toThrow('no values');
  });
  test('RMSE >= MAE >= |bias| for any series (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true })), { minLength: 1, maxLength: 30 }), (pairs) => {
        const s = pairs.map((p) => p[0]);
        const o = pairs.map((p) => p[1]);
        const tol = 1e-9;
        expect(rootMeanSquareError(s, o)).toBeGreaterThanOrEqual(meanAbsoluteError(s, o) - tol);
        expect(meanAbsoluteError(s, o)).toBeGreaterThanOrEqual(Math.abs(meanError(s, o)) - tol);
      }),
    );
  });
});

describe('coverage', () => {
  test('counts observations inside the band, bounds included: 3 of 4', () => {
    // band [9, 11], [18, 19], [25, 30], [40, 50]: 10 in, 20 out, 30 in (upper bound), 40 in (lower bound)
    expect(coverage([9, 18, 25, 40], [11, 19, 30, 50], observed)).toBe(0.75);
  });
  test('is 0 for a band that misses everything and 1 for one that holds everything', () => {
    expect(coverage([100, 100, 100, 100], [200, 200, 200, 200], observed)).toBe(0);
    expect(coverage([0, 0, 0, 0], [100, 100, 100, 100], observed)).toBe(1);
  });
});

describe('quantileSorted (R type 7)', () => {
  test('interpolates between order statistics', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([0, 10], 0.05)).toBeCloseTo(0.5, 12);
    expect(quantileSorted([7], 0.9)).toBe(7);
  });
  test('refuses an empty array and p outside [0, 1]', () => {
    expect(() => quantileSorted([], 0.5)).toThrow('no values');
    expect(() => quantileSorted([1], 1.5)).toThrow('p must be in [0, 1]');
  });
});

describe('CRPS of an ensemble', () => {
  test('hand-computed: members {0, 1}, observation 0: 1/2 - 1/2 x 2/4 = 0.25', () => {
    expect(crpsEnsemble([1, 0], 0)).toBe(0.25);
  });
  test('hand-computed: members {1, 2, 3}, observation 2.5', () => {
    // mean |x - y| = (1.5 + 0.5 + 0.5) / 3 = 5/6; sum over pairs |x - x'| = 2 x (1 + 2 + 1) = 8, / 9 / 2 = 4/9
    expect(crpsEnsemble([3, 1, 2], 2.5)).toBeCloseTo(5 / 6 - 4 / 9, 14);
  });
  test('one member: the absolute error', () => {
    expect(crpsEnsemble([4], 1)).toBe(3);
  });
  test('equals the definition over all pairs for any ensemble (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.double({ min: -1000, max: 1000, noNaN: true }), (xs, y) => {
        expect(crpsEnsemble(xs, y)).toBeCloseTo(crpsByDefinition(xs, y), 6);
        expect(crpsEnsemble(xs, y)).toBeGreaterThanOrEqual(-1e-9);
      }),
    );
  });
  test('the sorted form agrees with the unsorted one and is not fooled by order', () => {
    const xs = [5, -2, 3, 3, 10];
    expect(crpsEnsembleSorted([...xs].sort((a, b) => a - b), 4)).toBeCloseTo(crpsByDefinition(xs, 4), 12);
  });
  test('never exceeds the mean absolute error of the members, and rewards a sharper ensemble centred on the truth', () => {
    const wide = [-10, -5, 0, 5, 10];
    const sharp = [-1, -0.5, 0, 0.5, 1];
    expect(crpsEnsemble(sharp, 0)).toBeLessThan(crpsEnsemble(wide, 0));
    expect(crpsEnsemble(wide, 0)).toBeLessThan((10 + 5 + 0 + 5 + 10) / 5);
  });
});

describe('errorRatio', () => {
  test('model / baseline, undefined when the baseline is perfect', () => {
    expect(errorRatio(1, 4)).toBe(0.25);
    expect(errorRatio(1, 0)).toBeUndefined();
  });
});
