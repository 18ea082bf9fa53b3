/**
 * The precompiled scenario validator (ajv standalone code, what the bundle uses) reports exactly the errors of the
 * validator ajv compiles at run time (what the sources use): same keywords, paths, params, schemas and data, in the
 * same order, so validate.ts prints byte-identical messages either way. Checked on every shipped scenario and on
 * random mistakes planted in them.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { standaloneValidatorCode } from '../../src/build/standaloneValidator.ts';
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

  it.each(scenarios)('%s: same verdict as the compiled validator', (_file, data) => {
    expect(verdict(precompiled, data)).toBe(verdict(compiled, data));
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
  });

  it('random values planted anywhere in the shipped scenarios: the same verdicts (property)', () => {
    /** The paths of every node of a plain document. */
    const paths = (node: unknown, at: (string | number)[] = []): (string | number)[][] =>
      typeof node === 'object' && node !== null
        ? [at, ...Object.entries(node).flatMap(([k, v]) => paths(v, [...at, Array.isArray(node) ? Number(k) : k]))]
        : [at];
    const docs = scenarios.map(([, d]) => ({ data: d, paths: paths(d).filter((p) => p.length > 0) }));
    const mutation = fc.record({
      doc: fc.nat({ max: docs.length - 1 }),
      where: fc.nat(),
      what: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined), fc.constantFrom('2021-13', 'lots', -1, 0.5, 'ban', { csv: 'x.csv' })),
      extraKey: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const data = docs.map((d) => structuredClone(d.data)) as Record<string, any>[];
        for (const m of mutations) {
          const doc = data[m.doc];
          const path = docs[m.doc].paths[m.where % docs[m.doc].paths.length];
          let parent: any = doc;
          for (const seg of path.slice(0, -1)) parent = parent?.[seg];
          if (typeof parent !== 'object' || parent === null) continue;
          const last = path[path.length - 1];
          if (m.what === undefined) delete parent[last];
          else parent[last] = m.what;
          if (m.extraKey !== undefined && !Array.isArray(parent)) parent[m.extraKey] = 1;
        }
        for (const d of new Set(mutations.map((m) => m.doc))) expect(verdict(precompiled, data[d])).toBe(verdict(compiled, data[d]));
      }),
      { numRuns: 100 },
    );
  });
});
