/**
 * Summaries are computed from the files on disk, exactly and reproducibly: the statistics of hand-made values,
 * the same bytes whether the batches sit in one folder or are split over several (merged shards), copied twice
 * (a run counts once), or read in blocks of one month (a tiny memory budget), and per point with `byPoint`.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { quantileSorted } from 'd3-array';
import { executeRuns } from '../../src/ensemble/executeRuns.ts';
import { ensembleJob } from '../../src/ensemble/job.ts';
import { runSpec } from '../../src/ensemble/runSpec.ts';
import { describe as stats, summaryFiles } from '../../src/ensemble/summarise.ts';
import { loadScenario } from '../../src/scenario/index.ts';

describe('describe(values): mean and percentiles', () => {
  test('of 1, 2, 3, 4: mean 2.5, p5 1.15, p25 1.75, p50 2.5, p75 3.25, p95 3.85 (linear interpolation, R type 7)', () => {
    const [mean, p5, p25, p50, p75, p95] = stats(Float64Array.of(4, 1, 3, 2));
    expect(mean).toBe(2.5);
    expect(p5).toBeCloseTo(1.15, 12);
    expect(p25).toBeCloseTo(1.75, 12);
    expect(p50).toBe(2.5);
    expect(p75).toBeCloseTo(3.25, 12);
    expect(p95).toBeCloseTo(3.85, 12);
  });

  test('of one value: every statistic is that value', () => {
    expect(stats(Float64Array.of(0.3))).toEqual([0.3, 0.3, 0.3, 0.3, 0.3, 0.3]);
  });

  test('percentiles are ordered, lie within the values, and do not depend on the order of the values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (xs) => {
        const s = stats(Float64Array.from(xs));
        const sorted = [...xs].sort((a, b) => a - b);
        for (let i = 1; i < 5; i++) expect(s[i + 1]).toBeGreaterThanOrEqual(s[i]);
        expect(s[1]).toBeGreaterThanOrEqual(sorted[0]);
        expect(s[5]).toBeLessThanOrEqual(sorted[sorted.length - 1]);
        expect(s.slice(1)).toEqual(stats(Float64Array.from([...xs].reverse())).slice(1));
        expect(s[3]).toBe(quantileSorted(sorted, 0.5));
      }),
    );
  });
});

describe('summaryFiles from batches on disk', () => {
  const resolved = loadScenario('scenarios/small.yaml');
  const job = ensembleJob(resolved, 3);
  // Two points (a plain one and one with an override), 4 replicates each, interleaved as a sweep lists them.
  const points = [[], ['behaviour.hideProbability=0.5']];
  const specs = [0, 1, 2, 3].flatMap((replicate) =>
    points.map((overrides, point) => runSpec({ masterSeed: 3, scenarioHash: resolved.hash, point, overrides, replicate })),
  );
  const root = mkdtempSync(join(tmpdir(), 'hashsim-summarise-'));
  const whole = join(root, 'whole');

  beforeAll(async () => {
    await executeRuns(job, specs, { workers: 0, outDir: whole, runsPerBatch: 3 });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('the batches split over two folders (shards) give the same bytes as one folder', async () => {
    const batches = readdirSync(join(whole, 'runs')).sort();
    expect(batches.length).toBeGreaterThan(1);
    const shards = [join(root, 'shard-a'), join(root, 'shard-b')];
    batches.forEach((b, i) => {
      mkdirSync(join(shards[i % 2], 'runs'), { recursive: true });
      cpSync(join(whole, 'runs', b), join(shards[i % 2], 'runs', b), { recursive: true });
    });
    const one = await summaryFiles([whole]);
    const split = await summaryFiles([shards[1], shards[0]]);
    expect(split.files).toEqual(one.files);
  });

  test('a batch found twice counts once', async () => {
    const twice = join(root, 'twice');
    cpSync(whole, twice, { recursive: true });
    expect((await summaryFiles([whole, twice])).files).toEqual((await summaryFiles([whole])).files);
  });

  test('a memory budget of a few values (one month per block) gives the same bytes', async () => {
    expect((await summaryFiles([whole], { memoryValues: 1 })).files).toEqual((await summaryFiles([whole])).files);
  });

  test('pooled: every run counts in every cell; byPoint: a leading point column and each point apart', async () => {
    const pooled = (await summaryFiles([whole])).files.get('summary_network.csv')!.trim().split('\n');
    expect(pooled[1]).toMatch(/^2021-05,hashrate_ehs,8,/);
    const byPoint = (await summaryFiles([whole], { byPoint: true })).files.get('summary_network.csv')!.trim().split('\n');
    expect(byPoint[0]).toBe('point,month,variable,runs,mean,p5,p25,p50,p75,p95');
    expect(byPoint[1]).toMatch(/^0,2021-05,hashrate_ehs,4,/);
    expect(byPoint.filter((l) => l.startsWith('1,')).length).toBe(byPoint.filter((l) => l.startsWith('0,')).length);
    expect(byPoint.length).toBe(2 * (pooled.length - 1) + 1);
  });

  test('runs.csv lists the runs in run order (point, then replicate), whatever the order they were listed in', async () => {
    const runs = (await summaryFiles([whole])).files.get('runs.csv')!.trim().split('\n').slice(1);
    expect(runs.map((l) => l.split(',')[0])).toEqual([...specs].sort((a, b) => a.point - b.point || a.replicate - b.replicate).map((s) => s.runId));
  });
});
