/**
 * Checkpoints of a calibration: one JSON file per finished generation (`generation-000.json`, ...), written to a
 * temporary name and renamed into place, so a file is either complete or absent. A resumed run reads the
 * consecutive generations from 0 and continues after the last; the files carry a fingerprint of the calibration's
 * settings, so a run never resumes from another calibration's generations, and a resumed run first simulates the
 * last generation's closest particle again (`checkSameModel`), so it never continues what another build of the
 * model started (the settings are the same, the program is not).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Population } from './abcSmc.ts';
import { candidateSeed } from './proposals.ts';

/** Format tag of a checkpoint file. */
export const CHECKPOINT_FORMAT = 'hashsim-abc-checkpoint/1';

/** A checkpoint that cannot be used (another calibration's, or unreadable), with a message for the user. */
export class CheckpointError extends Error {}

/**
 * File name of generation `g`'s checkpoint.
 * @example checkpointName(3) // 'generation-003.json'
 */
export function checkpointName(generation: number): string {
  return `generation-${String(generation).padStart(3, '0')}.json`;
}

/**
 * Writes generation `population.generation` into `dir` atomically (temporary file, then rename). `settings` is
 * stored for people reading the file; `fingerprint` (a hash of the settings) is what `readCheckpoints` checks.
 * Doubles are written by JSON.stringify, which round-trips them exactly; an infinite tolerance is written as null.
 * @example writeCheckpoint('out/checkpoints', 'ab12...', settings, population)
 */
export function writeCheckpoint(dir: string, fingerprint: string, settings: unknown, population: Population): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, checkpointName(population.generation));
  const tmp = `${file}.tmp-${process.pid}`;
  const body = { format: CHECKPOINT_FORMAT, fingerprint, settings, population: { ...population, tolerance: Number.isFinite(population.tolerance) ? population.tolerance : null } };
  writeFileSync(tmp, `${JSON.stringify(body)}\n`);
  renameSync(tmp, file);
  return file;
}

/**
 * The finished generations stored in `dir` (0, 1, 2, ... up to the first missing file), checked against
 * `fingerprint`. Empty when the folder or generation 0 is missing. Throws `CheckpointError` when a file belongs to
 * another calibration or cannot be read.
 * @example readCheckpoints('out/checkpoints', fingerprint).length // generations already finished
 */
export function readCheckpoints(dir: string, fingerprint: string): Population[] {
  const out: Population[] = [];
  for (let g = 0; ; g++) {
    const file = join(dir, checkpointName(g));
    if (!existsSync(file)) return out;
    let body: { format?: unknown; fingerprint?: unknown; population?: Population & { tolerance: number | null } };
    try {
      body = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new CheckpointError(`${file}: cannot read the checkpoint (${e instanceof Error ? e.message : String(e)}); delete it to start that generation again`);
    }
    if (body.format !== CHECKPOINT_FORMAT || !body.population) throw new CheckpointError(`${file}: not a calibration checkpoint (expected format ${CHECKPOINT_FORMAT})`);
    if (body.fingerprint !== fingerprint) {
      throw new CheckpointError(
        `${file}: written by a calibration with other settings (scenario, parameters, priors, window, particles, seed or method); use another --out folder, or delete its checkpoints to start again`,
      );
    }
    const p = body.population;
    if (p.generation !== g) throw new CheckpointError(`${file}: holds generation ${p.generation}, expected ${g}`);
    out.push({ ...p, tolerance: p.tolerance === null ? Infinity : p.tolerance });
  }
}

/**
 * Checks that the program still gives the distance the checkpoints record for the last generation's closest
 * particle (ties: the lowest slot), simulated again with its own seed by `distanceOf(theta, seed)`. Throws
 * `CheckpointError` when it does not: the generations were made by another build of the model, and continuing
 * them would mix two models in one posterior. Distances are deterministic, so they must agree to rounding.
 * @example checkSameModel('out/checkpoints', populations, 1, (theta, seed) => simulator.evaluate(theta, seed).distance)
 */
export function checkSameModel(dir: string, populations: readonly Population[], seed: number, distanceOf: (theta: number[], seed: number) => number): void {
  const last = populations[populations.length - 1];
  if (!last || last.particles.length === 0) return;
  let best = 0;
  for (let i = 1; i < last.distances.length; i++) if (last.distances[i] < last.distances[best]) best = i;
  const recorded = last.distances[best];
  const now = distanceOf(last.particles[best], candidateSeed(seed, { generation: last.generation, particle: best, attempt: last.acceptedAttempts[best] }));
  if (Math.abs(now - recorded) <= 1e-9 * Math.max(1, Math.abs(recorded))) return;
  throw new CheckpointError(
    `${join(dir, checkpointName(last.generation))}: particle ${best} (the closest) is at distance ${recorded} in the checkpoint but at ${now} with this program: ` +
      'the model changed since these generations were made; use another --out folder, or delete its checkpoints to start again',
  );
}
