import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileScenario, formatIssue, loadScenario, ScenarioError } from '../../src/scenario/index.ts';
import { BASE, tempDir } from './helpers.ts';

const WELL_FORMED = /^.+:\d+:\d+ \S+: .+/;
const WELL_FORMED_SET = /^--set \S+: .+/;

/** Runs a scenario text through loadScenario + compileScenario: succeeds, or fails with well-formed issues only. */
function check(file: string, text: string | Buffer, sets: string[] = []): void {
  writeFileSync(file, text);
  try {
    compileScenario(loadScenario(file, { sets }), { seed: 1 });
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw new Error(`not a ScenarioError: ${(e as Error)?.stack ?? e}`);
    expect(e.issues.length).toBeGreaterThanOrEqual(1);
    for (const issue of e.issues) {
      const line = formatIssue(issue);
      expect(line).toMatch(issue.file === '--set' ? WELL_FORMED_SET : WELL_FORMED);
      expect(line).not.toContain('\n');
      expect(line).not.toContain('internal error');
    }
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path (list of keys and indexes) of a JSON value. */
function pathsOf(v: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...prefix, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...pathsOf(x, [...prefix, k]));
  return out;
}

const nasty = fc.oneof(
  fc.constantFrom(
    'lots', '', '2021-13', '2021-02-30', '2021-6-1', '20210601', '-1', 'NaN', '1e999', 'import({}, {override: true})',
    'createUnit("x")', 'f(x)=x', 'a=1', '[1,2][1]', '{a:1}.a', 'cos.constructor', '"s"', 't +', '1/0', 'sqrt(-1)',
    'month ? : 1', 'evaluate("1")', '__proto__', 'constructor', 'CN', 'cn-sc', 'ZZ', 'ban', 'normal',
  ),
  fc.double(),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
  fc.string(),
  fc.constant([]),
  fc.constant({}),
  fc.constant({ dist: 'normal', mean: 1, sd: -1 }),
  fc.constant({ dist: 'uniform', min: 3, max: 1 }),
  fc.constant({ csv: 'nope.csv', column: 'x' }),
  fc.constant({ gbm: { initial: -1, driftPerYear: 0, volatilityPerYear: 1 } }),
  fc.constant({ '2021-01': 1, '2021-13': 2 }),
  fc.array(fc.string(), { maxLength: 3 }),
);

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), pick: fc.nat(), value: nasty }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('addKey' as const), pick: fc.nat(), key: fc.oneof(fc.string(), fc.constantFrom('capacityMW', 'extends', 'remove', 'id', 'type')), value: nasty }),
  fc.record({ kind: fc.constant('renameKey' as const), pick: fc.nat(), key: fc.string({ maxLength: 12 }) }),
);

function mutate(base: Json, muts: unknown[]): Json {
  const data = structuredClone(base);
  for (const m of muts as { kind: string; pick: number; value?: Json; key?: string }[]) {
    const paths = pathsOf(data).filter((p) => p.length > 0);
    if (paths.length === 0) break;
    const path = paths[m.pick % paths.length];
    const parent = path.slice(0, -1).reduce<any>((v, k) => v[k], data);
    const last = path[path.length - 1];
    if (m.kind === 'set') parent[last] = structuredClone(m.value);
    else if (m.kind === 'delete') Array.isArray(parent) ? parent.splice(last as number, 1) : delete parent[last];
    else if (m.kind === 'addKey' && parent && typeof parent === 'object' && !Array.isArray(parent)) parent[m.key!] = structuredClone(m.value);
    else if (m.kind === 'renameKey' && !Array.isArray(parent)) {
      const v = parent[last];
      delete parent[last];
      parent[m.key!] = v;
    }
  }
  return data;
}

describe('any mutation of a valid scenario either loads or fails with well-formed issues (never anything else)', () => {
  const base = parse(BASE) as Json;
  const dir = tempDir();
  const file = join(dir, 'm.yaml');

  it('structural mutations: wrong types, missing and unknown keys, bad dates, negative numbers, broken formulas', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (muts) => {
        check(file, stringify(mutate(base, muts)));
      }),
      { numRuns: 2500 },
    );
  });

  it('text mutations: YAML syntax garbage inserted, lines deleted or duplicated, truncation', () => {
    const garbage = fc.oneof(fc.string(), fc.constantFrom(': ', '- ', '[', ']', '{', '}', '&a ', '*a', '!!binary ', '|', '>', '%YAML 1.1\n', '---\n', '\t', '"', "'", '#', '? ', '<<: *a', '\u0000', '\uFEFF'));
    fc.assert(
      fc.property(fc.nat(), fc.array(garbage, { minLength: 1, maxLength: 5 }), fc.nat(), fc.boolean(), (at, bits, cut, dup) => {
        const lines = BASE.split('\n');
        const i = at % lines.length;
        if (dup) lines.splice(i, 0, lines[(i + cut) % lines.length]);
        else lines[i] = lines[i].slice(0, cut % (lines[i].length + 1)) + bits.join('') + lines[i].slice(cut % (lines[i].length + 1));
        check(file, lines.join('\n'));
      }),
      { numRuns: 1500 },
    );
  });

  it('random --set overrides', () => {
    const path = fc.constantFrom('end', 'regions.KZ.capacityMw', 'events.sichuan-ban.effective', 'events.nope.x', 'network', 'regions.KZ', 'moves.routes.0', 'a.b.c', '', '.', 'regions..x');
    fc.assert(
      fc.property(fc.array(fc.tuple(path, fc.oneof(fc.string(), fc.constantFrom('2021-13', '[1', '{dist: normal}', '-5', '~', ''))), { maxLength: 3 }), (sets) => {
        check(file, BASE, sets.map(([p, v]) => `${p}=${v}`));
      }),
      { numRuns: 500 },
    );
  });

  it('empty, blank, binary, deeply nested and huge input', () => {
    check(file, '');
    check(file, '   \n\n  ');
    check(file, Buffer.from([0, 1, 2, 255, 254, 10, 58, 32]));
    check(file, `${'['.repeat(5000)}${']'.repeat(5000)}`);
    check(file, `a: ${'{b: '.repeat(300)}1${'}'.repeat(300)}\n`);
    check(file, `${BASE}${'x: 1\n'.repeat(200_000)}`);
    check(file, `a: &a [1, 2]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`);
    check(file, `${BASE.replace('btcPriceUsd: 40000', `btcPriceUsd: "${'('.repeat(3000)}1${')'.repeat(3000)}"`)}`);
    check(file, 'x'.repeat(6_000_000));
  });
});

describe('the real CLI', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts', ...args], { encoding: 'utf8', timeout: 60_000 });

  it('validate prints ok for a valid file and exits 0', () => {
    const r = run('validate', 'test/fixtures/scenarios/minimal.yaml', 'test/fixtures/scenarios/extends/child.yaml');
    expect(r.stdout).toBe('ok test/fixtures/scenarios/minimal.yaml\nok test/fixtures/scenarios/extends/child.yaml\n');
    expect(r.status).toBe(0);
  });

  it('validate prints every problem of broken files, no stack trace, and exits 2', () => {
    const dir = tempDir();
    const broken = [
      BASE.replace('capacityMw: 500', 'capacityMw: lots'),
      BASE.replace('btcPriceUsd: 40000', 'btcPriceUsd: [40000'),
      '',
      BASE.replace('powerPriceUsdPerKwh: 0.045', 'powerPriceUsdPerKwh: "import({}, {override: true})"'),
    ];
    const files = broken.map((text, i) => {
      const f = join(dir, `b${i}.yaml`);
      writeFileSync(f, text);
      return f;
    });
    const r = run('validate', 'test/fixtures/scenarios/minimal.yaml', ...files, join(dir, 'missing.yaml'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('ok test/fixtures/scenarios/minimal.yaml\n');
    const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('npm warn'));
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(l).toMatch(WELL_FORMED);
    expect(r.stderr).not.toMatch(/^ {4}at /m);
    expect(lines[0]).toBe(`${files[0]}:18:17 regions.KZ.capacityMw: expected a number between 0 and 1e9 or a formula, found "lots"`);
  });

  it('--set mistakes are reported by the CLI too', () => {
    const r = run('validate', 'test/fixtures/scenarios/minimal.yaml', '--set', 'events.sichuan-ban.effective=2021-13-01', '--set', 'regions.KZ.capacityMW=1');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--set events.sichuan-ban.effective: expected a date YYYY-MM-DD from 1900-01-01 to 2200-12-31, found "2021-13-01"\n');
    expect(r.stderr).toContain('--set regions.KZ.capacityMW: unknown --set path: no key "capacityMW" in regions.KZ (did you mean "capacityMw"?)\n');
    expect(r.stderr).not.toMatch(/^ {4}at /m);
  });

  it('explain prints the resolved scenario with origins', () => {
    const r = run('explain', 'test/fixtures/scenarios/extends/child.yaml', '--set', 'end=2022-01');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('end: 2022-01 # --set\n');
    expect(r.stdout).toContain('  KZ: # test/fixtures/scenarios/extends/child.yaml:6\n');
    expect(r.stdout).toContain('    capacityMw: 800 # test/fixtures/scenarios/extends/child.yaml:7\n');
  });
});
