/**
 * The run API: the one place where a scenario becomes a plan and a trajectory. The CLI, the tests, the
 * benchmarks and the ensemble workers all call it, so the pipeline (overrides -> template -> draw -> simulate)
 * is written once, and the seed is given once.
 */
import { simulate } from '../model/simulate.ts';
import type { Trajectory } from '../model/trajectory.ts';
import type { Plan } from '../plan/plan.ts';
import { compileTemplate, drawPlan, loadScenario, type PlanTemplate, type ResolvedScenario } from '../scenario/index.ts';

/** What one run gives: the plan it simulated (with its seed and draws) and the trajectory. */
export interface RunResult {
  plan: Plan;
  trajectory: Trajectory;
}

/** Options of `runScenario`. */
export interface RunOptions {
  /** More `path=value` overrides on top of the scenario's own (re-validated; a sweep point's parameters). */
  overrides?: readonly string[];
  /** Called after each simulated month with the step and the number of months (progress). */
  onMonth?: (step: number, months: number) => void;
}

/**
 * Applies `overrides` (`path=value`, as `--set` takes them) to a resolved scenario: it is read again with its
 * own overrides followed by these, and validated again. Throws `ScenarioError` for a bad override.
 * @example withOverrides(resolved, ['events.sichuan-ban.effective=2021-09-01']).hash !== resolved.hash
 */
export function withOverrides(resolved: ResolvedScenario, overrides: readonly string[]): ResolvedScenario {
  if (overrides.length === 0) return resolved;
  return loadScenario(resolved.file, { sets: [...resolved.sets, ...overrides] });
}

/**
 * Compiles the seed-free template of a scenario with `overrides` applied, once for many runs.
 * @example const t = prepareRuns(loadScenario('scenarios/china-2021.yaml')); runScenario(t, 1); runScenario(t, 2)
 */
export function prepareRuns(resolved: ResolvedScenario, overrides: readonly string[] = []): PlanTemplate {
  return compileTemplate(withOverrides(resolved, overrides));
}

/**
 * Runs a scenario with `seed`: draws the plan (from a template, or from a resolved scenario compiled here)
 * and simulates it. Deterministic: the same scenario, overrides and seed give the same plan and trajectory.
 * Throws `ScenarioError` for bad input.
 * @example runScenario(loadScenario('scenarios/small.yaml'), 1).trajectory.months[0] // '2021-01'
 */
export function runScenario(scenario: ResolvedScenario | PlanTemplate, seed: number, options: RunOptions = {}): RunResult {
  const template = isTemplate(scenario) ? scenario : compileTemplate(scenario);
  const prepared = options.overrides?.length ? prepareRuns(template.resolved, options.overrides) : template;
  const plan = drawPlan(prepared, seed);
  const trajectory = simulate(plan, options.onMonth);
  return { plan, trajectory };
}

function isTemplate(x: ResolvedScenario | PlanTemplate): x is PlanTemplate {
  return 'fixed' in x && 'resolved' in x;
}
