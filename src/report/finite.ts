/**
 * The last check before anything is written: every number of a run's outputs is finite. Validation refuses
 * what cannot be simulated with finite numbers, so a NaN or an infinity here is a bug; it is reported as an
 * internal error naming the series, month and region, and no file is written (the outputs are rendered in
 * memory first), rather than printed as `NaN`, `null` or `Infinity` in a file.
 */
import type { Trajectory } from '../model/trajectory.ts';

/** A NaN or infinite number met in a run's outputs (a bug: validation should have refused its cause). */
export class NonFiniteOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NonFiniteOutputError';
  }
}

/**
 * Throws `NonFiniteOutputError` at the first number of the trajectory (per-region and network series, flows,
 * the plan's draws, numbers in the event log) that is not finite.
 * @example assertFiniteOutputs(trajectory) // throws 'network.hashpriceUsdPerThMonth is NaN in 2021-07' if it is
 */
export function assertFiniteOutputs(t: Trajectory): void {
  const R = t.regionCount;
  const fail = (what: string, value: number, step?: number, region?: number) => {
    const month = step === undefined ? '' : ` in ${t.months[step] ?? `step ${step}`}`;
    const where = region === undefined ? '' : ` for region ${t.plan.regions[region]?.id ?? region}`;
    throw new NonFiniteOutputError(`${what} is ${value}${month}${where}; no output was written`);
  };
  for (const [name, values] of Object.entries(t.region) as [string, ArrayLike<number>][]) {
    for (let k = 0; k < values.length; k++) if (!Number.isFinite(values[k])) fail(`region.${name}`, values[k], Math.floor(k / R), k % R);
  }
  for (const [name, values] of Object.entries(t.network) as [string, ArrayLike<number>][]) {
    for (let s = 0; s < values.length; s++) if (!Number.isFinite(values[s])) fail(`network.${name}`, values[s], s);
  }
  for (let k = 0; k < t.flowsThs.length; k++) if (!Number.isFinite(t.flowsThs[k])) fail('flowsThs', t.flowsThs[k], Math.floor(k / (R * R)));
  for (const [path, value] of Object.entries(t.plan.draws)) if (!Number.isFinite(value)) fail(`the draw of ${path}`, value);
  for (const e of t.events) {
    for (const [key, value] of Object.entries(e)) if (typeof value === 'number' && !Number.isFinite(value)) fail(`events.jsonl ${e.event} ${e.phase} ${key}`, value);
  }
}
