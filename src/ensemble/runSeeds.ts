/**
 * Seeds of the runs of an ensemble or a sweep. A run's seed is a hash of (master seed, scenario hash, parameter
 * point, replicate number), never `master + i`: adding runs or points never changes the seed of an existing
 * run, and a run's seed does not depend on how the work is split between workers or shards.
 */
import { createHash } from 'node:crypto';

/** Largest run seed: seeds are integers in [0, 2^48), exact in a double and in every output. */
export const MAX_RUN_SEED = 2 ** 48 - 1;

/** What identifies one run of an ensemble or sweep. */
export interface RunKey {
  /** The `--seed` of the ensemble (an integer >= 0). */
  masterSeed: number;
  /** sha256 hex of the resolved scenario (`ResolvedScenario.hash`), before any sweep point is applied. */
  scenarioHash: string;
  /** Canonical text of the parameter point (`''` for a plain ensemble), e.g. `behaviour.hideProbability=0.1`. */
  point: string;
  /** Replicate number at that point, from 0. */
  replicate: number;
}

/**
 * The seed of one run: the first 48 bits of sha256 over the key's fields, as an integer.
 * @example runSeed({ masterSeed: 1, scenarioHash: 'ab12', point: '', replicate: 0 }) // an integer in [0, 2^48)
 */
export function runSeed(key: RunKey): number {
  const text = JSON.stringify(['hashsim-run', key.masterSeed, key.scenarioHash, key.point, key.replicate]);
  const digest = createHash('sha256').update(text).digest();
  return digest.readUIntBE(0, 6);
}
