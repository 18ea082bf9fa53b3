/**
 * The fuzzer's random choices, from a named seeded stream of the engine (never Math.random), so that case
 * `index` of fuzz seed `seed` is the same case on every machine and every run.
 */
import { namedStream, type RandomStream } from '../engine/streams.ts';

/** Seeded choices for one fuzz case. */
export class Chooser {
  private readonly rng: RandomStream;

  constructor(seed: number, index: number) {
    this.rng = namedStream(seed, `fuzz:${index}`);
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.rng.next();
  }

  /** An integer from `lo` to `hi` inclusive. Example: `int(1, 3)` is 1, 2 or 3. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rng.next() * (hi - lo + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.rng.next() < p;
  }

  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rng.next() * items.length)];
  }

  /** One key of `weights`, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let x = this.rng.next() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [k, w] of entries) {
      x -= w;
      if (x < 0) return k;
    }
    return entries[entries.length - 1][0];
  }
}
