import { describe, expect, test } from 'vitest';
import { addMapNoise, hashrateNoiseFactors, mapShareRelativeSd } from '../../src/calibrate/observationNoise.ts';

describe('observation noise', () => {
  test('a share estimated from n units has relative error sqrt((1 - p) / (n p)), capped at 1, 0 without a sample', () => {
    expect(mapShareRelativeSd(50, 2000)).toBeCloseTo(Math.sqrt(0.5 / 1000), 15);
    expect(mapShareRelativeSd(1.5, 2000)).toBeCloseTo(Math.sqrt(0.985 / 30), 15);
    expect(mapShareRelativeSd(0.001, 10)).toBe(1);
    expect(mapShareRelativeSd(0, 2000)).toBe(0);
    expect(mapShareRelativeSd(30, 0)).toBe(0);
  });

  test('map noise keeps each month summing to 100, zeros at zero, is deterministic per seed, and has the error asked for', () => {
    const K = 3;
    const months = 4000;
    const base = [60, 40, 0];
    const make = () => Float64Array.from({ length: months * K }, (_, i) => base[i % K]);
    const a = make();
    addMapNoise(a, months, K, 2000, 7);
    const b = make();
    addMapNoise(b, months, K, 2000, 7);
    expect(Array.from(a)).toEqual(Array.from(b));
    const c = make();
    addMapNoise(c, months, K, 2000, 8);
    expect(Array.from(c)).not.toEqual(Array.from(a));
    let sumLog = 0;
    let sumLog2 = 0;
    for (let s = 0; s < months; s++) {
      expect(a[s * K] + a[s * K + 1] + a[s * K + 2]).toBeCloseTo(100, 10);
      expect(a[s * K + 2]).toBe(0);
      const l = Math.log(a[s * K] / 60);
      sumLog += l;
      sumLog2 += l * l;
    }
    // The 60% share's relative error after renormalising: about sqrt(0.4 / 1200) x 40/100 x sqrt(1 + (60/40)^2 x ...)
    // bounded by the raw sizes of the two errors: between 0.4 and 1.2 times the 60% share's own.
    const sd = Math.sqrt(sumLog2 / months - (sumLog / months) ** 2);
    expect(sd).toBeGreaterThan(0.4 * mapShareRelativeSd(60, 2000));
    expect(sd).toBeLessThan(1.2 * mapShareRelativeSd(60, 2000) + mapShareRelativeSd(40, 2000));
    const none = make();
    addMapNoise(none, months, K, 0, 7);
    expect(Array.from(none)).toEqual(Array.from(make()));
  });

  test('hashrate noise factors have mean 1 and the relative error asked for; all 1 without noise', () => {
    const f = hashrateNoiseFactors(20000, 0.03, 3);
    const mean = f.reduce((x, y) => x + y, 0) / f.length;
    const sd = Math.sqrt(f.reduce((x, y) => x + (y - mean) ** 2, 0) / f.length);
    expect(mean).toBeCloseTo(1, 2);
    expect(sd).toBeGreaterThan(0.028);
    expect(sd).toBeLessThan(0.032);
    expect(Array.from(hashrateNoiseFactors(5, 0, 3))).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(hashrateNoiseFactors(5, 0.03, 3))).toEqual(Array.from(hashrateNoiseFactors(5, 0.03, 3)));
  });
});
