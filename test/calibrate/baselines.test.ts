import { describe, expect, test } from 'vitest';
import { namedStream } from '../../src/engine/streams.ts';
import { linearTrendForecast, persistenceForecast, randomWalkForecast, randomWalkStepSd } from '../../src/calibrate/baselines.ts';

describe('persistence', () => {
  test('carries the origin values forward', () => {
    expect(Array.from(persistenceForecast([60, 40], 3))).toEqual([60, 40, 60, 40, 60, 40]);
  });
});

describe('linear trend', () => {
  test('extends an exact line: 1, 2, 3 -> 4, 5', () => {
    expect(Array.from(linearTrendForecast([1, 2, 3], [-2, -1, 0], 1, 2))).toEqual([4, 5]);
  });
  test('least squares on a noisy toy series, two series side by side', () => {
    // series a: 2, 4, 3, 7 at x = -3..0: mean x = -1.5, mean y = 4, slope = sum((x - mx)(y - my)) / sum((x - mx)^2)
    //   = (-1.5 * -2 + -0.5 * 0 + 0.5 * -1 + 1.5 * 3) / (2.25 + 0.25 + 0.25 + 2.25) = 7 / 5 = 1.4; at x = 1: 4 + 1.4 * 2.5 = 7.5
    // series b: constant 10 -> 10
    const f = linearTrendForecast([2, 10, 4, 10, 3, 10, 7, 10], [-3, -2, -1, 0], 2, 2);
    expect(f[0]).toBeCloseTo(7.5, 12);
    expect(f[1]).toBe(10);
    expect(f[2]).toBeCloseTo(8.9, 12);
  });
  test('uses the months actually observed (gaps) and clamps to the bounds', () => {
    // points (-4, 10) and (0, 2): slope -2 -> 0 at x = 1, -2 at x = 2, clamped to 0
    expect(Array.from(linearTrendForecast([10, 2], [-4, 0], 1, 2, { min: 0, max: 100 }))).toEqual([0, 0]);
  });
  test('with one fit month it is persistence', () => {
    expect(Array.from(linearTrendForecast([5], [0], 1, 2))).toEqual([5, 5]);
  });
});

describe('random walk', () => {
  test('step size is the root mean square of consecutive changes (in logs for log walks)', () => {
    expect(randomWalkStepSd([10, 12, 9], [-2, -1, 0], 1, 'shares')[0]).toBeCloseTo(Math.sqrt((4 + 9) / 2), 12);
    expect(randomWalkStepSd([10, 12, 9], [-3, -1, 0], 1, 'shares')[0]).toBeCloseTo(3, 12); // -3 -> -1 is not consecutive
    expect(randomWalkStepSd([100, 200], [-1, 0], 1, 'log')[0]).toBeCloseTo(Math.log(2), 12);
  });
  test('a walk with zero steps stays at the origin', () => {
    const f = randomWalkForecast([60, 40], [0, 0], 2, 3, namedStream(1, 'baseline:random-walk:test'), { kind: 'shares' });
    expect(Array.from(f)).toEqual([60, 40, 60, 40, 60, 40, 60, 40, 60, 40, 60, 40]);
  });
  test('shares stay non-negative and sum to the origin total; the spread grows like sqrt(h)', () => {
    const paths = 4000;
    const f = randomWalkForecast([70, 20, 10], [1, 1, 1], 4, paths, namedStream(7, 'baseline:random-walk:test'), { kind: 'shares' });
    const at = (p: number, h: number, k: number) => f[(p * 4 + h) * 3 + k];
    let worstSum = 0;
    let lowest = Infinity;
    for (let p = 0; p < paths; p++) {
      for (let h = 0; h < 4; h++) {
        worstSum = Math.max(worstSum, Math.abs(at(p, h, 0) + at(p, h, 1) + at(p, h, 2) - 100));
        for (let k = 0; k < 3; k++) lowest = Math.min(lowest, at(p, h, k));
      }
    }
    expect(worstSum).toBeLessThan(1e-9);
    expect(lowest).toBeGreaterThanOrEqual(0);
    const sd = (h: number) => {
      let s = 0;
      for (let p = 0; p < paths; p++) s += (at(p, h, 0) - 70) ** 2;
      return Math.sqrt(s / paths);
    };
    expect(sd(3) / sd(0)).toBeGreaterThan(1.6); // about 2 = sqrt(4)
    expect(sd(3) / sd(0)).toBeLessThan(2.4);
  });
  test('is reproducible from its named stream, and another stream gives other paths', () => {
    const run = (name: string) => Array.from(randomWalkForecast([100], [0.1], 3, 5, namedStream(1, name), { kind: 'log' }));
    expect(run('baseline:random-walk:hashrate')).toEqual(run('baseline:random-walk:hashrate'));
    expect(run('baseline:random-walk:hashrate')).not.toEqual(run('baseline:random-walk:shares'));
    expect(run('baseline:random-walk:hashrate').every((v) => v > 0)).toBe(true);
  });
});
