/**
 * Evaluators of a scenario calibration: in the calling thread (`workers: 1`, or tests), or on a pool of worker
 * threads (piscina; one task per particle, results put back in the batch's order whatever order they finish in).
 * Both run the same `ParticleSimulator`, so a calibration gives the same bytes with 1 or K workers.
 */
import { basename } from 'node:path';
import { Piscina } from 'piscina';
import { workerEntryOf, type WorkerEntry } from '../../build/paths.ts';
import type { Candidate, Evaluation, Evaluator } from './abcSmc.ts';
import { ParticleSimulator, type CalibrationSetup } from './particleSimulator.ts';
import type { ParticleTask } from './particleWorker.ts';

/** An evaluator that must be closed when done (it may hold worker threads). */
export interface ClosableEvaluator extends Evaluator {
  close(): Promise<void>;
  /** Where the particles were simulated, for the user: `this thread`, or `2 worker threads (<module>, 34 tasks)`. */
  where(): string;
}

/**
 * Evaluates candidates one after the other in this thread.
 * @example const e = inProcessEvaluator(new ParticleSimulator(setup)); await e.evaluate(batch)
 */
export function inProcessEvaluator(simulator: ParticleSimulator): ClosableEvaluator {
  return {
    async evaluate(batch: readonly Candidate[]): Promise<Evaluation[]> {
      return batch.map((c) => simulator.evaluate(c.theta, c.seed));
    },
    async close() {},
    where: () => 'this thread',
  };
}

/**
 * The calibration worker's module and node options (`workerEntryOf('particleWorker')`): from source
 * `particleWorker.ts` through tsx; from the bundle bin/build/particleWorker.mjs (src/build/bundle.ts builds it).
 * @example const { file, execArgv } = particleWorkerEntry(); new Piscina({ filename: file, execArgv })
 */
export function particleWorkerEntry(): WorkerEntry {
  return workerEntryOf('particleWorker');
}

/**
 * Evaluates candidates on `workers` worker threads, one task per candidate; each worker loads the scenario once.
 * @example const e = poolEvaluator(setup, 2, particleWorkerEntry()); try { await abcSmc(problem, e, options) } finally { await e.close() }
 */
export function poolEvaluator(setup: CalibrationSetup, workers: number, entry: WorkerEntry): ClosableEvaluator {
  const pool = new Piscina({ filename: entry.file, execArgv: entry.execArgv, workerData: setup, minThreads: workers, maxThreads: workers, idleTimeout: 60_000 });
  return {
    evaluate(batch: readonly Candidate[]): Promise<Evaluation[]> {
      return Promise.all(batch.map((c) => pool.run({ theta: c.theta, seed: c.seed } satisfies ParticleTask) as Promise<Evaluation>));
    },
    async close() {
      await pool.destroy();
    },
    // piscina counts the tasks its threads completed: proof that the particles ran there.
    where: () => `${workers} worker threads (${basename(entry.file)}, ${pool.completed} tasks)`,
  };
}
