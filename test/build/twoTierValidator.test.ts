/**
 * twoTierValidator: the quick validator's yes is the answer; on its no, the full validator's verdict and errors; each
 * loaded once, the full one only when needed.
 */
import { describe, expect, it } from 'vitest';
import { twoTierValidator, type VerdictFunction } from '../../src/build/twoTierValidator.ts';
import { loadInFreshNode } from '../helpers/freshNodeLoad.ts';

/** A validator accepting numbers, with a load counter; `errors` as ajv sets them. */
function fake(name: string, loads: Record<string, number>, accepts: (d: unknown) => boolean = (d) => typeof d === 'number'): () => VerdictFunction {
  return () => {
    loads[name] = (loads[name] ?? 0) + 1;
    const v: VerdictFunction = (d) => {
      const ok = accepts(d);
      v.errors = ok ? null : [{ by: name, data: d }];
      return ok;
    };
    return v;
  };
}

describe('twoTierValidator', () => {
  it('a valid document: true, no errors, and the full validator is never loaded', () => {
    const loads: Record<string, number> = {};
    const validate = twoTierValidator(fake('quick', loads), fake('full', loads));
    expect(validate(1)).toBe(true);
    expect(validate(2)).toBe(true);
    expect(validate.errors).toBeNull();
    expect(loads).toEqual({ quick: 1 });
  });

  it("an invalid document: the full validator's verdict and errors (loaded once); errors cleared by a later valid one", () => {
    const loads: Record<string, number> = {};
    const validate = twoTierValidator(fake('quick', loads), fake('full', loads));
    expect(validate('a')).toBe(false);
    expect(validate.errors).toEqual([{ by: 'full', data: 'a' }]);
    expect(validate('b')).toBe(false);
    expect(validate.errors).toEqual([{ by: 'full', data: 'b' }]);
    expect(validate(3)).toBe(true);
    expect(validate.errors).toBeNull();
    expect(loads).toEqual({ quick: 1, full: 1 });
  });

  it('where the quick validator refuses what the full one accepts, the full one decides', () => {
    const loads: Record<string, number> = {};
    const validate = twoTierValidator(fake('quick', loads, () => false), fake('full', loads));
    expect(validate(1)).toBe(true);
    expect(validate.errors).toBeNull();
  });
});

describe('the bundle (built by the global setup)', () => {
  it('ships the quick validator with a V8 code cache that plain node accepts, and it accepts the shipped china-2021', () => {
    const china = "async (validate) => validate((await import('yaml')).parse((await import('node:fs')).readFileSync('scenarios/china-2021.yaml', 'utf8')))";
    const r = loadInFreshNode('bin/build/scenarioQuickValidator.cjs', 'bin/build/scenarioQuickValidator.v8cache', china);
    expect(r.stderr).toBe('');
    expect([r.cacheRejected, r.used]).toEqual([false, true]);
  });
});
