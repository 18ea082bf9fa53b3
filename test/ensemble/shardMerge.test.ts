import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ensembleJob } from '../../src/ensemble/job.ts';
import { readJob, type JobManifest } from '../../src/ensemble/jobManifest.ts';
import { runJob } from '../../src/ensemble/jobRun.ts';
import { MergeError, mergeJob } from '../../src/ensemble/merge.ts';
import { runEnsemble } from '../../src/ensemble/runEnsemble.ts';
import { ensembleSpecs } from '../../src/ensemble/runSpec.ts';
import { WHOLE_JOB } from '../../src/ensemble/shard.ts';
import { ensembleJobManifest, sweepJob } from '../../src/ensemble/sweepJob.ts';
import { loadScenario } from '../../src/scenario/index.ts';

const small = loadScenario('scenarios/small.yaml');
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'hashsim-shard-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every summary file under a folder (not runs/ nor job.json), by relative path. */
function summaries(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (name === 'runs' || name === 'job.json' || name.startsWith('shard-') || name.startsWith('.')) continue;
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

async function runShards(job: JobManifest, outDir: string, count: number): Promise<void> {
  for (let index = 0; index < count; index++) await runJob(job, { outDir, shard: { index, count, source: '--shard' }, workers: 0 });
}

describe('1 shard against N shards merged, byte for byte', () => {
  it('an ensemble: 3 shards merged give the files (summaries and manifest) of one machine, and of the ensemble command itself', async () => {
    const job = ensembleJobManifest(small, 7, 11);
    const one = join(tmp, 'ens-one');
    const three = join(tmp, 'ens-three');
    const runner = join(tmp, 'ens-runner');
    const whole = await runJob(job, { outDir: one, shard: WHOLE_JOB, workers: 0 });
    expect(whole).toMatchObject({ shardRuns: 7, skipped: 0, executed: 7, failures: [] });
    await runShards(job, three, 3);
    expect(readdirSync(three).sort()).toEqual(['shard-0-of-3', 'shard-1-of-3', 'shard-2-of-3']);
    const merged = await mergeJob([three], three);
    expect(merged.runs).toBe(7);
    // What `hashsim ensemble` does on one machine (runEnsemble).
    await runEnsemble(ensembleJob(small, 11), ensembleSpecs(11, small.hash, 7), { workers: 0, outDir: runner });

    const a = summaries(one);
    expect([...a.keys()]).toEqual(['failed_runs.csv', 'manifest.json', 'runs.csv', 'summary_countries.csv', 'summary_network.csv', 'summary_regions.csv']);
    expect(summaries(three)).toEqual(a);
    expect(summaries(runner)).toEqual(a);
  });

  it('a sweep: 2 and 3 shards merged give the summaries, points/ and points.csv of one machine', async () => {
    const job = sweepJob(small, {
      params: ['behaviour.hideProbability=0.05,0.3', 'events.sichuan-ban.effective=2021-06,2021-09'],
      design: 'factorial',
      runsPerPoint: 2,
      masterSeed: 3,
      eventDates: 'shift',
      metricMonth: '2021-10',
    });
    expect(job.points).toHaveLength(4);
    const one = join(tmp, 'sweep-one');
    await runJob(job, { outDir: one, shard: WHOLE_JOB, workers: 0 });
    const a = summaries(one);
    expect([...a.keys()].filter((k) => k.startsWith('points/')).length).toBe(12);
    expect(JSON.parse(a.get('manifest.json')!)).toMatchObject({ command: 'sweep', runs: 8, runsFound: 8, failedRuns: 0 });
    expect(Object.keys(JSON.parse(a.get('manifest.json')!).files)).toContain('points.csv');
    expect(a.get('points.csv')!.split('\n')[0]).toBe(
      'point,behaviour.hideProbability,events.sichuan-ban.effective,runs,failed,share_country,share_month,share_p5,share_p50,share_p95,trough_depth_p5,trough_depth_p50,trough_depth_p95,recovery_months_p5,recovery_months_p50,recovery_months_p95,recovered,energy_twh_p5,energy_twh_p50,energy_twh_p95,co2_mt_p5,co2_mt_p50,co2_mt_p95,ban_month,overrides',
    );
    for (const count of [2, 3]) {
      const dir = join(tmp, `sweep-${count}`);
      await runShards(job, dir, count);
      await mergeJob([dir], dir);
      expect(summaries(dir)).toEqual(a);
    }
  });
});

describe('merge refuses what is not one complete job', () => {
  const job = ensembleJobManifest(small, 4, 5);
  let dir: string;
  beforeAll(async () => {
    dir = join(tmp, 'refuse');
    await runShards(job, dir, 2);
  });
  const mergeLines = async (paths: string[]) => {
    try {
      await mergeJob(paths, join(tmp, 'refuse-out'));
    } catch (e) {
      expect(e).toBeInstanceOf(MergeError);
      return (e as MergeError).lines;
    }
    throw new Error('merge did not refuse');
  };

  it('lists the missing runs and the absent shard', async () => {
    expect(await mergeLines([join(dir, 'shard-0-of-2')])).toEqual([
      '2 of 4 runs missing: p0000-r000001, p0000-r000003',
      'no folder of shard 1/2 (shard-1-of-2...): run it (--shard i/2) or give its folder',
    ]);
  });
  it('lists doubled runs with their batches', async () => {
    const copy = join(tmp, 'refuse-copy');
    cpSync(join(dir, 'shard-1-of-2'), copy, { recursive: true });
    const lines = await mergeLines([dir, copy]);
    expect(lines[0]).toBe('2 runs doubled (recorded in more than one batch): p0000-r000001, p0000-r000003');
    expect(lines[1]).toMatch(/^ {2}p0000-r000001 in .*shard-1-of-2\/runs\/p0000-r000001_p0000-r000001 and .*refuse-copy\/runs\/p0000-r000001_p0000-r000001$/);
  });
  it('refuses folders of another job', async () => {
    const other = join(tmp, 'refuse-other');
    await runJob(ensembleJobManifest(small, 4, 6), { outDir: other, shard: { index: 1, count: 2, source: '--shard' }, workers: 0 });
    expect(await mergeLines([join(dir, 'shard-0-of-2'), join(other, 'shard-1-of-2')])).toEqual([
      `${join(other, 'shard-1-of-2')} holds another job than ${join(dir, 'shard-0-of-2')} (masterSeed 5 and 6)`,
    ]);
  });
  it('refuses a folder that is not a job', async () => {
    expect(await mergeLines([join(tmp, 'nothing-here')])).toEqual([`${join(tmp, 'nothing-here')}: expected a folder written by hashsim ensemble or sweep, found nothing`]);
  });
  it('a rerun into a folder of another job is refused before any run', async () => {
    await expect(runJob(ensembleJobManifest(small, 5, 5), { outDir: dir, shard: { index: 0, count: 2, source: '--shard' }, workers: 0 })).rejects.toThrow(
      `${join(dir, 'shard-0-of-2')} holds another job (runsPerPoint 4 and 5): give another --out, or delete the folder to start again`,
    );
    expect(readJob(join(dir, 'shard-0-of-2')).runsPerPoint).toBe(4);
  });
});

describe('merge --metric-month', () => {
  it('recomputes points.csv for another month, and refuses a month outside the scenario before writing', async () => {
    const job = sweepJob(small, { params: ['behaviour.hideProbability=0.05,0.3'], design: 'factorial', runsPerPoint: 1, masterSeed: 2, eventDates: 'shift' });
    const dir = join(tmp, 'metric');
    await runShards(job, dir, 2);
    await mergeJob([dir], dir, { metricMonth: '2021-09' });
    const points = readFileSync(join(dir, 'points.csv'), 'utf8').split('\n');
    expect(points[1].split(',').slice(4, 6)).toEqual(['CN', '2021-09']);
    await expect(mergeJob([dir], join(tmp, 'metric-out'), { metricMonth: '2030-01' })).rejects.toThrow(
      "--metric-month: expected a month from 2021-05 to 2022-04 (the scenario's), found 2030-01",
    );
    expect(() => readdirSync(join(tmp, 'metric-out'))).toThrow();
  });
});
