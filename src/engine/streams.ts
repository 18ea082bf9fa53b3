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

/**
 * A 32-bit key for keyed draws (`keyedUniform`), from a run seed and a stream name (FNV-1a of `seed:name`).
 * Example: `streamKey(1, 'choices')` is the key of the per-entity choice draws of seed 1.
 */
export function streamKey(seed: number, name: string): number {
  const text = `${seed}:${name}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h >>> 0);
}

/** A 32-bit integer finaliser (murmur3's fmix32): every input bit affects every output bit. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * A uniform draw in [0, 1) that is a pure function of a stream key and three integer coordinates (an
 * entity id, a step, a slot): a counter-based generator. Entities draw independently of one another, so a
 * draw of one entity never depends on how many draws others made (adding an entity never reshuffles the rest).
 * Coordinates are taken modulo 2^32. 53 bits of the result are random.
 * Example: `keyedUniform(streamKey(1, 'choices'), agentId, step, 0)` is agent `agentId`'s first choice draw in `step`.
 */
export function keyedUniform(key: number, a: number, b: number, c: number): number {
  let h = mix32(key ^ Math.imul(a | 0, 0x9e3779b1));
  h = mix32(h ^ Math.imul((b | 0) + 0x7f4a7c15, 0x85ebca77));
  h = mix32(h ^ Math.imul((c | 0) + 0x165667b1, 0xc2b2ae3d));
  const low = mix32(h ^ 0x27d4eb2f);
  return ((h >>> 5) * 67108864 + (low >>> 6)) / 9007199254740992;
}
