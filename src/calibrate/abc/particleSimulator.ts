/**
 * Simulating one particle of a scenario calibration: apply its parameter values to the scenario (as `--set` would),
 * compile the template once, run it `runsPerParticle` times with seeds derived from the candidate's seed, keep
 * what the backtest keeps of each run (`RunSeries`) and measure the distance to the target. The same code runs in
 * the calling thread and in the pool's workers, so the numbers do not depend on where a particle ran.
 */
import { drawPlan, loadScenario, ScenarioError, type ResolvedScenario } from '../../scenario/index.ts';
import { compileTemplate } from '../../scenario/compile.ts';
import { simulate } from '../../model/simulate.ts';
import { observationParams } from '../observationModel.ts';
import { runSeriesFromTrajectory, type RunSeries } from '../runSeries.ts';
import type { Evaluation } from './abcSmc.ts';
import { particleDistance } from './distance.ts';
import { applyParameters, parameterBase, resolveParameters, withinBounds, type ParameterSpec, type ScenarioParameter } from './parameters.ts';
import { replicateSeed } from './proposals.ts';
import type { Target } from './target.ts';

/** Everything a worker needs to simulate particles (plain data: it crosses to worker threads). */
export interface CalibrationSetup {
  /** The scenario file and its `--set` overrides. */
  scenarioFile: string;
  sets: string[];
  parameters: ParameterSpec[];
  /** Runs per particle (>= 1): the distance is measured on their mean. */
  runsPerParticle: number;
  target: Target;
}

/** Simulates particles of one calibration. */
export class ParticleSimulator {
  readonly resolved: ResolvedScenario;
  readonly parameters: ScenarioParameter[];
  private readonly base: ResolvedScenario;

  /** Loads the scenario and checks the parameters; throws `ScenarioError` or `ParameterError` for bad input. */
  constructor(readonly setup: CalibrationSetup) {
    this.resolved = loadScenario(setup.scenarioFile, { sets: setup.sets });
    this.parameters = resolveParameters(this.resolved, setup.parameters);
    this.base = parameterBase(this.resolved, this.parameters);
  }

  /** The scenario with a particle's values applied (as `--set` overrides would). */
  scenario(theta: readonly number[]): ResolvedScenario {
    return applyParameters(this.base, this.parameters, theta);
  }

  /**
   * The runs of a particle with values `theta`, seeded from `seed` (replicate r runs with `replicateSeed(seed, r)`).
   * Throws `ScenarioError` when the values make the scenario invalid.
   */
  runs(theta: readonly number[], seed: number, particle = this.scenario(theta)): RunSeries[] {
    const template = compileTemplate(particle);
    const out: RunSeries[] = [];
    for (let r = 0; r < this.setup.runsPerParticle; r++) out.push(runSeriesFromTrajectory(simulate(drawPlan(template, replicateSeed(seed, r)))));
    return out;
  }

  /**
   * The distance of a particle with details (`worst_share_mae_pp`, `network_mape_pct`, `share_mae_pp_<country>`), or distance Infinity with
   * detail `failed: 1` when the values are out of bounds or a run fails on them (the particle is then rejected).
   * @example new ParticleSimulator(setup).evaluate([0.1, 2], 12345).distance // 1.7
   */
  evaluate(theta: readonly number[], seed: number): Evaluation {
    if (!withinBounds(this.parameters, theta)) return { distance: Infinity, detail: { failed: 1 } };
    try {
      const particle = this.scenario(theta);
      const runs = this.runs(theta, seed, particle);
      const data = particle.data;
      const parts = particleDistance(runs, this.setup.target, (run) => observationParams(data, run.seed));
      const detail: Record<string, number> = {};
      if (Number.isFinite(parts.worstShareMaePp)) detail.worst_share_mae_pp = parts.worstShareMaePp;
      if (Number.isFinite(parts.networkMapePct)) detail.network_mape_pct = parts.networkMapePct;
      for (const [country, mae] of Object.entries(parts.shareMaePp)) if (Number.isFinite(mae)) detail[`share_mae_pp_${country}`] = mae;
      return { distance: Number.isFinite(parts.distance) ? parts.distance : Infinity, detail };
    } catch (e) {
      if (e instanceof ScenarioError || e instanceof RangeError) return { distance: Infinity, detail: { failed: 1 } };
      throw e;
    }
  }
}
