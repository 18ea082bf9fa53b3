/**
 * `hashsim backtest` as a user runs it: through the real entry point, in a child process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

function hashsim(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/hashsim.js', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'hashsim-backtest-'));
const scenario = 'test/fixtures/scenarios/backtest-small.yaml';

describe('hashsim backtest', () => {
  const a = tmp();
  const b = tmp();
  const first = hashsim('backtest', scenario, '--runs', '3', '--origin', '2021-04', '--out', a);
  const second = hashsim('backtest', scenario, '--runs', '3', '--origin', '2021-04', '--out', b, '--view', 'map');

  test('writes backtest.csv, metrics.csv and backtest.md, prints the tables and exits 0', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(readdirSync(a).sort()).toEqual(['backtest.csv', 'backtest.md', 'charts', 'metrics.csv', 'report.html']);
    expect(readdirSync(join(a, 'charts'))).toContain('backtest-shares-raw.png');
    expect(first.stdout).toContain('# Backtest: backtest-small');
    expect(first.stdout).toContain('- window 2021-04..2021-08, origin 2021-04, scored months 2021-05..2021-08 (4)');
    expect(first.stdout).toMatch(/^\| CN \| \d+\.\d\d \|/m);
    expect(first.stdout).toContain('## Country shares, raw view');
    expect(first.stdout).toContain('## Country shares, map view');
    expect(first.stdout).toMatch(/^\| hashrate \(EH\/s\) \| \d+\.\d\d% \|/m);
    expect(first.stdout).toContain('## Where the model is worse than a baseline');
    expect(first.stdout).toContain(`wrote 3 files to ${a}/`);
  });

  test('the same command gives the same bytes; --view map prints the map tables only', () => {
    expect(second.code).toBe(0);
    for (const f of ['backtest.csv', 'metrics.csv']) expect(readFileSync(join(b, f), 'utf8')).toBe(readFileSync(join(a, f), 'utf8'));
    expect(second.stdout).toContain('## Country shares, map view');
    expect(second.stdout).not.toContain('## Country shares, raw view');
  });

  test('refuses a window past 2021-08 or a bad month with one line and exit 2, writing nothing', () => {
    const out = join(tmp(), 'never');
    const cases: [string[], string][] = [
      [['--to', '2021-09'], 'hashsim: --to 2021-09 is after the last observation (2021-08): months after 2021-08 are withheld as the out-of-sample check; use --to 2021-08 or earlier\n'],
      [['--origin', '2021-13'], 'hashsim: --origin: expected a month YYYY-MM, found "2021-13"\n'],
    ];
    for (const [args, message] of cases) {
      const r = hashsim('backtest', scenario, ...args, '--out', out);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0] + '\n', args.join(' ')).toBe(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(out)).toBe(false);
  });
});
