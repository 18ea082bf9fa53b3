/**
 * What the job commands (sweep, merge, and ensemble's shards) share: whole-number options read as typed,
 * `--workers auto|K`, and one place that turns their input errors into a message on stderr and exit code 2.
 */
import { JobMismatchError } from '../ensemble/jobManifest.ts';
import { MergeError } from '../ensemble/merge.ts';
import { SweepPointsError } from '../ensemble/sweepOverrides.ts';
import { SweepArgError } from '../ensemble/sweepValues.ts';
import { ScenarioError } from '../scenario/index.ts';
import { printScenarioError } from './scenarioArgs.ts';

/**
 * A whole number typed for `option`, at least `min`; throws `SweepArgError` quoting what was typed.
 * @example parseCount('64', '--points', 1) // 64
 */
export function parseCount(typed: unknown, option: string, min: number): number {
  const text = String(typed);
  const value = /^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value < min) throw new SweepArgError(`${option}: expected a whole number >= ${min}, found ${JSON.stringify(text)}`);
  return value;
}

/**
 * `--workers auto` or a whole number >= 1.
 * @example parseWorkers('auto') // 'auto'
 */
export function parseWorkers(typed: unknown): 'auto' | number {
  return String(typed) === 'auto' ? 'auto' : parseCount(typed, '--workers (auto or a number)', 1);
}

/**
 * Runs a job command's body; input errors (bad options, parameters, points, folders of another job, an
 * incomplete merge, a scenario problem) are printed on stderr and exit with code 2. Other errors propagate
 * (main.ts reports them as internal errors, exit 1).
 */
export async function exitOnJobError(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    if (e instanceof ScenarioError) {
      printScenarioError(e);
      process.exit(2);
    }
    if (e instanceof SweepArgError || e instanceof JobMismatchError) {
      process.stderr.write(`hashsim: ${e.message}\n`);
      process.exit(2);
    }
    if (e instanceof SweepPointsError || e instanceof MergeError) {
      process.stderr.write(`hashsim: ${e.lines.join('\nhashsim: ')}\n`);
      process.exit(2);
    }
    throw e;
  }
}
