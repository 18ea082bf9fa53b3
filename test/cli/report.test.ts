/**
 * `hashsim report`, `hashsim compare` and the charts of `hashsim run`, as a user runs them: through bin/hashsim.js
 * in child processes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

function hashsim(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/hashsim.js', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/^hashsim: bin\/build\/ .*\n/m, '') };
}

const root = mkdtempSync(join(tmpdir(), 'hashsim-cli-report-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const copy = (name: string) => {
  const dir = join(root, name);
  cpSync(join('test/fixtures/results', name), dir, { recursive: true });
  return dir;
};
const chartNames = (dir: string) => readdirSync(join(dir, 'charts')).sort();

describe('hashsim report', () => {
  test('builds the charts and report of a folder', () => {
    const dir = copy('run-ban');
    const r = hashsim('report', dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote 22 files to ${dir}/ (open ${dir}/report.html)\n`);
    expect(chartNames(dir)).toContain('china-provinces.png');
  });

  test('a missing folder or a malformed file: exit 2 and one line', () => {
    expect(hashsim('report', join(root, 'nothing'))).toMatchObject({ code: 2, stderr: `hashsim: ${join(root, 'nothing')}: expected a results folder, found nothing\n` });
    const dir = copy('run-noban');
    writeFileSync(join(dir, 'network.csv'), 'month,hashrate_ehs,difficulty_implied_ehs,blocks\n2021-01,abc,1,1\n');
    expect(hashsim('report', dir)).toMatchObject({ code: 2, stderr: `hashsim: ${join(dir, 'network.csv')}:2:2 hashrate_ehs: expected a number, found "abc"\n` });
  });
});

describe('hashsim compare', () => {
  test('writes the comparison into --out', () => {
    const out = join(root, 'cmp');
    const r = hashsim('compare', 'test/fixtures/results/run-ban', 'test/fixtures/results/run-noban', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toContain('compare_countries.csv');
    expect(chartNames(out)).toContain('compare-hashrate.svg');
  });

  test('a folder that is not a result: exit 2 and one line', () => {
    const r = hashsim('compare', 'test/fixtures/results/sweep', 'test/fixtures/results/run-ban', '--out', join(root, 'cmp2'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('hashsim: test/fixtures/results/sweep: expected the results of a run (countries.csv) or an ensemble (summary_countries.csv), found neither\n');
  });
});

describe('hashsim run writes its charts', () => {
  const wait = join(root, 'wait');
  const background = join(root, 'background');
  const none = join(root, 'none');
  const w = hashsim('run', 'scenarios/small.yaml', '--out', wait, '--charts', 'wait');
  const b = hashsim('run', 'scenarios/small.yaml', '--out', background);
  const n = hashsim('run', 'scenarios/small.yaml', '--out', none, '--charts', 'none', '--quiet');

  test('--charts wait: SVG, PNG and specs are there when run ends', () => {
    expect(w.code).toBe(0);
    expect(w.stdout).toContain(`report: ${join(wait, 'report.html')} (charts with ${join(wait, 'charts')}/)`);
    const files = chartNames(wait);
    const specs = files.filter((f) => f.endsWith('.vl.json'));
    expect(specs.length).toBeGreaterThanOrEqual(6);
    for (const s of specs) for (const ext of ['svg', 'png']) expect(files).toContain(s.replace('.vl.json', `.${ext}`));
  });

  test('by default the specs and report at once, and the same SVG and PNG drawn in the background soon after', async () => {
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('SVG and PNG being drawn in the background into');
    const specs = chartNames(wait).filter((f) => f.endsWith('.vl.json'));
    const expected = specs.flatMap((s) => [s, s.replace('.vl.json', '.svg'), s.replace('.vl.json', '.png')]).sort();
    await expect.poll(() => chartNames(background), { timeout: 100_000, interval: 500 }).toEqual(expected);
    for (const f of expected) expect(readFileSync(join(background, 'charts', f)).equals(readFileSync(join(wait, 'charts', f))), f).toBe(true);
    expect(readFileSync(join(background, 'report.html'), 'utf8')).toBe(readFileSync(join(wait, 'report.html'), 'utf8'));
  });

  test('--charts none: the six files only', () => {
    expect(n.code).toBe(0);
    expect(existsSync(join(none, 'charts'))).toBe(false);
    expect(readdirSync(none).sort()).toEqual(['countries.csv', 'events.jsonl', 'flows.csv', 'manifest.json', 'network.csv', 'regions.csv']);
  });
});
