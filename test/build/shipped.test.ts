/**
 * The shipped entry point, `node bin/hashsim.js`, runs the bundle of bin/build/ (built by `npm ci`, or by the
 * vitest global setup when stale) and gives byte-identical outputs and messages; the bundle holds what it should:
 * the command being run is loaded alone, mathjs's parser without the rest of mathjs, the validator precompiled
 * (with a V8 code cache).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleOptions, LATE_MADE } from '../../src/build/bundle.ts';
import { loadInFreshNode } from '../helpers/freshNodeLoad.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'hashsim-shipped-'));

/** `node bin/hashsim.js <args>`, using the bundle the global setup built (see test/setup/bundle.ts). */
function shipped(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/hashsim.js', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `tsx src/cli/main.ts <args>`: the sources, as before the build existed. */
function fromSource(...args: string[]) {
  const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let meta: Metafile;

beforeAll(() => {
  // The global setup built bin/build/ and set this; otherwise it could not build (its message is above).
  expect(process.env.HASHSIM_SKIP_STALE_CHECK, 'bin/build/ could not be built by the global setup').toBe('1');
  expect(existsSync('bin/build/hashsim.mjs')).toBe(true);
  meta = JSON.parse(readFileSync('bin/build/meta.json', 'utf8'));
});

describe('node bin/hashsim.js', () => {
  it('run scenarios/small.yaml --seed 1 gives the golden bytes (test/golden/small)', () => {
    const out = tmp();
    const r = shipped('run', 'scenarios/small.yaml', '--seed', '1', '--out', out, '--quiet');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const golden = readdirSync('test/golden/small');
    expect(golden.length).toBe(6);
    for (const name of golden) expect(readFileSync(join(out, name), 'utf8'), name).toBe(readFileSync(join('test/golden/small', name), 'utf8'));
  });

  it('prints every problem of a bad scenario exactly as the sources do', () => {
    const dir = tmp();
    const bad = join(dir, 'bad.yaml');
    const text = readFileSync('scenarios/small.yaml', 'utf8')
      .replace(/^start: .*$/m, 'start: 2021-13')
      .replace('count: 200', 'count: lots')
      .replace(/capacityMw:/, 'capacityMW:')
      .replace(/type: ban/, 'type: bna');
    writeFileSync(bad, text);
    const bundled = shipped('validate', bad);
    expect(bundled.code).toBe(2);
    expect(bundled.stderr.split('\n').length).toBeGreaterThan(3);
    expect(bundled).toEqual(fromSource('validate', bad));
  });

  it('--help and --version print what the sources print', () => {
    expect(shipped('--help')).toEqual(fromSource('--help'));
    expect(shipped('--version')).toEqual({ code: 0, stdout: `${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`, stderr: '' });
  });
});

/** Packages and src/ files in an output and everything it imports statically (not through dynamic imports). */
function staticInputs(output: string): string[] {
  const seen = new Set<string>();
  const inputs = new Set<string>();
  const visit = (o: string) => {
    if (seen.has(o)) return;
    seen.add(o);
    for (const i of Object.keys(meta.outputs[o].inputs)) inputs.add(i);
    for (const imp of meta.outputs[o].imports) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
  };
  visit(output);
  return [...inputs];
}

const pkg = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];

describe('the bundle', () => {
  it('loads nothing but yargs, the command list, skipHelpCache.ts and the version for --help: every command is a chunk loaded when it runs', () => {
    const inputs = staticInputs('bin/build/hashsim.mjs');
    expect(inputs.filter((i) => !pkg(i)).sort()).toEqual(['src/cli/commands.ts', 'src/cli/main.ts', 'src/cli/skipHelpCache.ts', 'src/report/version.ts']);
    const packages = new Set(inputs.map(pkg).filter(Boolean));
    for (const heavy of ['mathjs', 'ajv', 'yaml', '@sinclair/typebox', 'd3-array', 'seedrandom', 'cli-progress']) expect(packages.has(heavy), heavy).toBe(false);
    expect(packages.has('yargs')).toBe(true);
  });

  it("makes string-width's Intl.Segmenter and RGI emoji expression at first use, not when yargs loads it", () => {
    const copies = [...new Set(Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs)))].filter((i) => /string-width\/index\.js$/.test(i));
    expect(copies.length).toBeGreaterThan(0);
    const sources = copies.map((c) => readFileSync(c, 'utf8'));
    // Each stand-in replaces text that is really there (else the build would silently keep the eager code).
    for (const { eager } of LATE_MADE) expect(sources.some((s) => s.includes(eager)), eager).toBe(true);
    const chunks = [...new Set(Object.keys(meta.outputs).filter((o) => o.endsWith('.mjs') && Object.keys(meta.outputs[o].inputs).some((i) => copies.includes(i))))];
    for (const chunk of chunks) {
      const text = readFileSync(chunk, 'utf8');
      expect(text.match(/new Intl\.Segmenter/g)?.length, chunk).toBe(text.match(/\?\?=new Intl\.Segmenter/g)?.length);
      expect(text.match(/RGI_Emoji/g)?.length ?? 0, chunk).toBe(text.match(/\?\?=new RegExp\("\^\\\\p\{RGI_Emoji\}\$","v"\)/g)?.length ?? 0);
    }
  });

  it('holds mathjs parser modules only (not the 1,000 modules of the full mathjs)', () => {
    const mathjs = Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs)).filter((i) => pkg(i) === 'mathjs');
    expect(new Set(mathjs).size).toBeGreaterThan(10);
    expect(new Set(mathjs).size).toBeLessThan(100);
    expect(mathjs.some((i) => i.includes('/function/arithmetic/'))).toBe(false);
  });

  it('uses the scenario validator precompiled next to it (not ajv, which would compile the schema at start-up), with a V8 code cache that plain node accepts', () => {
    const inputs = Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs));
    expect(inputs.filter((i) => pkg(i) === 'ajv')).toEqual([]);
    expect(inputs).toContain('precompiled:validator');
    const r = loadInFreshNode('bin/build/scenarioValidator.cjs', 'bin/build/scenarioValidator.v8cache');
    expect(r.stderr).toBe('');
    expect(r.cacheRejected).toBe(false);
  });

  it('keeps import.meta.url at the source file, and paths.ts knows it runs from the bundle and where the worker is', async () => {
    const out = tmp();
    const esbuild = await import('esbuild');
    await esbuild.build({ ...bundleOptions({ printPaths: resolve('test/fixtures/build/printPaths.ts') }, out), logLevel: 'silent' });
    const r = spawnSync(process.execPath, [join(out, 'printPaths.mjs')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      RUNS_FROM_BUNDLE: true,
      worker: { file: join(out, 'worker.mjs'), execArgv: [] },
      here: pathToFileURL(resolve('test/fixtures/build/printPaths.ts')).href,
    });
    expect(fileURLToPath(pathToFileURL(out))).toBe(out);
  });
});
