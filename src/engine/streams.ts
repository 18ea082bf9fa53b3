/**
 * Named seeded random streams. Each stream is an independent alea generator seeded from the run seed
 * and the stream's name, so adding draws to one stream never shifts another.
 */
import seedrandom from 'seedrandom';

/** A seeded uniform generator on [0, 1). */
export interface RandomStream {
  /** Next uniform draw in [0, 1). */
  next(): number;
}

/**
 * Returns the stream `name` of run `seed`. Same seed and name, same sequence.
 * Example: `namedStream(1, 'decisions').next()` is the first decision draw of seed 1.
 */
export function namedStream(seed: number, name: string): RandomStream {
  const prng = seedrandom.alea(`${seed}:${name}`);
  return { next: () => prng() };
}

/** Standard normal draw (Box-Muller, one value per two uniforms). */
export function normalDraw(stream: RandomStream): number {
  let u = stream.next();
  while (u <= Number.MIN_VALUE) u = stream.next();
  const v = stream.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Lognormal draw with median 1 and log-sd `sigma`. Example: `lognormalDraw(s, 0)` is 1. */
export function lognormalDraw(stream: RandomStream, sigma: number): number {
  return Math.exp(sigma * normalDraw(stream));
}

/** Shuffles `items` in place (Fisher-Yates) with draws from `stream`. */
export function shuffleInPlace<T>(items: T[] | Int32Array, stream: RandomStream): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(stream.next() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
}
