import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { keyedUniform, lognormalDraw, namedStream, normalDraw, shuffleInPlace, streamKey, type RandomStream } from '../../src/engine/streams.ts';

const take = (s: RandomStream, n: number) => Array.from({ length: n }, () => s.next());

describe('namedStream', () => {
  test('same seed and name give the same sequence', () => {
    expect(take(namedStream(7, 'decisions'), 100)).toEqual(take(namedStream(7, 'decisions'), 100));
  });

  test('draws are uniform numbers in [0, 1)', () => {
    const xs = take(namedStream(1, 'prices'), 20_000);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    const mean = xs.reduce((a, b) => a + b) / xs.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
    // Each tenth of [0, 1) gets about a tenth of the draws.
    const bins = new Array(10).fill(0);
    for (const x of xs) bins[Math.floor(x * 10)]++;
    for (const b of bins) expect(Math.abs(b - 2000)).toBeLessThan(200);
  });

  test('different names give different sequences', () => {
    expect(take(namedStream(1, 'decisions'), 10)).not.toEqual(take(namedStream(1, 'reviews'), 10));
  });

  test('different seeds give different sequences', () => {
    expect(take(namedStream(1, 'decisions'), 10)).not.toEqual(take(namedStream(2, 'decisions'), 10));
  });

  test('adding draws to one stream never shifts another', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.nat({ max: 20 }), { maxLength: 30 }), (seed, extra) => {
        const alone = take(namedStream(seed, 'prices'), extra.length);
        const prices = namedStream(seed, 'prices');
        const decisions = namedStream(seed, 'decisions');
        const interleaved = extra.map((k) => {
          take(decisions, k);
          return prices.next();
        });
        expect(interleaved).toEqual(alone);
      }),
      { numRuns: 50 },
    );
  });

  test('streams of one seed are not correlated', () => {
    const a = take(namedStream(3, 'a'), 5000);
    const b = take(namedStream(3, 'b'), 5000);
    const mean = (x: number[]) => x.reduce((s, v) => s + v) / x.length;
    const ma = mean(a);
    const mb = mean(b);
    const cov = mean(a.map((v, i) => (v - ma) * (b[i] - mb)));
    // The correlation of independent uniforms over 5000 draws is within about 3 / sqrt(5000) of 0.
    expect(Math.abs(cov / (1 / 12))).toBeLessThan(0.045);
  });
});

describe('derived draws', () => {
  test('normalDraw has mean about 0 and standard deviation about 1', () => {
    const s = namedStream(11, 'normal');
    const xs = Array.from({ length: 20_000 }, () => normalDraw(s));
    const mean = xs.reduce((a, b) => a + b) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    expect(xs.every(Number.isFinite)).toBe(true);
  });

  test('normalDraw skips a zero uniform instead of returning Infinity', () => {
    const draws = [0, 0, 0.5, 0];
    const s: RandomStream = { next: () => draws.shift()! };
    const x = normalDraw(s);
    expect(Number.isFinite(x)).toBe(true);
    // u = 0.5, v = 0: sqrt(-2 ln 0.5) * cos(0).
    expect(x).toBeCloseTo(Math.sqrt(-2 * Math.log(0.5)), 12);
  });

  test('lognormalDraw with sigma 0 is 1, and with sigma 1 has median about 1', () => {
    const s = namedStream(5, 'sizes');
    expect(lognormalDraw(s, 0)).toBe(1);
    const xs = Array.from({ length: 10_001 }, () => lognormalDraw(s, 1)).sort((a, b) => a - b);
    expect(xs[0]).toBeGreaterThan(0);
    expect(Math.abs(Math.log(xs[5000]))).toBeLessThan(0.05);
  });

  test('shuffleInPlace permutes the items and depends only on the stream', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 1000 }), (n, seed) => {
        const a = Int32Array.from({ length: n }, (_, i) => i);
        const b = Array.from({ length: n }, (_, i) => i);
        shuffleInPlace(a, namedStream(seed, 'rationing'));
        shuffleInPlace(b, namedStream(seed, 'rationing'));
        expect(Array.from(a)).toEqual(b);
        expect([...b].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
      { numRuns: 50 },
    );
  });

  test('shuffleInPlace puts each item first about equally often', () => {
    const s = namedStream(9, 'rationing');
    const counts = [0, 0, 0, 0];
    for (let k = 0; k < 8000; k++) {
      const items = [0, 1, 2, 3];
      shuffleInPlace(items, s);
      counts[items[0]]++;
    }
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(150);
  });
});

describe('keyed draws (one stream per entity)', () => {
  const key = streamKey(1, 'choices');

  test('a draw is a pure function of the key and its coordinates', () => {
    expect(keyedUniform(key, 17, 3, 0)).toBe(keyedUniform(key, 17, 3, 0));
    expect(keyedUniform(key, 17, 3, 0)).not.toBe(keyedUniform(key, 17, 3, 1));
    expect(keyedUniform(key, 17, 3, 0)).not.toBe(keyedUniform(key, 18, 3, 0));
    expect(keyedUniform(key, 17, 3, 0)).not.toBe(keyedUniform(streamKey(2, 'choices'), 17, 3, 0));
    expect(keyedUniform(key, 17, 3, 0)).not.toBe(keyedUniform(streamKey(1, 'reviews'), 17, 3, 0));
  });

  test('draws over consecutive ids, steps and slots are uniform in [0, 1) and uncorrelated', () => {
    const xs: number[] = [];
    for (let id = 0; id < 2000; id++) for (let step = 0; step < 10; step++) xs.push(keyedUniform(key, id, step, 0));
    const bins = new Array(20).fill(0);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      bins[Math.floor(x * 20)]++;
    }
    // Chi-square with 19 degrees of freedom: 99.9% quantile 43.8.
    const expected = xs.length / 20;
    const chi2 = bins.reduce((s, b) => s + (b - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(43.8);
    // Neighbouring ids (the same step) are uncorrelated.
    let sxy = 0;
    let n = 0;
    for (let i = 0; i + 10 < xs.length; i += 10) {
      sxy += (xs[i] - 0.5) * (xs[i + 10] - 0.5);
      n++;
    }
    expect(Math.abs(sxy / n / (1 / 12))).toBeLessThan(0.1);
  });

  test('property: always in [0, 1) for any integer coordinates', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), fc.integer(), fc.integer({ min: 0, max: 1000 }), (a, b, c, seed) => {
        const x = keyedUniform(streamKey(seed, 'x'), a, b, c);
        return x >= 0 && x < 1;
      }),
    );
  });
});
