import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  destinationValueUsdPerTh, hazardDiscountedMonths, logitChoice, monthsUntilReview, wantsToRun,
} from '../../src/model/decisions.ts';

const NEG = Number.NEGATIVE_INFINITY;

/** Share of picks of each option over a deterministic grid of `n` uniforms in (0, 1). */
function pickShares(utilities: number[], scale: number, n = 100_000): number[] {
  const u = Float64Array.from(utilities);
  const counts = new Array(utilities.length).fill(0);
  for (let k = 0; k < n; k++) {
    const choice = logitChoice(u, u.length, scale, (k + 0.5) / n);
    counts[choice]++;
  }
  return counts.map((c) => c / n);
}

function logitShares(utilities: number[], scale: number): number[] {
  const w = utilities.map((x) => (x === NEG ? 0 : Math.exp(x / scale)));
  const total = w.reduce((a, b) => a + b);
  return w.map((x) => x / total);
}

describe('logitChoice', () => {
  test('with no available option it returns -1', () => {
    expect(logitChoice(Float64Array.from([NEG, NEG]), 2, 1, 0.5)).toBe(-1);
    expect(logitChoice(new Float64Array(0), 0, 1, 0.5)).toBe(-1);
  });

  test('with a single available option it picks it for every draw', () => {
    const u = Float64Array.from([NEG, NEG, -1e6, NEG]);
    for (const uniform of [0, 0.25, 0.5, 0.999999, 1 - Number.EPSILON]) expect(logitChoice(u, 4, 2, uniform)).toBe(2);
  });

  test('utilities [0, 10] with scale 1 pick index 1 for almost every draw', () => {
    const shares = pickShares([0, 10], 1);
    expect(shares[1]).toBeGreaterThan(0.9999);
  });

  test('only the first `count` options are considered', () => {
    const u = Float64Array.from([0, NEG, 1e9]);
    for (const uniform of [0, 0.5, 0.99]) expect(logitChoice(u, 2, 1, uniform)).toBe(0);
  });

  test('never picks an option with utility -Infinity', () => {
    const utility = fc.oneof(fc.constant(NEG), fc.double({ min: -1e4, max: 1e4, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(utility, { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e4, noNaN: true }),
        (us, uniform, scale) => {
          const choice = logitChoice(Float64Array.from(us), us.length, scale, uniform);
          if (us.every((x) => x === NEG)) expect(choice).toBe(-1);
          else {
            expect(choice).toBeGreaterThanOrEqual(0);
            expect(choice).toBeLessThan(us.length);
            expect(us[choice]).not.toBe(NEG);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  test('choice shares over a grid of uniforms match exp(U / scale) / sum exp(U / scale)', () => {
    const cases: [number[], number][] = [
      [[0, 1, 2], 1],
      [[5, 5, 5, 5], 3],
      [[10, NEG, 12, 9], 2],
      [[100, 103, 95], 4],
      [[-50, -49.5], 0.5],
    ];
    for (const [us, scale] of cases) {
      const got = pickShares(us, scale);
      const want = logitShares(us, scale);
      got.forEach((g, j) => expect(Math.abs(g - want[j])).toBeLessThan(1e-4));
    }
  });

  test('huge utilities do not overflow (only differences matter)', () => {
    const got = pickShares([1e6, 1e6 + 1], 1);
    const want = logitShares([0, 1], 1);
    got.forEach((g, j) => expect(Math.abs(g - want[j])).toBeLessThan(1e-4));
  });

  test('a large scale tends to a uniform choice among available options', () => {
    const got = pickShares([0, 5, NEG, 10], 1e7);
    expect(got[2]).toBe(0);
    for (const j of [0, 1, 3]) expect(Math.abs(got[j] - 1 / 3)).toBeLessThan(1e-3);
  });

  test('a tiny (or non-positive) scale picks the best option', () => {
    for (const scale of [1e-9, 0, -1]) {
      for (const uniform of [0, 0.3, 0.7, 0.9999]) expect(logitChoice(Float64Array.from([1, 3, 2]), 3, scale, uniform)).toBe(1);
    }
  });

  test('the choice moves through the options in index order as the uniform grows', () => {
    const u = Float64Array.from([1, 2, 3]);
    let prev = -1;
    for (let k = 0; k < 1000; k++) {
      const c = logitChoice(u, 3, 1, k / 1000);
      expect(c).toBeGreaterThanOrEqual(prev);
      prev = c;
    }
  });
});

describe('hazardDiscountedMonths', () => {
  test('12 months with no hazard is 12; with hazard 1 it is 0', () => {
    expect(hazardDiscountedMonths(12, 0)).toBe(12);
    expect(hazardDiscountedMonths(12, 1)).toBe(0);
  });

  test('a hazard of 50% a year is the sum of 0.5^(h/12) over 12 months', () => {
    let want = 0;
    for (let h = 1; h <= 12; h++) want += 0.5 ** (h / 12);
    expect(hazardDiscountedMonths(12, 0.5)).toBeCloseTo(want, 12);
  });

  test('hazards outside 0..1 are clamped', () => {
    expect(hazardDiscountedMonths(24, -0.3)).toBe(24);
    expect(hazardDiscountedMonths(24, 7)).toBe(0);
  });

  test('more hazard never means more productive months, and the result stays within 0..horizon', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (h, a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const mLo = hazardDiscountedMonths(h, lo);
        const mHi = hazardDiscountedMonths(h, hi);
        expect(mHi).toBeLessThanOrEqual(mLo + 1e-12);
        expect(mLo).toBeLessThanOrEqual(h);
        expect(mHi).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('wantsToRun (hysteresis)', () => {
  // hashprice 10, hysteresis 0.05: the band is +-0.5 USD per TH/s.
  test('an active agent keeps running inside the band: wantsToRun(true, -0.01, 10, 0.05)', () => {
    expect(wantsToRun(true, -0.01, 10, 0.05)).toBe(true);
    expect(wantsToRun(true, -0.5, 10, 0.05)).toBe(true);
  });

  test('an active agent switches off below -band', () => {
    expect(wantsToRun(true, -0.51, 10, 0.05)).toBe(false);
  });

  test('an idle agent stays off inside the band and switches on above +band', () => {
    expect(wantsToRun(false, 0.01, 10, 0.05)).toBe(false);
    expect(wantsToRun(false, 0.5, 10, 0.05)).toBe(false);
    expect(wantsToRun(false, 0.51, 10, 0.05)).toBe(true);
  });

  test('with no hysteresis the rule is margin >= 0 to keep running and > 0 to start', () => {
    expect(wantsToRun(true, 0, 10, 0)).toBe(true);
    expect(wantsToRun(false, 0, 10, 0)).toBe(false);
  });

  test('inside the band agents keep their state; outside it both agree', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), (margin, hashprice, h) => {
        const band = h * hashprice;
        const on = wantsToRun(true, margin, hashprice, h);
        const off = wantsToRun(false, margin, hashprice, h);
        if (margin > band) expect([on, off]).toEqual([true, true]);
        else if (margin < -band) expect([on, off]).toEqual([false, false]);
        else expect([on, off]).toEqual([true, false]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('monthsUntilReview', () => {
  test('p = 1 gives 1 for every draw', () => {
    for (const u of [0, 0.5, 0.999999]) expect(monthsUntilReview(1, u)).toBe(1);
  });

  test('a uniform of 0 reviews next month', () => {
    expect(monthsUntilReview(0.05, 0)).toBe(1);
  });

  test('is an integer of at least 1 for every probability and uniform', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 2, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (p, u) => {
        const m = monthsUntilReview(p, u);
        expect(Number.isInteger(m)).toBe(true);
        expect(m).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  test('the mean over a grid of uniforms is about 1 / p (a geometric draw)', () => {
    for (const p of [0.05, 0.2, 0.5]) {
      const n = 100_000;
      let sum = 0;
      for (let k = 0; k < n; k++) sum += monthsUntilReview(p, (k + 0.5) / n);
      expect(sum / n).toBeCloseTo(1 / p, 1);
    }
  });
});

describe('destinationValueUsdPerTh', () => {
  test('12 months, 3 in transit, margin 2, cost 5 gives 13', () => {
    expect(destinationValueUsdPerTh(12, 3, 2, 5)).toBe(13);
  });

  test('a negative margin or a lead longer than the horizon is worth only minus the cost', () => {
    expect(destinationValueUsdPerTh(12, 3, -2, 5)).toBe(-5);
    expect(destinationValueUsdPerTh(2, 3, 2, 5)).toBe(-5);
  });
});
