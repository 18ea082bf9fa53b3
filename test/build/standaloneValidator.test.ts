/**
 * The precompiled scenario validator (ajv standalone code, what the bundle uses) reports exactly the errors of the
 * validator ajv compiles at run time (what the sources use): same keywords, paths, params, schemas and data, in the
 * same order, so validate.ts prints byte-identical messages either way. Checked on every shipped scenario and on
 * random mistakes planted in them. And the quick validator the bundle tries first (twoTierValidator.ts) gives the
 * same verdict, valid or not, on all of those.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { quickValidatorCode, standaloneValidatorCode } from '../../src/build/standaloneValidator.ts';
import { scenarioValidator } from '../../src/scenario/validator.ts';

/** Evaluates the CommonJS standalone code as a module of this folder and returns its validate function. */
function loadStandalone(code: string): ValidateFunction {
  const module = { exports: {} as unknown };
  new Function('module', 'exports', 'require', code)(module, module.exports, createRequire(import.meta.url));
  return module.exports as ValidateFunction;
}

/** What a validator says about `data`: valid, and its errors as JSON (schema objects compared by content). */
function verdict(validate: ValidateFunction, data: unknown): string {
  const ok = validate(data);
  return JSON.stringify({ ok, errors: validate.errors ?? null });
}

const scenarios = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => [f, parseYaml(readFileSync(join('scenarios', f), 'utf8'))] as const);

describe('the precompiled scenario validator', () => {
  const precompiled = loadStandalone(standaloneValidatorCode());
  const compiled = scenarioValidator();
  const quickCode = quickValidatorCode();
  const quick = loadStandalone(quickCode);

  it.each(scenarios)('%s: same verdict as the compiled validator', (_file, data) => {
    const want = verdict(compiled, data);
    expect(verdict(precompiled, data)).toBe(want);
    // (A scenario that extends another is incomplete on its own: both say no.)
    expect(quick(data)).toBe(JSON.parse(want).ok);
  });

  it('the quick validator is less than a fifth of the full one', () => {
    expect(quickCode.length).toBeLessThan(standaloneValidatorCode().length / 5);
  });

  it('a document with many mistakes at once: the same errors, in the same order', () => {
    const data = structuredClone(scenarios.find(([f]) => f === 'china-2021.yaml')![1]) as Record<string, any>;
    data.start = '2021-13';
    data.network.initialHashrateEhs = 'lots';
    const region = Object.values(data.regions)[0] as Record<string, unknown>;
    region.capacityMW = 5;
    region.powerPriceUsdPerKwh = { dist: 'normall', mean: 1 };
    data.events[0].type = 'bna';
    data.events.push({ id: 'x', type: 'powerCut' });
    const want = verdict(compiled, data);
    expect(JSON.parse(want).errors.length).toBeGreaterThan(5);
    expect(verdict(precompiled, data)).toBe(want);
    expect(quick(data)).toBe(false);
  });

  /** The paths of every node of a plain document. */
  const paths = (node: unknown, at: (string | number)[] = []): (string | number)[][] =>
    typeof node === 'object' && node !== null
      ? [at, ...Object.entries(node).flatMap(([k, v]) => paths(v, [...at, Array.isArray(node) ? Number(k) : k]))]
      : [at];
  const docs = scenarios.map(([, d]) => ({ data: d, paths: paths(d).filter((p) => p.length > 0) }));
  /** Values that are right somewhere and wrong elsewhere: numbers at and past bounds, each kind of TimeValue, half-right ones. */
  const plausible = fc.constantFrom<unknown>(
    '2021-13', '2021-06', '2021-06-15', 'lots', 'CN', 'x-1', -1, 0, 0.5, 1, 1.5, 1200, 1e13, 'ban', 'powerCut', '', 't * 2', [], ['CN'], ['cn'], {},
    { csv: 'x.csv' }, { csv: 'x.csv', column: 'y' }, { csv: '', column: 'y' }, { '2021-01': 5 }, { '2021-01': 'x' }, { '2021-13': 5 },
    { dist: 'normal', mean: 1, sd: 0.1 }, { dist: 'normal', mean: 1, sd: -1 }, { dist: 'lognormal', median: 0, sigma: 1 }, { dist: 'uniform', min: 0, max: 1 },
    { dist: 'triangular', min: 0, mode: 1 }, { dist: 'normall', mean: 1 }, { gbm: { initial: 1, driftPerYear: 0, volatilityPerYear: 0.5 } }, { gbm: { initial: 0 } },
  );
  /** Applies random mutations (a value set, a key removed, a key added) to copies of the shipped scenarios; returns the documents changed. */
  const mutated = (mutations: { doc: number; where: number; what: unknown; extraKey?: string }[]) => {
    const data = docs.map((d) => structuredClone(d.data)) as Record<string, any>[];
    for (const m of mutations) {
      const doc = data[m.doc];
      const path = docs[m.doc].paths[m.where % docs[m.doc].paths.length];
      let parent: any = doc;
      for (const seg of path.slice(0, -1)) parent = parent?.[seg];
      if (typeof parent !== 'object' || parent === null) continue;
      const last = path[path.length - 1];
      if (m.what === undefined) delete parent[last];
      else parent[last] = structuredClone(m.what);
      if (m.extraKey !== undefined && !Array.isArray(parent)) parent[m.extraKey] = 1;
    }
    return [...new Set(mutations.map((m) => m.doc))].map((d) => data[d]);
  };
  const mutation = (what: fc.Arbitrary<unknown>, doc: fc.Arbitrary<number> = fc.nat({ max: docs.length - 1 })) =>
    fc.record({ doc, where: fc.nat(), what, extraKey: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }) });
  /** The shipped scenarios valid on their own (not extending another). */
  const complete = docs.flatMap((d, i) => (compiled(d.data) ? [i] : []));

  it('random values planted anywhere in the shipped scenarios: the same verdicts (property)', () => {
    const what = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined), fc.constantFrom('2021-13', 'lots', -1, 0.5, 'ban', { csv: 'x.csv' }));
    fc.assert(
      fc.property(fc.array(mutation(what), { minLength: 1, maxLength: 4 }), (mutations) => {
        for (const d of mutated(mutations)) {
          const want = verdict(compiled, d);
          expect(verdict(precompiled, d)).toBe(want);
          expect(quick(d)).toBe(JSON.parse(want).ok);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('the quick validator: the verdict of the full one on plausible values planted anywhere, valid ones included (property)', () => {
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(fc.array(mutation(fc.oneof(plausible, fc.constant(undefined)), fc.constantFrom(...complete)), { minLength: 1, maxLength: 2 }), (mutations) => {
        for (const d of mutated(mutations)) {
          const want = precompiled(d);
          expect(quick(d)).toBe(want);
          if (want) valid++;
          else invalid++;
        }
      }),
      { numRuns: 1000 },
    );
    // Both verdicts are well represented: the property tests the quick validator's acceptances, not only its refusals.
    expect(complete.length).toBeGreaterThan(2);
    expect(valid).toBeGreaterThan(30);
    expect(invalid).toBeGreaterThan(30);
  });
});
