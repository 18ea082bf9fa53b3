/**
 * The worker of a calibration's pool (piscina): simulates one particle per task with the `ParticleSimulator` built
 * once per worker from the pool's `workerData` (a `CalibrationSetup`), and returns its evaluation.
 */
import { workerData } from 'node:worker_threads';
import type { Evaluation } from './abcSmc.ts';
import { ParticleSimulator, type CalibrationSetup } from './particleSimulator.ts';

/** One task: a particle's values and its candidate seed. */
export interface ParticleTask {
  theta: number[];
  seed: number;
}

let simulator: ParticleSimulator | undefined;

/**
 * Evaluates one particle (the piscina task function).
 * @example await pool.run({theta: [0.1, 2], seed: 12345}) // {distance: 1.7, detail: {...}}
 */
export default function evaluateParticle(task: ParticleTask): Evaluation {
  simulator ??= new ParticleSimulator(workerData as CalibrationSetup);
  return simulator.evaluate(task.theta, task.seed);
}
