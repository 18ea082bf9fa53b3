/**
 * The Kubernetes Indexed Job manifest (src/cluster/k8s/indexed-job.yaml): Kubernetes cannot run here, but an
 * Indexed Job's contract is that each pod gets JOB_COMPLETION_INDEX = 0 .. completions-1. The test checks the
 * manifest's shape, then runs the container's command as each pod would (scaled down: a few runs of small.yaml,
 * 3 completions), merges, and compares with one machine byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

interface Container {
  command: string[];
  args: string[];
  workingDir: string;
  volumeMounts: { name: string; mountPath: string }[];
}
const job = parse(readFileSync('src/cluster/k8s/indexed-job.yaml', 'utf8'));
const container: Container = job.spec.template.spec.containers[0];

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'hashsim-k8s-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The value after `--name` in an argument list. */
const option = (args: string[], name: string) => args[args.indexOf(`--${name}`) + 1];
/** The arguments with `--name`'s value replaced. */
const withOption = (args: string[], name: string, value: string) => args.map((a, i) => (args[i - 1] === `--${name}` ? value : a));

describe('Kubernetes Indexed Job manifest', () => {
  it('is an Indexed Job whose --shards equals its completions, writing to the shared volume', () => {
    expect(job.kind).toBe('Job');
    expect(job.spec.completionMode).toBe('Indexed');
    expect(Number(option(container.args, 'shards'))).toBe(job.spec.completions);
    expect(container.command).toEqual(['node', 'bin/hashsim.js']);
    expect(container.args[0]).toBe('ensemble');
    expect(option(container.args, 'out').startsWith(container.volumeMounts[0].mountPath + '/')).toBe(true);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
  });

  it('its pods (JOB_COMPLETION_INDEX 0..N-1), merged, give the files of one machine', { timeout: 600_000 }, () => {
    const completions = 3;
    const out = join(tmp, 'cluster');
    let args = withOption(container.args, 'shards', String(completions));
    args = withOption(args, 'out', out);
    args = withOption(args, 'runs', '6');
    args = withOption(args, 'workers', '1');
    args = args.map((a) => (a === 'scenarios/china-2021.yaml' ? 'scenarios/small.yaml' : a));
    const [node, entry] = container.command;
    expect(node).toBe('node');
    for (let index = 0; index < completions; index++) {
      const pod = spawnSync(process.execPath, [entry, ...args], { encoding: 'utf8', timeout: 300_000, env: { ...process.env, JOB_COMPLETION_INDEX: String(index) } });
      expect(pod.stderr).toBe('');
      expect(pod.status).toBe(0);
    }
    expect(readdirSync(out).sort()).toEqual(['shard-0-of-3', 'shard-1-of-3', 'shard-2-of-3']);
    const merge = spawnSync(process.execPath, [entry, 'merge', out, '--quiet'], { encoding: 'utf8', timeout: 300_000 });
    expect(merge.stderr).toBe('');
    expect(merge.status).toBe(0);
    const single = join(tmp, 'single');
    const one = spawnSync(process.execPath, [entry, ...withOption(withOption(args.filter((a, i) => a !== '--shards' && args[i - 1] !== '--shards'), 'out', single), 'workers', '2')], { encoding: 'utf8', timeout: 300_000 });
    expect(one.status).toBe(0);
    // manifest.json is compared without its gitCommit line: here others may commit between two commands.
    const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8').replace(/^ {2}"gitCommit": ".*",\n/m, '');
    for (const f of ['summary_countries.csv', 'summary_regions.csv', 'summary_network.csv', 'runs.csv', 'failed_runs.csv', 'manifest.json']) {
      expect(read(out, f), f).toBe(read(single, f));
    }
  });
});
