import { describe, expect, test } from 'vitest';
import { MAX_RUN_SEED, runSeed } from '../../src/ensemble/runSeeds.ts';

describe('runSeed', () => {
  const key = { masterSeed: 1, scenarioHash: 'abc', point: '', replicate: 0 };

  test('is an integer in [0, 2^48) and the same for the same key', () => {
    const s = runSeed(key);
    expect(Number.isSafeInteger(s)).toBe(true);
    expect(s).toBeGreaterThanOrEqual(0);
    expect(s).toBeLessThanOrEqual(MAX_RUN_SEED);
    expect(runSeed({ ...key })).toBe(s);
  });

  test('changes with every field of the key, and is not master + replicate', () => {
    const s = runSeed(key);
    expect(runSeed({ ...key, masterSeed: 2 })).not.toBe(s);
    expect(runSeed({ ...key, scenarioHash: 'abd' })).not.toBe(s);
    expect(runSeed({ ...key, point: 'x=1' })).not.toBe(s);
    expect(runSeed({ ...key, replicate: 1 })).not.toBe(s);
    expect(runSeed({ ...key, replicate: 1 })).not.toBe(s + 1);
  });

  test('pins the first seed of the default key (changing the derivation changes every ensemble)', () => {
    expect(runSeed(key)).toBe(92674632675586);
  });
});
