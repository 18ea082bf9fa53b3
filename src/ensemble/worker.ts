/**
 * The worker of the ensemble pool (piscina): runs a batch of runs and writes their rows as one batch folder
 * (batchWriter.ts). The scenario is loaded, and each point's template compiled, once per worker and kept (a
 * small cache), so a run costs only its draw and its simulation. A run that throws is recorded with its error
 * and does not stop the others. Progress is counted in a shared array (runs done, runs failed) as runs finish.
 */
import { isMainThread } from 'node:worker_threads';
import { formatIssue, loadScenario, ScenarioError, type PlanTemplate, type ResolvedScenario } from '../scenario/index.ts';
import { prepareRuns, runScenario } from '../run/index.ts';
import { writeBatch, type RunOutcome } from './batchWriter.ts';
import type { EnsembleJob } from './job.ts';
import { runRows } from './runRows.ts';
import type { RunSpec } from './runSpec.ts';

/** One task: a batch of runs of a job. */
export interface BatchTask {
  job: Pick<EnsembleJob, 'scenarioFile' | 'sets'>;
  specs: RunSpec[];
  /** Folder receiving the batch folder. */
  runsDir: string;
  /** Int32Array over a SharedArrayBuffer: [runs done, runs failed], added to as runs finish. */
  progress?: Int32Array;
  /** Test-only: replicates whose run throws on purpose (to test failure handling). */
  failReplicates?: readonly number[];
  /** Test-only: replicates whose run stops its worker thread (to test crash handling; ignored off a worker). */
  crashReplicates?: readonly number[];
}

/** What a task returns: the batch folder written, and the failed runs. */
export interface BatchResult {
  dir: string;
  runs: number;
  failures: { runId: string; seed: number; point: number; replicate: number; error: string }[];
}

const MAX_TEMPLATES = 64;
const templates = new Map<string, PlanTemplate | Error>();
const scenarios = new Map<string, ResolvedScenario | Error>();

/** The template of a job at a point's overrides, from the cache (an error met once is met again, not retried). */
function templateFor(job: BatchTask['job'], overrides: readonly string[]): PlanTemplate {
  const key = JSON.stringify([job.scenarioFile, job.sets, overrides]);
  let t = templates.get(key);
  if (t === undefined) {
    try {
      t = prepareRuns(scenarioFor(job), overrides);
    } catch (e) {
      t = e instanceof Error ? e : new Error(String(e));
    }
    if (templates.size >= MAX_TEMPLATES) templates.delete(templates.keys().next().value!);
    templates.set(key, t);
  }
  if (t instanceof Error) throw t;
  return t;
}

function scenarioFor(job: BatchTask['job']): ResolvedScenario {
  const key = JSON.stringify([job.scenarioFile, job.sets]);
  let s = scenarios.get(key);
  if (s === undefined) {
    try {
      s = loadScenario(job.scenarioFile, { sets: job.sets });
    } catch (e) {
      s = e instanceof Error ? e : new Error(String(e));
    }
    scenarios.set(key, s);
  }
  if (s instanceof Error) throw s;
  return s;
}

/**
 * Runs a batch (the piscina task function; also callable in-process).
 * @example runBatch({job, specs: ensembleSpecs(1, hash, 10), runsDir: 'out/runs'}).failures // []
 */
export function runBatch(task: BatchTask): BatchResult {
  const outcomes: RunOutcome[] = [];
  const failures: BatchResult['failures'] = [];
  for (const spec of task.specs) {
    try {
      if (!isMainThread && task.crashReplicates?.includes(spec.replicate)) process.exit(70);
      if (task.failReplicates?.includes(spec.replicate)) throw new Error(`test failure injected for replicate ${spec.replicate}`);
      const { trajectory } = runScenario(templateFor(task.job, spec.overrides), spec.seed);
      outcomes.push({ spec, rows: runRows(trajectory) });
      if (task.progress) Atomics.add(task.progress, 0, 1);
    } catch (e) {
      const error = oneLine(e);
      outcomes.push({ spec, error });
      failures.push({ runId: spec.runId, seed: spec.seed, point: spec.point, replicate: spec.replicate, error });
      if (task.progress) {
        Atomics.add(task.progress, 0, 1);
        Atomics.add(task.progress, 1, 1);
      }
    }
  }
  const dir = writeBatch(task.runsDir, outcomes);
  return { dir, runs: outcomes.length, failures };
}

/** An error as one line of text (a scenario error keeps its `file:line:column path: message` lines, joined). */
function oneLine(e: unknown): string {
  if (e instanceof ScenarioError) return e.issues.map(formatIssue).join('; ');
  return (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ');
}

export default runBatch;

/** The summary workers' task (summarise.ts): one block of months of one table. */
export { summariseBlockTask } from './summarise.ts';
