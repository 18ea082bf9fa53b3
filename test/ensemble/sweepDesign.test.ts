import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalText, designPoints } from '../../src/ensemble/sweepDesign.ts';
import { parseParam, SweepArgError } from '../../src/ensemble/sweepValues.ts';

const params = (...typed: string[]) => typed.map(parseParam);

describe('factorial design', () => {
  it('every combination, the first --param varying slowest', () => {
    const points = designPoints(params('b=1,2', 'a=x,y,z'), { design: 'factorial' });
    expect(points.map((p) => p.values.map((v) => v.value).join(' '))).toEqual(['1 x', '1 y', '1 z', '2 x', '2 y', '2 z']);
    expect(points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('canonical text sorts paths, so the order of --param does not change seeds', () => {
    const one = designPoints(params('b=1,2', 'a=x'), { design: 'factorial' }).map((p) => p.canonical);
    const two = designPoints(params('a=x', 'b=1,2'), { design: 'factorial' }).map((p) => p.canonical);
    expect(one).toEqual(['a=x;b=1', 'a=x;b=2']);
    expect(two).toEqual(one);
  });
  it('no parameters: one point with empty canonical text (a plain ensemble)', () => {
    expect(designPoints([], { design: 'factorial' })).toEqual([{ index: 0, values: [], canonical: '' }]);
  });
  it('refuses a continuous range and a path swept twice', () => {
    expect(() => designPoints(params('x=0.1..0.2'), { design: 'factorial' })).toThrow(
      new SweepArgError('--param x=0.1..0.2: a continuous range needs a count in a factorial design (e.g. x=0.1..0.2:5), or use --design lhs'),
    );
    expect(() => designPoints(params('x=1,2', 'x=3'), { design: 'factorial' })).toThrow('--param x=3: the path x is swept twice');
  });
  it('refuses too many points', () => {
    expect(() => designPoints(params('a=1..1000', 'b=1..1000'), { design: 'factorial' })).toThrow(
      '--param: a factorial design of 1000 x 1000 = 1000000 points is over the limit of 100000',
    );
  });
});

describe('Latin hypercube design', () => {
  const lhs = (points: number, masterSeed: number, ...typed: string[]) => designPoints(params(...typed), { design: 'lhs', points, masterSeed });

  it('a continuous range: one value in each of the P strata', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 0, max: 1e6 }), (P, seed) => {
        const points = lhs(P, seed, 'x=0.0..1.0', 'y=10.0..20.0');
        expect(points).toHaveLength(P);
        for (const [path, lo, hi] of [['x', 0, 1], ['y', 10, 20]] as const) {
          const sorted = points.map((p) => Number(p.values.find((v) => v.path === path)!.value)).sort((a, b) => a - b);
          sorted.forEach((v, k) => {
            expect(v).toBeGreaterThan(lo + (k / P) * (hi - lo));
            expect(v).toBeLessThan(lo + ((k + 1) / P) * (hi - lo));
          });
        }
      }),
      { numRuns: 40 },
    );
  });
  it('levels (lists, months, counted ranges) are used P / L times, give or take one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 1e6 }), (L, seed) => {
        const P = 36;
        const points = lhs(P, seed, `m=2021-01..2021-${String(L).padStart(2, '0')}`, 'x=0.0..1.0');
        const counts = new Map<string, number>();
        for (const p of points) counts.set(p.values[0].value, (counts.get(p.values[0].value) ?? 0) + 1);
        expect(counts.size).toBe(L);
        for (const c of counts.values()) expect(Math.abs(c - P / L)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 40 },
    );
  });
  it('the same seed gives the same design; another seed another one', () => {
    const a = lhs(16, 7, 'x=0.0..1.0', 'k=a,b,c,d');
    expect(lhs(16, 7, 'x=0.0..1.0', 'k=a,b,c,d')).toEqual(a);
    expect(lhs(16, 8, 'x=0.0..1.0', 'k=a,b,c,d')).not.toEqual(a);
  });
  it('continuous values are short: the fewest digits that keep the strata', () => {
    for (const p of lhs(20, 3, 'x=0.02..0.08')) expect(p.values[0].value).toMatch(/^0\.0\d{1,4}$/);
  });
  it('points that come out equal are kept once', () => {
    const points = lhs(12, 1, 'a=1,2', 'b=x,y');
    expect(points.length).toBeLessThanOrEqual(4);
    expect(new Set(points.map((p) => p.canonical)).size).toBe(points.length);
    expect(points.map((p) => p.index)).toEqual(points.map((_, i) => i));
  });
  it('refuses a bad --points', () => {
    expect(() => lhs(0, 1, 'x=0.0..1.0')).toThrow('--points: expected an integer from 1 to 100000, found 0');
  });
});

describe('canonicalText', () => {
  it('is path=value sorted by path, joined by ;', () => {
    expect(canonicalText([{ path: 'events.b.effective', value: '2021-05' }, { path: 'behaviour.x', value: '0.1' }])).toBe(
      'behaviour.x=0.1;events.b.effective=2021-05',
    );
  });
});
