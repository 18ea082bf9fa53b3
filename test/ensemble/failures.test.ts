/**
 * A run that fails is recorded with its error and does not stop the others: it is in the batch's run index and
 * in failed_runs.csv, the summaries count the other runs, and a run that kills its worker is isolated and
 * recorded the same way (its batch mates are run again and succeed).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { listBatches, readRunIndex } from '../../src/ensemble/batchReader.ts';
import { executeRuns } from '../../src/ensemble/executeRuns.ts';
import { ensembleJob } from '../../src/ensemble/job.ts';
import { ensembleSpecs } from '../../src/ensemble/runSpec.ts';
import { summarise } from '../../src/ensemble/summarise.ts';
import { loadScenario } from '../../src/scenario/index.ts';

const resolved = loadScenario('scenarios/small.yaml');
const job = ensembleJob(resolved, 1);
const specs = ensembleSpecs(1, resolved.hash, 5);
const root = mkdtempSync(join(tmpdir(), 'hashsim-failures-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a run that throws', () => {
  const dir = join(root, 'throws');

  test('is recorded with its error; the other runs complete and are summarised', async () => {
    const result = await executeRuns(job, specs, { workers: 0, outDir: dir, failReplicates: [2] });
    expect(result.runs).toBe(5);
    expect(result.failures).toEqual([{ runId: 'p0000-r000002', seed: specs[2].seed, point: 0, replicate: 2, error: 'test failure injected for replicate 2' }]);

    const records = (await Promise.all(listBatches([dir]).map(readRunIndex))).flat();
    expect(records.map((r) => `${r.runId} ${r.status}`)).toEqual(specs.map((s) => `${s.runId} ${s.replicate === 2 ? 'failed' : 'ok'}`));

    const summary = await summarise([dir], dir);
    expect(summary.runs).toBe(5);
    expect(summary.failed.map((r) => r.runId)).toEqual(['p0000-r000002']);
    expect(readFileSync(join(dir, 'failed_runs.csv'), 'utf8')).toBe(
      `run_id,point,replicate,seed,error\np0000-r000002,0,2,${specs[2].seed},test failure injected for replicate 2\n`,
    );
    const network = readFileSync(join(dir, 'summary_network.csv'), 'utf8').split('\n');
    expect(network[1]).toMatch(/^2021-05,hashrate_ehs,4,/);
    expect(readFileSync(join(dir, 'runs.csv'), 'utf8')).toContain(`p0000-r000002,0,2,${specs[2].seed},failed\n`);
  });
});

describe('a run that kills its worker thread', () => {
  test('is recorded as failed, and the runs of its batch are run again and succeed', async () => {
    const dir = join(root, 'crash');
    const three = specs.slice(0, 3);
    const result = await executeRuns(job, three, { workers: 1, outDir: dir, runsPerBatch: 3, crashReplicates: [1] });
    expect(result.failures.map((f) => f.runId)).toEqual(['p0000-r000001']);
    expect(result.failures[0].error).toMatch(/^the worker stopped: /);
    const summary = await summarise([dir], dir);
    expect(summary.runs).toBe(3);
    expect(summary.failed.map((r) => r.runId)).toEqual(['p0000-r000001']);
    expect(readFileSync(join(dir, 'summary_network.csv'), 'utf8').split('\n')[1]).toMatch(/^2021-05,hashrate_ehs,2,/);
  });
});
