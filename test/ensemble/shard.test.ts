import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inShard, parseShard, resolveShard, shardOf, WHOLE_JOB } from '../../src/ensemble/shard.ts';

describe('parseShard', () => {
  it('reads i/N with shards numbered from 0', () => {
    expect(parseShard('0/3')).toEqual({ index: 0, count: 3, source: '--shard' });
    expect(parseShard(' 2 / 3 ')).toEqual({ index: 2, count: 3, source: '--shard' });
  });
  it.each([
    ['3/3', '--shard 3/3: expected a shard from 0 to 2 (shards are numbered from 0), found 3'],
    ['1/0', '--shard 1/0: expected a number of shards from 1 to 100000, found 0'],
    ['1-3', '--shard: expected i/N with shards numbered from 0 (e.g. 0/3, 1/3, 2/3), found "1-3"'],
    ['-1/3', '--shard: expected i/N with shards numbered from 0 (e.g. 0/3, 1/3, 2/3), found "-1/3"'],
  ])('refuses %s', (text, message) => {
    expect(() => parseShard(text)).toThrow(message);
  });
});

describe('resolveShard', () => {
  it('no option and no environment: the whole job', () => {
    expect(resolveShard({ env: {} })).toEqual(WHOLE_JOB);
  });
  it('a Slurm array from 0', () => {
    expect(resolveShard({ env: { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_MAX: '2', SLURM_ARRAY_TASK_COUNT: '3' } })).toEqual({
      index: 2, count: 3, source: 'slurm',
    });
  });
  it('a Slurm array from 1 (--array=1-3) gives shards 0..2', () => {
    expect(resolveShard({ env: { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '3', SLURM_ARRAY_TASK_COUNT: '3' } }).index).toBe(0);
  });
  it('refuses a Slurm array with holes', () => {
    expect(() => resolveShard({ env: { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '7', SLURM_ARRAY_TASK_COUNT: '3' } })).toThrow(
      'the Slurm array 1-7 has 3 tasks, not 7: use a contiguous range (sbatch --array=0-2) or give --shard i/N',
    );
  });
  it('--shard wins over the environment', () => {
    expect(resolveShard({ shard: '1/2', env: { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '3' } })).toEqual({ index: 1, count: 2, source: '--shard' });
  });
  it('a Kubernetes Indexed Job: JOB_COMPLETION_INDEX with --shards', () => {
    expect(resolveShard({ shards: 4, env: { JOB_COMPLETION_INDEX: '3' } })).toEqual({ index: 3, count: 4, source: 'kubernetes' });
    expect(() => resolveShard({ env: { JOB_COMPLETION_INDEX: '3' } })).toThrow(
      "JOB_COMPLETION_INDEX=3 is set (a Kubernetes Indexed Job) but --shards N is not: give --shards equal to the Job's completions",
    );
    expect(() => resolveShard({ shards: 3, env: { JOB_COMPLETION_INDEX: '3' } })).toThrow(
      'JOB_COMPLETION_INDEX=3 with --shards 3: expected a shard from 0 to 2 (shards are numbered from 0), found 3',
    );
  });
  it('--shards alone, or disagreeing, is refused', () => {
    expect(() => resolveShard({ shards: 3, env: {} })).toThrow('--shards 3 needs JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) or --shard i/N to say which shard this is');
    expect(() => resolveShard({ shard: '0/2', shards: 3, env: {} })).toThrow('--shards 3 disagrees with --shard 0/2: give one of them');
    expect(() => resolveShard({ env: { JOB_COMPLETION_INDEX: 'x' }, shards: 2 })).toThrow('JOB_COMPLETION_INDEX: expected a whole number, found "x"');
  });
});

describe('shard assignment', () => {
  it('the shards of a job partition its runs: each run in exactly one shard, sizes differ by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 20 }), (runs, N) => {
        const all = Array.from({ length: runs }, (_, k) => k);
        const shards = Array.from({ length: N }, (_, i) => shardOf(all, { index: i, count: N, source: '--shard' }));
        expect(shards.flat().sort((a, b) => a - b)).toEqual(all);
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        for (let i = 0; i < N; i++) for (const k of shards[i]) expect(inShard(k, { index: i, count: N, source: '--shard' })).toBe(true);
      }),
    );
  });
});
