import { describe, expect, test } from 'vitest';
import { addShareDiscrepancy, estimateDiscrepancy, hashrateDiscrepancyFactors, MAX_DISCREPANCY_CORRELATION } from '../../src/calibrate/modelDiscrepancy.ts';
import { addMapNoise, hashrateNoiseFactors, mapShareRelativeSd } from '../../src/calibrate/observationNoise.ts';

const K = 4;
const BASE = [55, 25, 15, 5];
const panel = (months: number) => Float64Array.from({ length: months * K }, (_, i) => BASE[i % K]);
const monthsFrom = (n: number, first = 700) => Array.from({ length: n }, (_, i) => first + i);

/** Lag-1 correlation and sd of a series. */
function stats(x: ArrayLike<number>): { sd: number; lag1: number } {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] / n;
  let v = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    v += (x[i] - mean) ** 2;
    if (i > 0) c += (x[i] - mean) * (x[i - 1] - mean);
  }
  return { sd: Math.sqrt(v / n), lag1: c / v };
}

describe('model discrepancy', () => {
  test('hashrate factors: mean 1, the relative size and month-to-month correlation asked for, deterministic; all 1 at size 0', () => {
    const f = hashrateDiscrepancyFactors(40_000, 0.06, 0.7, 3);
    const logs = Array.from(f, Math.log);
    const s = stats(logs);
    expect(s.sd).toBeGreaterThan(0.057);
    expect(s.sd).toBeLessThan(0.063);
    expect(s.lag1).toBeGreaterThan(0.67);
    expect(s.lag1).toBeLessThan(0.73);
    expect(f.reduce((a, b) => a + b, 0) / f.length).toBeCloseTo(1, 2);
    // Stationary: the first months spread as much as the later ones (over many seeds).
    const first = Array.from({ length: 4000 }, (_, seed) => Math.log(hashrateDiscrepancyFactors(3, 0.06, 0.9, seed)[0]));
    expect(stats(first).sd).toBeGreaterThan(0.056);
    expect(stats(first).sd).toBeLessThan(0.064);
    expect(Array.from(hashrateDiscrepancyFactors(5, 0.06, 0.7, 3))).toEqual(Array.from(hashrateDiscrepancyFactors(5, 0.06, 0.7, 3)));
    expect(Array.from(hashrateDiscrepancyFactors(4, 0, 0.7, 3))).toEqual([1, 1, 1, 1]);
  });

  test('share discrepancy: months still sum to 100, zeros stay 0, errors persist month to month; nothing at sample size 0', () => {
    const months = 5000;
    const a = panel(months);
    a.forEach((_, i) => (a[i] = i % K === 3 ? 0 : a[i] * (100 / 95)));
    addShareDiscrepancy(a, months, K, 100, 0.8, 5);
    const firstShare: number[] = [];
    let worstSum = 0;
    for (let s = 0; s < months; s++) {
      worstSum = Math.max(worstSum, Math.abs(a[s * K] + a[s * K + 1] + a[s * K + 2] + a[s * K + 3] - 100));
      expect(a[s * K + 3]).toBe(0);
      firstShare.push(Math.log(a[s * K]));
    }
    expect(worstSum).toBeLessThan(1e-9);
    const s = stats(firstShare);
    expect(s.lag1).toBeGreaterThan(0.7);
    expect(s.sd).toBeGreaterThan(0.3 * mapShareRelativeSd(100 * (55 / 95), 100));
    const none = panel(10);
    addShareDiscrepancy(none, 10, K, 0, 0.8, 5);
    expect(Array.from(none)).toEqual(Array.from(panel(10)));
  });

  test('estimateDiscrepancy recovers the sizes and correlations of records made with a known discrepancy and measurement error', () => {
    const months = 6000;
    const observed = panel(months);
    addShareDiscrepancy(observed, months, K, 150, 0.75, 11);
    addMapNoise(observed, months, K, 2000, 11);
    const hashrate = new Float64Array(months).fill(100);
    const obsHashrate = Float64Array.from(hashrate);
    const d = hashrateDiscrepancyFactors(months, 0.05, 0.6, 11);
    const n = hashrateNoiseFactors(months, 0.03, 11);
    for (let s = 0; s < months; s++) obsHashrate[s] *= d[s] * n[s];
    const e = estimateDiscrepancy({
      medianSharesPercent: panel(months),
      observedSharesPercent: observed,
      medianHashrateEhs: hashrate,
      observedHashrateEhs: obsHashrate,
      monthIndices: monthsFrom(months),
      K,
      mapSampleSize: 2000,
      hashrateNoise: 0.03,
    });
    // Renormalising shrinks the shares' errors a little, so the effective sample is somewhat larger than 150.
    expect(e.discrepancySampleSize).toBeGreaterThan(130);
    expect(e.discrepancySampleSize).toBeLessThan(230);
    expect(e.discrepancyShareCorrelation).toBeGreaterThan(0.65);
    expect(e.discrepancyShareCorrelation).toBeLessThan(0.8);
    expect(e.discrepancyHashrate).toBeGreaterThan(0.045);
    expect(e.discrepancyHashrate).toBeLessThan(0.055);
    // The measurement error is white noise: it lowers the correlation seen in the residuals a little.
    expect(e.discrepancyHashrateCorrelation).toBeGreaterThan(0.35);
    expect(e.discrepancyHashrateCorrelation).toBeLessThan(0.6);
  });

  test('residuals no larger than the measurement error give no discrepancy; correlations pair only consecutive months and are capped', () => {
    const months = 3000;
    const observed = panel(months);
    addMapNoise(observed, months, K, 2000, 4);
    const flat = new Float64Array(months).fill(90);
    const none = estimateDiscrepancy({
      medianSharesPercent: panel(months),
      observedSharesPercent: observed,
      medianHashrateEhs: flat,
      observedHashrateEhs: flat,
      monthIndices: monthsFrom(months),
      K,
      mapSampleSize: 1000, // larger error allowed than the 2000 units the record was made with
      hashrateNoise: 0.03,
    });
    expect(none).toEqual({ discrepancySampleSize: 0, discrepancyShareCorrelation: 0, discrepancyHashrate: 0, discrepancyHashrateCorrelation: 0 });

    // A constant 10% hashrate error: correlation capped; months two apart are not paired, so alternating signs on
    // a gappy calendar give no negative correlation, just none.
    const high = Float64Array.from({ length: 30 }, () => 110);
    const capped = estimateDiscrepancy({ medianSharesPercent: panel(30), observedSharesPercent: panel(30), medianHashrateEhs: new Float64Array(30).fill(100), observedHashrateEhs: high, monthIndices: monthsFrom(30), K, mapSampleSize: 0, hashrateNoise: 0 });
    expect(capped.discrepancyHashrate).toBeCloseTo(Math.log(1.1), 12);
    expect(capped.discrepancyHashrateCorrelation).toBe(MAX_DISCREPANCY_CORRELATION);
    const alternating = Float64Array.from({ length: 10 }, (_, i) => (i % 2 ? 110 : 90));
    const gappy = estimateDiscrepancy({ medianSharesPercent: panel(10), observedSharesPercent: panel(10), medianHashrateEhs: new Float64Array(10).fill(100), observedHashrateEhs: alternating, monthIndices: monthsFrom(10).map((m) => 2 * m), K, mapSampleSize: 0, hashrateNoise: 0 });
    expect(gappy.discrepancyHashrateCorrelation).toBe(0);
    expect(gappy.discrepancyHashrate).toBeGreaterThan(0);
  });
});
