/**
 * The fuzz harness in CI: a few hundred mutated scenarios through validate and run (in worker processes, each
 * case with a time limit), a few of them through the real command line too, and nothing found: no crash, no
 * hang, every refusal at a file:line:column in a file the mutation wrote, no NaN or Infinity in any output.
 * (`npm run fuzz -- --count 10000` is the long run; README.md has its figures.)
 */
import { describe, expect, test } from 'vitest';
import { makeCase } from '../../src/fuzz/cases.ts';
import { MUTATION_WEIGHTS } from '../../src/fuzz/mutations.ts';
import { runPool } from '../../src/fuzz/pool.ts';

const CASES = 200;

describe('fuzzing', () => {
  test('a case is a pure function of the fuzz seed and its number', () => {
    expect(makeCase(3, 17)).toEqual(makeCase(3, 17));
    expect(makeCase(3, 17)).not.toEqual(makeCase(3, 18));
  });

  test(`the ${CASES} cases of seed 1 exercise every kind of mutation`, () => {
    const kinds = new Set(Array.from({ length: CASES }, (_, i) => makeCase(1, i).notes).flat().filter((n) => n.startsWith('[')));
    expect([...kinds].sort()).toEqual(Object.keys(MUTATION_WEIGHTS).map((k) => `[${k}]`).sort());
  });

  test(`${CASES} cases of seed 1 through validate and run: no crash, hang, unclear message or non-finite output`, async () => {
    const results = await runPool({ seed: 1, indexes: Array.from({ length: CASES }, (_, i) => i), jobs: 2, timeoutMs: 30_000, cliEvery: 100 });
    const findings = results.flatMap((r) => r.result.findings.map((f) => `${r.result.id} ${f.kind}: ${f.detail}`));
    expect(findings).toEqual([]);
    expect(results).toHaveLength(CASES);
    // Both outcomes occur: the mutations make valid scenarios as well as broken ones.
    expect(results.filter((r) => r.result.run === 'ok').length).toBeGreaterThan(CASES / 10);
    expect(results.filter((r) => r.result.validate === 'refused').length).toBeGreaterThan(CASES / 3);
    expect(results.filter((r) => r.result.cli !== undefined)).toHaveLength(2);
  }, 900_000);
});
