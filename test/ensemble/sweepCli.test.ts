/**
 * `hashsim sweep` and `hashsim merge` in child processes: bad input gives one clear message and exit 2, before
 * any run and without a stack trace or an output folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'hashsim-sweep-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function hashsim(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['bin/hashsim.js', ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
}

describe('sweep and merge refuse bad input (exit 2, one message, nothing written)', () => {
  it.each([
    [['--param', 'behaviour.hideProbability=0.08..0.02:7'], "hashsim: --param behaviour.hideProbability=0.08..0.02:7: expected the range's end (0.02) at or above its start (0.08)\n"],
    [[], 'hashsim: --param: expected at least one PATH=VALUES (e.g. --param events.sichuan-ban.effective=2021-04..2021-12)\n'],
    [['--param', 'behaviour.hideProbability=0.1', '--runs', 'ten'], 'hashsim: --runs: expected a whole number >= 1, found "ten"\n'],
    [['--param', 'behaviour.hideProbability=0.1', '--shard', '3/3'], 'hashsim: --shard 3/3: expected a shard from 0 to 2 (shards are numbered from 0), found 3\n'],
    [['--param', 'behaviour.hideProbability=0.1', '--design', 'lhs'], 'hashsim: --design lhs needs --points N\n'],
    [['--param', 'behaviour.hideProbability=0.1,lots'], 'hashsim: point p0001 (behaviour.hideProbability=lots): --set behaviour.hideProbability: expected a number between 0 and 1, found "lots"\n'],
  ])('sweep %j', (args, message) => {
    const out = join(tmp, 'never');
    const r = hashsim(['sweep', 'scenarios/small.yaml', ...args, '--out', out]);
    expect(r.stderr).toBe(message);
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('a Kubernetes index without --shards', () => {
    const r = hashsim(['sweep', 'scenarios/small.yaml', '--param', 'behaviour.hideProbability=0.1', '--out', join(tmp, 'never')], { JOB_COMPLETION_INDEX: '1' });
    expect(r.stderr).toBe("hashsim: JOB_COMPLETION_INDEX=1 is set (a Kubernetes Indexed Job) but --shards N is not: give --shards equal to the Job's completions\n");
    expect(r.status).toBe(2);
  });

  it('merge of a folder that is not a job', () => {
    const r = hashsim(['merge', join(tmp, 'nothing')]);
    expect(r.stderr).toBe(`hashsim: ${join(tmp, 'nothing')}: expected a folder written by hashsim ensemble or sweep, found nothing\n`);
    expect(r.status).toBe(2);
  });
});
