/**
 * The ensemble runner: the same runs give the same bytes whatever the number of workers (summaries, run index
 * and even the Parquet files), batches are written atomically, and adding runs never changes existing ones.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { executeRuns, type ExecuteResult } from '../../src/ensemble/executeRuns.ts';
import { ensembleJob } from '../../src/ensemble/job.ts';
import { ensembleSpecs } from '../../src/ensemble/runSpec.ts';
import { summarise, SUMMARY_FILES } from '../../src/ensemble/summarise.ts';
import { loadScenario } from '../../src/scenario/index.ts';

const resolved = loadScenario('scenarios/small.yaml');
const job = ensembleJob(resolved, 1);
const specs = ensembleSpecs(1, resolved.hash, 6);
const root = mkdtempSync(join(tmpdir(), 'hashsim-ensemble-'));
const dirs = { inProcess: join(root, 'w0'), one: join(root, 'w1'), two: join(root, 'w2') };
const results: Record<string, ExecuteResult> = {};

beforeAll(async () => {
  results.two = await executeRuns(job, specs, { workers: 2, outDir: dirs.two });
  results.one = await executeRuns(job, specs, { workers: 1, outDir: dirs.one });
  results.inProcess = await executeRuns(job, specs, { workers: 0, outDir: dirs.inProcess });
  await summarise([dirs.two], dirs.two, { workers: 2 });
  await summarise([dirs.one], dirs.one);
  await summarise([dirs.inProcess], dirs.inProcess, { memoryValues: 50 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const read = (dir: string, name: string) => readFileSync(join(dir, name));

describe('executeRuns + summarise', () => {
  test('every run completes, none fails', () => {
    for (const r of Object.values(results)) {
      expect(r.runs).toBe(6);
      expect(r.failures).toEqual([]);
    }
  });

  test('summaries and the run index are byte-identical with 2 workers, 1 worker and in-process (and summarised on 2 workers, or in blocks of one month)', () => {
    for (const name of SUMMARY_FILES) {
      expect(read(dirs.two, name).equals(read(dirs.one, name)), name).toBe(true);
      expect(read(dirs.inProcess, name).equals(read(dirs.one, name)), name).toBe(true);
    }
  });

  test('the Parquet files are byte-identical too (batches are cut from the run list, not by worker)', () => {
    const batches = readdirSync(join(dirs.one, 'runs')).sort();
    expect(readdirSync(join(dirs.two, 'runs')).sort()).toEqual(batches);
    for (const batch of batches) {
      for (const file of readdirSync(join(dirs.one, 'runs', batch))) {
        expect(read(join(dirs.two, 'runs', batch), file).equals(read(join(dirs.one, 'runs', batch), file)), `${batch}/${file}`).toBe(true);
      }
    }
  });

  test('no temporary folder is left behind', () => {
    for (const dir of Object.values(dirs)) expect(readdirSync(join(dir, 'runs')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  test('runs.csv lists every run with its seed, in run order', () => {
    const lines = read(dirs.one, 'runs.csv').toString().trim().split('\n');
    expect(lines[0]).toBe('run_id,point,replicate,seed,status');
    expect(lines.slice(1)).toEqual(specs.map((s) => `${s.runId},0,${s.replicate},${s.seed},ok`));
  });

  test('summaries have one row per month, key and variable, all runs counted, never NaN', () => {
    const text = read(dirs.one, 'summary_countries.csv').toString();
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('month,country,variable,runs,mean,p5,p25,p50,p75,p95');
    // small.yaml: 12 months x 3 countries x 5 variables.
    expect(lines.length - 1).toBe(12 * 3 * 5);
    expect(text).not.toMatch(/NaN|Infinity/);
    for (const line of lines.slice(1)) expect(line.split(',')[3]).toBe('6');
    const network = read(dirs.one, 'summary_network.csv').toString().trim().split('\n');
    expect(network[0]).toBe('month,variable,runs,mean,p5,p25,p50,p75,p95');
    expect(network.length - 1).toBe(12 * 5);
  });

  test('more runs never change existing runs: a prefix of the run list has the same seeds', () => {
    expect(ensembleSpecs(1, resolved.hash, 10).slice(0, 6)).toEqual(specs);
  });
});
