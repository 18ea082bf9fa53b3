/**
 * Perturbation kernels of ABC-SMC: a particle resampled from the previous generation moves by a normal step
 * whose covariance is twice the previous generation's weighted covariance (Filippi et al. 2013, multivariate;
 * Beaumont et al. 2009, per-parameter: `diagonal`). Twice the variance is the choice that minimises the
 * Kullback-Leibler divergence between the proposal and the next posterior under a normal approximation.
 */
import { normalDraw, type RandomStream } from '../../engine/streams.ts';
import { weightedMean } from './weightedStats.ts';

/** `multivariate`: full covariance (parameters that trade off move together); `diagonal`: one width per parameter. */
export type KernelKind = 'multivariate' | 'diagonal';

/** A fitted normal perturbation kernel: covariance `L L^T` with `L` lower triangular (row-major, d x d). */
export interface Kernel {
  kind: KernelKind;
  /** Number of parameters. */
  dimension: number;
  /** Cholesky factor of the covariance, row-major d x d, zero above the diagonal. */
  cholesky: Float64Array;
  /** log of the normal density's constant: -(d/2) log(2 pi) - log det L. */
  logNormaliser: number;
}

/**
 * Fits the kernel to a weighted population: covariance = 2 x weighted covariance (off-diagonal zero for
 * `diagonal`). A parameter with no spread gets a tiny width (1e-6 of its scale, at least 1e-12) so the kernel stays
 * proper; if the full covariance is not positive definite the kernel falls back to `diagonal`.
 * @example fitKernel([[0], [2]], [1, 1], 'diagonal').cholesky[0] // sqrt(2 * 1) = 1.414...
 */
export function fitKernel(particles: readonly (readonly number[])[], weights: readonly number[], kind: KernelKind): Kernel {
  const d = particles[0].length;
  const means = Array.from({ length: d }, (_, k) => weightedMean(particles.map((p) => p[k]), weights));
  let total = 0;
  for (const w of weights) total += w;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < particles.length; i++) {
    const w = weights[i] / total;
    if (w === 0) continue;
    for (let a = 0; a < d; a++) {
      const da = particles[i][a] - means[a];
      for (let b = 0; b <= a; b++) cov[a * d + b] += w * da * (particles[i][b] - means[b]);
    }
  }
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      const v = 2 * cov[a * d + b];
      cov[a * d + b] = v;
      cov[b * d + a] = v;
    }
    const floor = Math.max(1e-12, (1e-6 * Math.abs(means[a])) ** 2);
    if (!(cov[a * d + a] > floor)) cov[a * d + a] = floor;
  }
  if (kind === 'diagonal') return diagonalKernel(cov, d);
  const chol = cholesky(cov, d);
  return chol ? withNormaliser('multivariate', chol, d) : diagonalKernel(cov, d);
}

function diagonalKernel(cov: Float64Array, d: number): Kernel {
  const chol = new Float64Array(d * d);
  for (let a = 0; a < d; a++) chol[a * d + a] = Math.sqrt(cov[a * d + a]);
  return withNormaliser('diagonal', chol, d);
}

function withNormaliser(kind: KernelKind, chol: Float64Array, d: number): Kernel {
  let logDet = 0;
  for (let a = 0; a < d; a++) logDet += Math.log(chol[a * d + a]);
  return { kind, dimension: d, cholesky: chol, logNormaliser: -(d / 2) * Math.log(2 * Math.PI) - logDet };
}

/** Cholesky factor of a symmetric d x d matrix (row-major), or undefined when it is not positive definite. */
export function cholesky(m: Float64Array, d: number): Float64Array | undefined {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i * d + j];
      for (let k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(s > 0)) return undefined;
        l[i * d + i] = Math.sqrt(s);
      } else {
        l[i * d + j] = s / l[j * d + j];
      }
    }
  }
  return l;
}

/**
 * A perturbed copy of `center`: center + L z with z standard normal draws from `rng` (d of them, in order).
 * @example perturb(fitKernel([[0], [2]], [1, 1], 'diagonal'), [1], rng) // [1 + 1.414 z]
 */
export function perturb(kernel: Kernel, center: readonly number[], rng: RandomStream): number[] {
  const d = kernel.dimension;
  const z = Array.from({ length: d }, () => normalDraw(rng));
  const out = new Array<number>(d);
  for (let a = 0; a < d; a++) {
    let s = center[a];
    for (let b = 0; b <= a; b++) s += kernel.cholesky[a * d + b] * z[b];
    out[a] = s;
  }
  return out;
}

/**
 * log of the kernel's density of moving from `center` to `x`: the normal log density with covariance L L^T.
 * @example logKernelDensity(fitKernel([[0], [2]], [1, 1], 'diagonal'), [1], [1]) // -0.5 log(2 pi) - log(1.414)
 */
export function logKernelDensity(kernel: Kernel, x: readonly number[], center: readonly number[]): number {
  const d = kernel.dimension;
  const l = kernel.cholesky;
  let q = 0;
  const y = new Array<number>(d);
  for (let a = 0; a < d; a++) {
    let s = x[a] - center[a];
    for (let b = 0; b < a; b++) s -= l[a * d + b] * y[b];
    y[a] = s / l[a * d + a];
    q += y[a] * y[a];
  }
  return kernel.logNormaliser - 0.5 * q;
}
