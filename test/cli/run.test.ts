/**
 * `hashsim run` as a user runs it: through the real entry point, in a child process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

/** Runs `hashsim <args>` through bin/hashsim.js (as `npx hashsim` does). */
function hashsim(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/hashsim.js', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'hashsim-run-'));
/** The files at the top of a folder (charts/, whose images a background process draws, left out). */
const filesOf = (dir: string) =>
  Object.fromEntries(readdirSync(dir).filter((f) => f !== 'charts').sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('hashsim run', () => {
  const a = tmp();
  const b = tmp();
  const c = tmp();
  const first = hashsim('run', 'scenarios/small.yaml', '--seed', '7', '--out', a);
  const second = hashsim('run', 'scenarios/small.yaml', '--seed', '7', '--out', b);
  const other = hashsim('run', 'scenarios/small.yaml', '--seed', '8', '--out', c, '--quiet');

  test('writes the six output files, the report and its chart specs, and exits 0', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(readdirSync(a).sort()).toEqual(['charts', 'countries.csv', 'events.jsonl', 'flows.csv', 'manifest.json', 'network.csv', 'regions.csv', 'report.html']);
    expect(readdirSync(join(a, 'charts')).filter((f) => f.endsWith('.vl.json')).length).toBeGreaterThan(0);
  });

  test('prints the country shares at the first month, the trough and the end', () => {
    expect(first.stdout).toContain('small, seed 7: country shares of hashing hashrate');
    expect(first.stdout).toMatch(/country\s+2021-05 first\s+\S+ trough\s+2022-04 end/);
    expect(first.stdout).toMatch(/^US\s+\d+\.\d%/m);
    expect(first.stdout).toContain(`wrote 6 files to ${a}/`);
  });

  test('the same seed twice gives identical bytes', () => {
    expect(second.code).toBe(0);
    expect(filesOf(b)).toEqual(filesOf(a));
  });

  test('another seed gives other agents but the same shape', () => {
    expect(other.code).toBe(0);
    expect(other.stdout).toBe('');
    const x = readFileSync(join(a, 'countries.csv'), 'utf8').split('\n');
    const y = readFileSync(join(c, 'countries.csv'), 'utf8').split('\n');
    expect(y[0]).toBe(x[0]);
    expect(y.length).toBe(x.length);
    expect(y.map((l) => l.split(',').slice(0, 2).join())).toEqual(x.map((l) => l.split(',').slice(0, 2).join()));
    expect(y).not.toEqual(x);
  });

  test('the manifest records the scenario, its hash, the seed and the version', () => {
    const m = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8'));
    expect(m.scenario).toBe('small');
    expect(m.seed).toBe(7);
    expect(m.version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    expect(m.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(m.resolvedScenario.name).toBe('small');
  });

  test('a scenario mistake exits 2 with file:line:column, and writes nothing', () => {
    const dir = tmp();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync('scenarios/small.yaml', 'utf8').replace('count: 200', 'count: lots'));
    const out = join(dir, 'out');
    const r = hashsim('run', bad, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+ agents\.count: expected .*found "lots"/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(out)).toBe(false);
  });

  test('a bad --seed exits 2 with one clear line', () => {
    const r = hashsim('run', 'scenarios/small.yaml', '--seed', '-3', '--out', tmp());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`hashsim: --seed: expected an integer from 0 to 9007199254740991, found "-3"\nRun 'hashsim --help' for usage.\n`);
  });

  test('options are checked before any work: the scenario is not even read, nothing is written', () => {
    const out = join(tmp(), 'out');
    for (const [args, line] of [
      [['--seed', 'abc'], '--seed: expected an integer from 0 to 9007199254740991, found "abc"'],
      [['--out', out, '--out', out + '2'], `--out: expected one folder, found 2: "${out}", "${out}2"`],
      [['--quiet=maybe'], '--quiet: expected no value, true or false, found "maybe"'],
    ] as const) {
      const r = hashsim('run', 'no-such-file.yaml', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(`hashsim: ${line}`);
    }
    expect(existsSync(out)).toBe(false);
  });

  test('an output folder that cannot be created exits 2 and says why', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'file'), '');
    const r = hashsim('run', 'scenarios/small.yaml', '--out', join(dir, 'file', 'sub'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`hashsim: cannot write the outputs to ${join(dir, 'file', 'sub')}: cannot create the folder ${join(dir, 'file')}: ${join(dir, 'file')} is a file, not a folder\n`);
  });
});
