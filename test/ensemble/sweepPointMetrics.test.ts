import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quantileSorted } from 'd3-array';
import { quantileCensored, runMetrics } from '../../src/ensemble/pointMetrics.ts';

const months = (n: number) => Array.from({ length: n }, (_, i) => `2021-${String(i + 1).padStart(2, '0')}`);
const series = (h: number[], share?: number) => ({ months: months(h.length), hashrateEhs: h, energyTwh: h.map(() => 1), co2Mt: h.map(() => 0.5), share });

describe('runMetrics', () => {
  it('trough depth against the pre-ban peak, months from the trough back to that peak, sums of energy and CO2', () => {
    expect(runMetrics(series([90, 100, 80, 60, 70, 100, 120], 0.1), '2021-03')).toEqual({ share: 0.1, troughDepth: 0.4, recoveryMonths: 2, energyTwh: 7, co2Mt: 3.5 });
  });
  it('a ban month still at the peak does not count as recovered: recovery is measured from the trough', () => {
    expect(runMetrics(series([90, 100, 100, 60, 100]), '2021-03')).toMatchObject({ troughDepth: 0.4, recoveryMonths: 1 });
  });
  it('the trough is the first month of the lowest hashrate', () => {
    expect(runMetrics(series([100, 50, 70, 50, 100]), '2021-02')).toMatchObject({ troughDepth: 0.5, recoveryMonths: 3 });
  });
  it('a run that never recovers has Infinity months (censored)', () => {
    expect(runMetrics(series([100, 50, 60]), '2021-02').recoveryMonths).toBe(Infinity);
  });
  it('no ban, or a ban in the first month: no trough and no recovery', () => {
    expect(runMetrics(series([100, 50]), undefined)).toMatchObject({ troughDepth: undefined, recoveryMonths: undefined });
    expect(runMetrics(series([100, 50]), '2021-01')).toMatchObject({ troughDepth: undefined, recoveryMonths: undefined });
  });
  it('a ban month between two data months counts from the next one', () => {
    expect(runMetrics({ ...series([100, 50, 100]), months: ['2021-01', '2021-03', '2021-05'] }, '2021-02')).toMatchObject({ troughDepth: 0.5, recoveryMonths: 1 });
  });
  it('depth is in [0, 1]; a recovered run is back at its pre-ban peak that month, and not before it', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 500, noNaN: true }), { minLength: 2, maxLength: 30 }), fc.integer({ min: 1, max: 29 }), (h, b) => {
        fc.pre(b < h.length);
        const m = runMetrics(series(h), months(h.length)[b]);
        expect(m.troughDepth!).toBeGreaterThanOrEqual(0);
        expect(m.troughDepth!).toBeLessThan(1);
        const trough = h.indexOf(Math.min(...h.slice(b)), b);
        if (Number.isFinite(m.recoveryMonths!)) {
          expect(m.recoveryMonths!).toBeGreaterThan(0);
          expect(h[trough + m.recoveryMonths!]).toBeGreaterThanOrEqual(Math.max(...h.slice(0, b)));
          for (let s = trough + 1; s < trough + m.recoveryMonths!; s++) expect(h[s]).toBeLessThan(Math.max(...h.slice(0, b)));
        }
      }),
    );
  });
});

describe('quantileCensored', () => {
  it('is d3-array quantileSorted on finite values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
        const sorted = [...xs].sort((a, b) => a - b);
        expect(quantileCensored(sorted, p)).toBeCloseTo(quantileSorted(sorted, p)!, 6);
      }),
    );
  });
  it('a quantile touching a censored value is Infinity; below it, exact', () => {
    expect(quantileCensored([1, 2, Infinity], 0.5)).toBe(2);
    expect(quantileCensored([1, 2, Infinity], 0.75)).toBe(Infinity);
    expect(quantileCensored([1, 3, Infinity, Infinity], 0.25)).toBe(2.5);
    expect(quantileCensored([], 0.5)).toBeUndefined();
  });
});
