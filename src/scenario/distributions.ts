/**
 * Distributions for uncertain Numbers, drawn once per run. Each field draws from its own stream
 * `draw:<field.path>` seeded from the run seed, so adding a draw elsewhere never shifts this one.
 */
import { namedStream, normalDraw, type RandomStream } from '../engine/streams.ts';

/** A distribution as written in a scenario. */
export type Distribution =
  | { dist: 'normal'; mean: number; sd: number }
  | { dist: 'lognormal'; median: number; sigma: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'triangular'; min: number; mode: number; max: number };

/**
 * The engine's named stream `<kind>:<name>` of run `seed` (alea seeded with `<seed>:<kind>:<name>`), e.g.
 * `stream(7, 'draw', 'regions.KZ.initialShare')`. Same seed and name, same numbers, always.
 */
export function stream(seed: number, kind: 'draw' | 'gbm', name: string): RandomStream {
  return namedStream(seed, `${kind}:${name}`);
}

/**
 * One draw of `d`: normal `mean + sd * z`; lognormal `median * exp(sigma * z)`; uniform on [min, max);
 * triangular by its inverse CDF.
 * @example draw({dist: 'uniform', min: 1, max: 3}, {next: () => 0.5}) // 2
 */
export function draw(d: Distribution, rng: RandomStream): number {
  switch (d.dist) {
    case 'normal':
      return d.mean + d.sd * normalDraw(rng);
    case 'lognormal':
      return d.median * Math.exp(d.sigma * normalDraw(rng));
    case 'uniform':
      return d.min + (d.max - d.min) * rng.next();
    case 'triangular': {
      const u = rng.next();
      const { min: a, mode: c, max: b } = d;
      if (b === a) return a;
      const f = (c - a) / (b - a);
      return u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
    }
  }
}
