/**
 * `hashsim ensemble` as a user runs it, through the real entry point in a child process: outputs, progress
 * lines off a terminal, a rerun that skips the runs already done and gives the same bytes, failed runs named
 * with exit 1, and bad input refused with exit 2 before any run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

function hashsim(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/hashsim.js', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const root = mkdtempSync(join(tmpdir(), 'hashsim-ensemble-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const filesOf = (dir: string) => Object.fromEntries(readdirSync(dir).filter((f) => f !== 'runs' && f !== 'charts').sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('hashsim ensemble', () => {
  const out = join(root, 'small');
  const first = hashsim(['ensemble', 'scenarios/small.yaml', '--runs', '4', '--workers', '1', '--out', out]);
  const firstFiles = existsSync(out) ? filesOf(out) : {};
  const again = hashsim(['ensemble', 'scenarios/small.yaml', '--runs', '4', '--workers', '1', '--out', out, '--quiet']);

  test('writes the summaries, the run index, the failed runs, the manifest and runs/, and exits 0', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['charts', 'failed_runs.csv', 'manifest.json', 'report.html', 'runs', 'runs.csv', 'summary_countries.csv', 'summary_network.csv', 'summary_regions.csv']);
    expect(readdirSync(join(out, 'charts'))).toContain('fan-hashrate-by-country.png');
    expect(first.stdout).toBe(`small, master seed 1: 4 of 4 runs summarised\nwrote 6 files and runs/ to ${out}/\n`);
    const manifest = JSON.parse(firstFiles['manifest.json']);
    expect(manifest).toMatchObject({ program: 'hashsim', command: 'ensemble', scenario: 'small', masterSeed: 1, runs: 4, failedRuns: 0 });
    expect(Object.keys(manifest.files)).toEqual(['summary_countries.csv', 'summary_regions.csv', 'summary_network.csv', 'runs.csv', 'failed_runs.csv']);
  });

  test('off a terminal, progress is plain lines on stderr, then a line with the time, speed and peak memory', () => {
    expect(first.stderr).toMatch(/^small: \d\/4 runs \(\d+%\), [\d.]+ runs\/s/m);
    expect(first.stderr).toMatch(/^small: 4 runs in [\d.]+ s with 1 worker \([\d.]+ runs\/s; runs [\d.]+ s, summaries [\d.]+ s\); CPU [\d.]+ s; peak memory \d+ MiB$/m);
  });

  test('running it again skips the runs already done and writes the same bytes; --quiet prints nothing', () => {
    expect(again).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(filesOf(out)).toEqual(firstFiles);
  });

  test('failed runs are named on stderr and listed in failed_runs.csv; the others are summarised; exit 1', () => {
    const dir = join(root, 'failing');
    const r = hashsim(['ensemble', 'scenarios/small.yaml', '--runs', '3', '--workers', '1', '--out', dir, '--quiet'], { HASHSIM_TEST_FAIL_REPLICATES: '1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^hashsim: 1 of 3 runs failed \\(listed in ${join(dir, 'failed_runs.csv')}\\):\\n  p0000-r000001 \\(seed \\d+\\): test failure injected for replicate 1\\n$`));
    expect(readFileSync(join(dir, 'failed_runs.csv'), 'utf8')).toMatch(/^run_id,point,replicate,seed,error\np0000-r000001,0,1,\d+,test failure/);
    expect(readFileSync(join(dir, 'summary_network.csv'), 'utf8').split('\n')[1]).toMatch(/^2021-05,hashrate_ehs,2,/);
  });

  test('bad options and bad scenarios exit 2 before any run, writing nothing', () => {
    const dir = join(root, 'never');
    const badRuns = hashsim(['ensemble', 'scenarios/small.yaml', '--runs', '0', '--out', dir]);
    expect(badRuns.code).toBe(2);
    expect(badRuns.stderr).toContain('--runs: expected an integer from 1 to 10000000, found "0"');
    const badWorkers = hashsim(['ensemble', 'scenarios/small.yaml', '--runs', '2', '--workers', 'many', '--out', dir]);
    expect(badWorkers.code).toBe(2);
    expect(badWorkers.stderr).toContain('--workers: expected auto or an integer from 1 to 256, found "many"');
    const scenario = join(root, 'bad.yaml');
    writeFileSync(scenario, 'extends: ' + join(process.cwd(), 'scenarios/small.yaml') + '\nagents: { count: lots }\n');
    const badScenario = hashsim(['ensemble', scenario, '--runs', '2', '--out', dir]);
    expect(badScenario.code).toBe(2);
    expect(badScenario.stderr).toMatch(/bad\.yaml:2:\d+ agents\.count: /);
    expect(existsSync(dir)).toBe(false);
  });

  test('a folder holding other files, or another ensemble, is refused with exit 2', () => {
    const foreign = join(root, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine\n');
    const r = hashsim(['ensemble', 'scenarios/small.yaml', '--runs', '2', '--out', foreign]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${foreign} holds "notes.txt", which is not an output of an ensemble: choose a new or empty folder`);
    expect(readdirSync(foreign)).toEqual(['notes.txt']);
    const other = hashsim(['ensemble', 'scenarios/small.yaml', '--runs', '4', '--seed', '2', '--out', out]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('holds the runs of another ensemble');
  });
});
