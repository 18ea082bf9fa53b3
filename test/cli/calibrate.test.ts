/**
 * `hashsim calibrate` as a user runs it: through the real entry point, in a child process. Tiny sizes: what is
 * checked is the command (files, messages, exit codes, resume), not the statistics (test/calibrate/abc/).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

function hashsim(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/hashsim.js', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const PARAMS = ['--param', 'behaviour.hideProbability=uniform(0,0.5)', '--param', 'events.sichuan-ban.enforcement={dist: uniform, min: 0, max: 1}'];

describe('hashsim calibrate', () => {
  test('refuses bad input with one line per problem and exit code 2, before any work', () => {
    const window = hashsim('calibrate', 'scenarios/small.yaml', ...PARAMS, '--window', '2021-05..2021-09');
    expect(window.code).toBe(2);
    expect(window.stderr).toContain('hashsim: --window: calibration uses no month after 2021-08 (later months are the out-of-sample check), found 2021-09');
    const prior = hashsim('calibrate', 'scenarios/small.yaml', '--param', 'behaviour.hideProbability=gamma(1,2)');
    expect(prior.code).toBe(2);
    expect(prior.stderr).toContain('hashsim: --param behaviour.hideProbability: expected a distribution named normal, lognormal, uniform or triangular, found "gamma" in "gamma(1,2)"');
    const none = hashsim('calibrate', 'scenarios/small.yaml');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('hashsim: --param: expected at least one PATH=PRIOR');
    const path = hashsim('calibrate', 'scenarios/small.yaml', '--param', 'behaviour.hidProbability=uniform(0,0.4)', '--particles', '4', '--generations', '1');
    expect(path.code).toBe(2);
    expect(path.stderr).toBe('hashsim: --param behaviour.hidProbability: unknown path: no key "hidProbability" in behaviour (did you mean "hideProbability"?)\n');
    for (const r of [window, prior, none, path]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('writes the posterior, summary, diagnostics and calibrated scenario, and resumes into the same folder', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'hashsim-calibrate-')), 'out');
    const args = ['calibrate', 'scenarios/small.yaml', ...PARAMS, '--particles', '4', '--runs-per-particle', '1', '--workers', '1', '--seed', '2', '--out', out];
    const first = hashsim(...args, '--generations', '1');
    expect(first.stderr).toContain('generation 0/0: 4 particles accepted of 4 proposed (100.0%), tolerance none (prior), ESS 4');
    expect(first.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['calibration.json', 'charts', 'checkpoints', 'diagnostics.csv', 'particles.csv', 'posterior.csv', 'report.html', 'small-calibrated.yaml', 'summary.csv', 'summary.md']);
    expect(readdirSync(join(out, 'charts'))).toContain('calibration-posterior.png');
    expect(first.stdout).toContain('| behaviour.hideProbability | uniform(0,0.5) |');
    const second = hashsim(...args, '--generations', '2');
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('generation 0/1: 4 particles accepted of 4 proposed (100.0%), tolerance none (prior), ESS 4, from its checkpoint');
    expect(second.stderr).toMatch(/generation 1\/1: 4 particles accepted of \d+ proposed/);
    expect(readdirSync(join(out, 'checkpoints'))).toEqual(['generation-000.json', 'generation-001.json']);
    const yaml = readFileSync(join(out, 'small-calibrated.yaml'), 'utf8');
    expect(yaml).toContain("# Command: hashsim calibrate scenarios/small.yaml --param 'behaviour.hideProbability=uniform(0,0.5)'");
    expect(yaml).toContain('# Window: 2021-05..2021-08');
    expect(yaml).toMatch(/^extends: (\.\.\/)+.*scenarios\/small\.yaml$/m);
    // The model discrepancy, measured by a backtest of 200 runs of the calibrated scenario (the default), is in it.
    expect(yaml).toContain('# Model discrepancy (observation.discrepancy*; src/calibrate/modelDiscrepancy.ts): measured from the residuals of 200 runs');
    expect(yaml).toMatch(/^observation:\n  discrepancySampleSize: \d+\n  discrepancyShareCorrelation: [\d.]+\n  discrepancyHashrate: [\d.]+\n  discrepancyHashrateCorrelation: [\d.]+\n/m);
    const without = hashsim(...args, '--generations', '2', '--discrepancy-runs', '0');
    expect(without.code, without.stderr).toBe(0);
    const plain = readFileSync(join(out, 'small-calibrated.yaml'), 'utf8');
    expect(plain).not.toContain('# Model discrepancy');
    expect(plain).not.toMatch(/^observation:|discrepancySampleSize/m);
    expect(hashsim(...args, '--discrepancy-runs', 'many').stderr).toContain('hashsim: --discrepancy-runs: expected an integer from 0 to 1000000, found "many"');
  });

  test('from the bundle, 2 worker threads (bin/build/particleWorker.mjs) give the same bytes as 1', () => {
    const root = mkdtempSync(join(tmpdir(), 'hashsim-calibrate-workers-'));
    const run = (workers: string, where: RegExp) => {
      const out = join(root, `w${workers}`);
      const r = hashsim('calibrate', 'scenarios/small.yaml', ...PARAMS, '--particles', '6', '--generations', '2', '--runs-per-particle', '1', '--seed', '3', '--workers', workers, '--out', out);
      expect(r.stderr).not.toContain('tsx');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(where);
      return out;
    };
    const one = run('1', /; particles simulated in this thread\n/);
    // piscina's count of tasks its threads completed: every particle ran in the bundled worker.
    const two = run('2', /; particles simulated in 2 worker threads \(particleWorker\.mjs, [1-9]\d* tasks\)\n/);
    const files = (dir: string, sub = ''): string[] =>
      readdirSync(join(dir, sub)).sort().flatMap((f) => (statSync(join(dir, sub, f)).isDirectory() ? files(dir, join(sub, f)) : [join(sub, f)]));
    expect(files(two)).toEqual(files(one));
    expect(files(one)).toContain('posterior.csv');
    // The command line (--workers, --out) is written into calibration.json and the calibrated scenario's header.
    const text = (dir: string, f: string) => readFileSync(join(dir, f)).toString('latin1').replaceAll(/--workers \d --out \S+w\d/g, '--workers K --out DIR');
    for (const f of files(one)) expect(text(two, f), f).toBe(text(one, f));
  });
});
