import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { namedStream } from '../../../src/engine/streams.ts';
import { effectiveSampleSize } from '../../../src/calibrate/abc/ess.ts';
import { cholesky, fitKernel, logKernelDensity, perturb } from '../../../src/calibrate/abc/kernels.ts';
import { cumulative, pickIndex } from '../../../src/calibrate/abc/proposals.ts';
import { accepts, nextTolerance } from '../../../src/calibrate/abc/tolerance.ts';
import { importanceWeights, logSumExp, normaliseLogWeights } from '../../../src/calibrate/abc/weights.ts';
import { weightedMean, weightedQuantile, weightedSd } from '../../../src/calibrate/abc/weightedStats.ts';

const normalLogPdf = (x: number, m: number, sd: number) => -0.5 * Math.log(2 * Math.PI) - Math.log(sd) - 0.5 * ((x - m) / sd) ** 2;

describe('perturbation kernels', () => {
  test('the diagonal kernel has twice the weighted variance per parameter', () => {
    const k = fitKernel([[0, 10], [2, 10], [4, 16]], [1, 1, 2], 'diagonal');
    // weighted variances: first 2.75 (mean 2.5), second 9 (mean 13)
    expect(k.cholesky[0] ** 2).toBeCloseTo(2 * 2.75, 12);
    expect(k.cholesky[3] ** 2).toBeCloseTo(2 * 9, 12);
    expect(k.cholesky[2]).toBe(0);
  });

  test('the multivariate kernel has twice the weighted covariance', () => {
    const k = fitKernel([[0, 0], [1, 2], [2, 4.5]], [1, 1, 1], 'multivariate');
    const l = k.cholesky;
    const cov01 = l[2] * l[0];
    const mean = [1, 6.5 / 3];
    const expected = (2 / 3) * ((0 - mean[0]) * (0 - mean[1]) + (1 - mean[0]) * (2 - mean[1]) + (2 - mean[0]) * (4.5 - mean[1]));
    expect(cov01).toBeCloseTo(expected, 12);
    expect(k.kind).toBe('multivariate');
  });

  test('a log density equals the sum of normal log densities when the covariance is diagonal', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })), { minLength: 3, maxLength: 10 }), (pts) => {
        const particles = pts.map(([a, b]) => [a, b]);
        const k = fitKernel(particles, particles.map(() => 1), 'diagonal');
        const sd = [k.cholesky[0], k.cholesky[3]];
        const x = [0.3, -0.2];
        const c = particles[0];
        const expected = normalLogPdf(x[0], c[0], sd[0]) + normalLogPdf(x[1], c[1], sd[1]);
        expect(Math.abs(logKernelDensity(k, x, c) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
      }),
    );
  });

  test('perturbations have the kernel covariance (sample check) and come only from the given stream', () => {
    const k = fitKernel([[0, 0], [1, 1], [2, 1.5], [3, 3.5]], [1, 1, 1, 1], 'multivariate');
    const rng = namedStream(4, 'k');
    const steps = Array.from({ length: 20000 }, () => perturb(k, [0, 0], rng));
    const l = k.cholesky;
    const cov = [l[0] ** 2, l[2] * l[0], l[2] ** 2 + l[3] ** 2];
    const m0 = steps.reduce((s, p) => s + p[0], 0) / steps.length;
    const m1 = steps.reduce((s, p) => s + p[1], 0) / steps.length;
    const c00 = steps.reduce((s, p) => s + (p[0] - m0) ** 2, 0) / steps.length;
    const c01 = steps.reduce((s, p) => s + (p[0] - m0) * (p[1] - m1), 0) / steps.length;
    const c11 = steps.reduce((s, p) => s + (p[1] - m1) ** 2, 0) / steps.length;
    expect(c00 / cov[0]).toBeCloseTo(1, 1);
    expect(c01 / cov[1]).toBeCloseTo(1, 1);
    expect(c11 / cov[2]).toBeCloseTo(1, 1);
    expect(perturb(k, [1, 2], namedStream(9, 'z'))).toEqual(perturb(k, [1, 2], namedStream(9, 'z')));
  });

  test('a parameter without spread still gets a proper kernel; a singular covariance falls back to diagonal', () => {
    const k = fitKernel([[1, 2], [1, 4]], [1, 1], 'multivariate');
    expect(k.cholesky[0]).toBeGreaterThan(0);
    const collinear = fitKernel([[0, 0], [1, 1], [2, 2]], [1, 1, 1], 'multivariate');
    expect(Number.isFinite(logKernelDensity(collinear, [1, 1], [0, 0]))).toBe(true);
    expect(cholesky(new Float64Array([1, 1, 1, 1]), 2)).toBeUndefined();
  });
});

describe('importance weights and the effective sample size', () => {
  test('weights are prior / proposal density, normalised', () => {
    const priors = [{ dist: 'uniform' as const, min: -10, max: 10 }];
    const previous = [[0], [4]];
    const k = fitKernel(previous, [1, 1], 'diagonal'); // variance 2 * 4 = 8
    const w = importanceWeights(priors, [[0], [2]], previous, [0.5, 0.5], k);
    const q = (x: number) => 0.5 * Math.exp(normalLogPdf(x, 0, Math.sqrt(8))) + 0.5 * Math.exp(normalLogPdf(x, 4, Math.sqrt(8)));
    const raw = [1 / q(0), 1 / q(2)];
    expect(w[0]).toBeCloseTo(raw[0] / (raw[0] + raw[1]), 12);
    expect(w[0] + w[1]).toBeCloseTo(1, 15);
  });

  test('normalised weights sum to 1 and stay finite for extreme log weights', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 50 }), (logW) => {
        const w = normaliseLogWeights(logW);
        expect(w.every(Number.isFinite)).toBe(true);
        expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      }),
    );
    expect(logSumExp([Math.log(1), Math.log(3)])).toBeCloseTo(Math.log(4), 15);
    expect(logSumExp([])).toBe(-Infinity);
  });

  test('effective sample size: N for equal weights, 1 for one weight, scale-free', () => {
    expect(effectiveSampleSize([1, 1, 1, 1])).toBe(4);
    expect(effectiveSampleSize([0, 3, 0])).toBe(1);
    expect(effectiveSampleSize([0.2, 0.2, 0.6])).toBeCloseTo(1 / 0.44, 12);
    expect(effectiveSampleSize([])).toBe(0);
  });
});

describe('weighted summaries and the tolerance schedule', () => {
  test('weighted quantile: inverse of the weighted empirical CDF, ties by index', () => {
    expect(weightedQuantile([3, 1, 2], [1, 1, 1], 0.5)).toBe(2);
    expect(weightedQuantile([1, 2], [1, 3], 0.3)).toBe(2);
    expect(weightedQuantile([1, 2], [1, 3], 0.25)).toBe(1);
    expect(weightedQuantile([5, 6], [0, 1], 0)).toBe(6);
    expect(weightedQuantile([1, 2, 3], [1, 1, 1], 1)).toBe(3);
    expect(weightedMean([1, 3], [3, 1])).toBe(1.5);
    expect(weightedSd([0, 2], [1, 1])).toBe(1);
  });

  test('the next tolerance is the weighted quantile of the distances, never above the previous', () => {
    expect(nextTolerance([1, 2, 3, 4], [1, 1, 1, 1], 0.5, Infinity)).toBe(2);
    expect(nextTolerance([1, 2, 3, 4], [0, 0, 1, 1], 0.5, Infinity)).toBe(3);
    expect(nextTolerance([5, 6], [1, 1], 0.5, 4)).toBe(4);
    expect(accepts(1, 1)).toBe(true);
    expect(accepts(Infinity, Infinity)).toBe(false);
    expect(accepts(NaN, 1)).toBe(false);
  });

  test('picking by cumulative weight: zero weights never picked, frequencies follow the weights', () => {
    const c = cumulative([1, 0, 3]);
    expect(Array.from(c)).toEqual([0.25, 0.25, 1]);
    expect(pickIndex(c, 0)).toBe(0);
    expect(pickIndex(c, 0.2499)).toBe(0);
    expect(pickIndex(c, 0.25)).toBe(2);
    expect(pickIndex(c, 0.9999)).toBe(2);
  });
});
