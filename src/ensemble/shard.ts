/**
 * Shards: splitting one ensemble or sweep over N independent processes (Slurm array tasks, Kubernetes Indexed
 * Job pods, or machines started by hand). Shards are numbered from 0: `--shard 0/3`, `1/3`, `2/3`. The run at
 * position k of the job's run list (replicate-major, see sweepRuns.ts) belongs to shard k mod N, so every
 * shard gets a balanced share of every point.
 *
 * Where the shard comes from, first match wins:
 * 1. `--shard i/N` on the command line;
 * 2. a Slurm job array: i = SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN, N = SLURM_ARRAY_TASK_COUNT (so
 *    `--array=0-2` and `--array=1-3` both give shards 0, 1, 2 of 3; the array must be a contiguous range);
 * 3. a Kubernetes Indexed Job: i = JOB_COMPLETION_INDEX, N = `--shards N` (the Job's `completions`).
 * Otherwise the whole job runs in one process (shard 0/1).
 */
import { SweepArgError } from './sweepValues.ts';

/** Most shards a job may be split into. */
export const MAX_SHARDS = 100_000;

/** One shard of a job: `index` from 0 to `count - 1`. */
export interface Shard {
  index: number;
  count: number;
  /** Where it came from, for messages and the manifest: `--shard`, `slurm`, `kubernetes` or `none`. */
  source: 'none' | '--shard' | 'slurm' | 'kubernetes';
}

/** The whole job in one process. */
export const WHOLE_JOB: Shard = { index: 0, count: 1, source: 'none' };

/**
 * Parses `--shard i/N` (i from 0 to N-1).
 * @example parseShard('2/3') // {index: 2, count: 3, source: '--shard'}
 */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new SweepArgError(`--shard: expected i/N with shards numbered from 0 (e.g. 0/3, 1/3, 2/3), found ${JSON.stringify(text)}`);
  return checked(Number(m[1]), Number(m[2]), '--shard', `--shard ${text}`);
}

/** Options and environment that decide the shard. */
export interface ShardInputs {
  /** `--shard i/N` as typed, if given. */
  shard?: string;
  /** `--shards N` (Kubernetes Indexed Jobs), if given. */
  shards?: number;
  /** The process environment (`process.env`). */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The shard this process runs: from `--shard`, else a Slurm array, else `JOB_COMPLETION_INDEX` with
 * `--shards`, else the whole job. Throws `SweepArgError` for inconsistent input.
 * @example resolveShard({env: {SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4'}}) // {index: 3, count: 4, source: 'slurm'}
 * @example resolveShard({shards: 3, env: {JOB_COMPLETION_INDEX: '1'}}) // {index: 1, count: 3, source: 'kubernetes'}
 */
export function resolveShard(inputs: ShardInputs): Shard {
  const { env } = inputs;
  if (inputs.shard !== undefined) {
    const shard = parseShard(inputs.shard);
    if (inputs.shards !== undefined && inputs.shards !== shard.count) {
      throw new SweepArgError(`--shards ${inputs.shards} disagrees with --shard ${inputs.shard}: give one of them`);
    }
    return shard;
  }
  const slurmId = env.SLURM_ARRAY_TASK_ID;
  if (slurmId !== undefined && slurmId !== '') {
    const id = integerEnv('SLURM_ARRAY_TASK_ID', slurmId);
    const min = env.SLURM_ARRAY_TASK_MIN ? integerEnv('SLURM_ARRAY_TASK_MIN', env.SLURM_ARRAY_TASK_MIN) : 0;
    const countText = env.SLURM_ARRAY_TASK_COUNT;
    if (countText === undefined || countText === '') {
      throw new SweepArgError('SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: give --shard i/N');
    }
    const count = integerEnv('SLURM_ARRAY_TASK_COUNT', countText);
    const max = env.SLURM_ARRAY_TASK_MAX ? integerEnv('SLURM_ARRAY_TASK_MAX', env.SLURM_ARRAY_TASK_MAX) : min + count - 1;
    if (max - min + 1 !== count) {
      throw new SweepArgError(
        `the Slurm array ${min}-${max} has ${count} tasks, not ${max - min + 1}: use a contiguous range (sbatch --array=0-${count - 1}) or give --shard i/N`,
      );
    }
    if (inputs.shards !== undefined && inputs.shards !== count) {
      throw new SweepArgError(`--shards ${inputs.shards} disagrees with the Slurm array of ${count} tasks (SLURM_ARRAY_TASK_COUNT)`);
    }
    return checked(id - min, count, 'slurm', `SLURM_ARRAY_TASK_ID=${id} (array ${min}-${max})`);
  }
  const k8s = env.JOB_COMPLETION_INDEX;
  if (k8s !== undefined && k8s !== '') {
    const index = integerEnv('JOB_COMPLETION_INDEX', k8s);
    if (inputs.shards === undefined) {
      throw new SweepArgError(`JOB_COMPLETION_INDEX=${k8s} is set (a Kubernetes Indexed Job) but --shards N is not: give --shards equal to the Job's completions`);
    }
    return checked(index, inputs.shards, 'kubernetes', `JOB_COMPLETION_INDEX=${k8s} with --shards ${inputs.shards}`);
  }
  if (inputs.shards !== undefined && inputs.shards !== 1) {
    throw new SweepArgError(`--shards ${inputs.shards} needs JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) or --shard i/N to say which shard this is`);
  }
  return WHOLE_JOB;
}

/**
 * Whether the run at `position` in the job's run list belongs to `shard` (position mod count).
 * @example inShard(7, {index: 1, count: 3, source: '--shard'}) // true
 */
export function inShard(position: number, shard: Shard): boolean {
  return position % shard.count === shard.index;
}

/**
 * The items of a job's run list that belong to `shard`, in order.
 * @example shardOf(['a', 'b', 'c', 'd'], {index: 0, count: 2, source: '--shard'}) // ['a', 'c']
 */
export function shardOf<T>(runs: readonly T[], shard: Shard): T[] {
  return shard.count === 1 ? [...runs] : runs.filter((_, k) => inShard(k, shard));
}

/**
 * A shard as text: `2/3`, or `all` for the whole job.
 * @example shardText({index: 2, count: 3, source: '--shard'}) // '2/3'
 */
export function shardText(shard: Shard): string {
  return shard.count === 1 ? 'all' : `${shard.index}/${shard.count}`;
}

function checked(index: number, count: number, source: Shard['source'], typed: string): Shard {
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SHARDS) {
    throw new SweepArgError(`${typed}: expected a number of shards from 1 to ${MAX_SHARDS}, found ${count}`);
  }
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
    throw new SweepArgError(`${typed}: expected a shard from 0 to ${count - 1} (shards are numbered from 0), found ${index}`);
  }
  return { index, count, source };
}

function integerEnv(name: string, text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new SweepArgError(`${name}: expected a whole number, found ${JSON.stringify(text)}`);
  return Number(text.trim());
}
