/**
 * The `run` command ships as a CommonJS script of its own with a V8 code cache (bundle.ts, `codeCachedRun`): the
 * bundle's ES modules load it in place of src/cli/run.ts, the cache is one plain node accepts, and it holds the code
 * a run takes (bytecode of what the build's run compiled), so a run starts without parsing or compiling it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadInFreshNode } from '../helpers/freshNodeLoad.ts';

let meta: Metafile;
beforeAll(() => {
  expect(existsSync('bin/build/meta.json'), 'the global setup builds bin/build/').toBe(true);
  meta = JSON.parse(readFileSync('bin/build/meta.json', 'utf8'));
});

const runScripts = () => Object.keys(meta.outputs).filter((o) => /^bin\/build\/chunk-run-[A-Z0-9]+\.cjs$/.test(o));

describe('the run script of the bundle', () => {
  it('is one CommonJS file holding run.ts with the scenario loader and the model; no ES module chunk holds run.ts', () => {
    expect(runScripts().length).toBe(1);
    const inputs = Object.keys(meta.outputs[runScripts()[0]].inputs);
    for (const source of ['src/cli/run.ts', 'src/scenario/load.ts', 'src/model/simulate.ts', 'src/report/index.ts']) expect(inputs, source).toContain(source);
    const esm = Object.entries(meta.outputs).filter(([o]) => o.endsWith('.mjs'));
    expect(esm.filter(([, o]) => 'src/cli/run.ts' in o.inputs).map(([name]) => name)).toEqual([]);
    expect(esm.some(([, o]) => Object.keys(o.inputs).includes('code-cached:run'))).toBe(true);
  });

  it('has a V8 code cache, made after a run (most of the script compiled), that plain node accepts', () => {
    const script = runScripts()[0];
    const cache = script.replace(/\.cjs$/, '.v8cache');
    expect(existsSync(cache)).toBe(true);
    // Only what a run compiled is in the cache: a cache of the top level alone would be a small fraction of the script.
    expect(statSync(cache).size).toBeGreaterThan(statSync(script).size / 2);
    const r = loadInFreshNode(script, cache);
    expect(r.stderr).toBe('');
    expect(r.cacheRejected).toBe(false);
  });

  it('resolves paths from where it is: run from another folder, it gives the golden bytes of test/golden/small', () => {
    const out = mkdtempSync(join(tmpdir(), 'hashsim-run-script-'));
    const r = spawnSync(process.execPath, [resolve('bin/hashsim.js'), 'run', resolve('scenarios/small.yaml'), '--seed', '1', '--charts', 'none', '--quiet', '--out', out], {
      cwd: tmpdir(),
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // The manifest names the scenario file as given (here an absolute path); everything else is the golden bytes.
    const text = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8').replace(/"scenarioFile": ".*"/, '"scenarioFile": ""');
    for (const name of readdirSync('test/golden/small')) expect(text(out, name), name).toBe(text('test/golden/small', name));
  });
});
