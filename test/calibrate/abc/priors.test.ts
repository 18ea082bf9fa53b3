import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { namedStream } from '../../../src/engine/streams.ts';
import { draw } from '../../../src/scenario/distributions.ts';
import { checkPrior, formatPrior, priorDensity, priorQuantile, samplePrior, standardNormalQuantile, type Prior } from '../../../src/calibrate/abc/priors.ts';
import { parsePrior, PriorError } from '../../../src/calibrate/abc/parsePrior.ts';

/** fast-check doubles, with -0 read as 0 (a prior written and read back has no sign on zero). */
const num = (min: number, max: number) => fc.double({ min, max, noNaN: true }).map((x) => x + 0);

const priorArb: fc.Arbitrary<Prior> = fc.oneof(
  fc.record({ dist: fc.constant('normal' as const), mean: num(-10, 10), sd: num(0.01, 5) }),
  fc.record({ dist: fc.constant('lognormal' as const), median: num(0.01, 10), sigma: num(0.05, 1.5) }),
  fc.tuple(num(-10, 10), num(0.01, 10)).map(([min, w]) => ({ dist: 'uniform' as const, min, max: min + w })),
  fc
    .tuple(num(-10, 10), num(0.01, 10), num(0, 1))
    .map(([min, w, f]) => ({ dist: 'triangular' as const, min, mode: min + f * w, max: min + w })),
);

/** Integral of the density from the 1e-6 quantile to x, by the midpoint rule. */
function massBelow(prior: Prior, x: number): number {
  const lo = priorQuantile(prior, 1e-6);
  const steps = 4000;
  const h = (x - lo) / steps;
  let s = 0;
  for (let i = 0; i < steps; i++) s += priorDensity(prior, lo + (i + 0.5) * h) * h;
  return s + 1e-6;
}

describe('prior densities and quantiles', () => {
  test('the density integrates to the quantile level: mass below quantile(p) is p', () => {
    fc.assert(
      fc.property(priorArb, num(0.05, 0.95), (prior, p) => {
        expect(massBelow(prior, priorQuantile(prior, p))).toBeCloseTo(p, 3);
      }),
      { numRuns: 60 },
    );
  });

  test('densities at hand-computed points', () => {
    expect(priorDensity({ dist: 'uniform', min: 0, max: 2 }, 1)).toBe(0.5);
    expect(priorDensity({ dist: 'uniform', min: 0, max: 2 }, 2.01)).toBe(0);
    expect(priorDensity({ dist: 'normal', mean: 1, sd: 2 }, 1)).toBeCloseTo(1 / (2 * Math.sqrt(2 * Math.PI)), 15);
    expect(priorDensity({ dist: 'lognormal', median: 1, sigma: 1 }, 1)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
    expect(priorDensity({ dist: 'lognormal', median: 1, sigma: 1 }, -1)).toBe(0);
    expect(priorDensity({ dist: 'triangular', min: 0, mode: 1, max: 3 }, 1)).toBeCloseTo(2 / 3, 15);
    expect(priorDensity({ dist: 'triangular', min: 0, mode: 1, max: 3 }, 2)).toBeCloseTo(1 / 3, 15);
    expect(priorDensity({ dist: 'triangular', min: 0, mode: 0, max: 1 }, 0)).toBe(2);
    expect(priorDensity({ dist: 'normal', mean: 0, sd: 1 }, NaN)).toBe(0);
  });

  test('the standard normal quantile matches known values', () => {
    expect(standardNormalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(standardNormalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(standardNormalQuantile(0.05)).toBeCloseTo(-1.6448536269514722, 8);
    expect(standardNormalQuantile(1e-5)).toBeCloseTo(-4.264890793922825, 6);
  });

  test('a prior is sampled exactly as the same distribution in a scenario file', () => {
    fc.assert(
      fc.property(priorArb, fc.nat(), (prior, seed) => {
        expect(samplePrior(prior, namedStream(seed, 'x'))).toBe(draw(prior, namedStream(seed, 'x')));
      }),
    );
  });
});

describe('parsePrior', () => {
  test('reads the short form and the YAML form alike', () => {
    expect(parsePrior('uniform(0.02,0.2)')).toEqual({ dist: 'uniform', min: 0.02, max: 0.2 });
    expect(parsePrior(' normal( 0.5 , 0.1 ) ')).toEqual({ dist: 'normal', mean: 0.5, sd: 0.1 });
    expect(parsePrior('lognormal(2,0.5)')).toEqual({ dist: 'lognormal', median: 2, sigma: 0.5 });
    expect(parsePrior('triangular(0,1e-1,0.3)')).toEqual({ dist: 'triangular', min: 0, mode: 0.1, max: 0.3 });
    expect(parsePrior('{dist: triangular, min: 0, mode: 0.1, max: 0.3}')).toEqual(parsePrior('triangular(0,0.1,0.3)'));
    expect(parsePrior('{dist: normal, mean: -1, sd: 2}')).toEqual({ dist: 'normal', mean: -1, sd: 2 });
  });

  test('round-trips through formatPrior', () => {
    fc.assert(
      fc.property(priorArb, (prior) => {
        expect(parsePrior(formatPrior(prior))).toEqual(prior);
      }),
    );
  });

  test('says what was expected and what was found', () => {
    const message = (text: string) => {
      try {
        parsePrior(text);
      } catch (e) {
        expect(e).toBeInstanceOf(PriorError);
        return (e as Error).message;
      }
      throw new Error(`no error for ${text}`);
    };
    expect(message('0.5')).toBe(
      'expected a prior: uniform(min,max), normal(mean,sd), lognormal(median,sigma), triangular(min,mode,max) or {dist: normal, mean: 0.5, sd: 0.1}, found "0.5"',
    );
    expect(message('gamma(1,2)')).toBe('expected a distribution named normal, lognormal, uniform or triangular, found "gamma" in "gamma(1,2)"');
    expect(message('uniform(1)')).toBe('uniform takes 2 numbers (min, max), found 1 in "uniform(1)"');
    expect(message('normal(0,x)')).toBe('normal: expected a number for sd, found "x" in "normal(0,x)"');
    expect(message('uniform(2,1)')).toBe('uniform needs min < max, found min 2 and max 1 (in "uniform(2,1)")');
    expect(message('normal(0,0)')).toBe('normal needs sd > 0, found sd 0 (in "normal(0,0)")');
    expect(message('lognormal(-1,0.5)')).toBe('lognormal needs median > 0, found median -1 (in "lognormal(-1,0.5)")');
    expect(message('triangular(0,2,1)')).toBe('triangular needs min <= mode <= max and min < max, found min 0, mode 2, max 1 (in "triangular(0,2,1)")');
    expect(message('{dist: normal, mean: 1}')).toBe('normal: expected a number for sd, found null in "{dist: normal, mean: 1}"');
    expect(message('{dist: normal, mean: 1, sd: 1, sigma: 2}')).toBe('normal takes mean, sd, found an unknown key "sigma" in "{dist: normal, mean: 1, sd: 1, sigma: 2}"');
    expect(message('{dist: beta}')).toBe('expected dist: normal, lognormal, uniform or triangular, found "beta" in "{dist: beta}"');
    expect(message('{oops')).toMatch(/^expected a prior: /);
  });

  test('checkPrior accepts every valid prior', () => {
    fc.assert(
      fc.property(priorArb, (prior) => {
        expect(checkPrior(prior)).toBeUndefined();
      }),
    );
  });
});
