/**
 * A synthetic calibration problem on scenarios/small.yaml, for tests: "observations" simulated at known parameter
 * values and seen through the observation model, over May to December 2021 (synthetic months, so the 2021-08
 * cutoff of the real record does not apply). 2,000 agents: the run-to-run noise of the 200-agent fixture would
 * swamp the parameters' effects.
 */
import { parseMonth } from '../../../src/engine/calendar.ts';
import { observationParams } from '../../../src/calibrate/observationModel.ts';
import type { ParameterSpec } from '../../../src/calibrate/abc/parameters.ts';
import { ParticleSimulator } from '../../../src/calibrate/abc/particleSimulator.ts';
import { syntheticTarget, type Target } from '../../../src/calibrate/abc/target.ts';

export const SCENARIO = 'scenarios/small.yaml';
export const SETS = ['agents.count=2000', 'end=2021-12'];
export const WINDOW = { from: parseMonth('2021-05')!, to: parseMonth('2021-12')! };

/** The parameters, their priors, and the true values the observations are simulated with. */
export const PARAMETERS: ParameterSpec[] = [
  { path: 'behaviour.hideProbability', prior: { dist: 'uniform', min: 0, max: 0.5 } },
  { path: 'events.sichuan-ban.enforcement', prior: { dist: 'uniform', min: 0, max: 1 } },
];
export const TRUTH = [0.2, 0.4];

/** One run at the true values with run seed `dataSeed`, seen as the map would have. */
export function syntheticObservations(dataSeed: number): Target {
  const sim = new ParticleSimulator({ scenarioFile: SCENARIO, sets: SETS, parameters: PARAMETERS, runsPerParticle: 1, target: undefined as never });
  const truth = sim.scenario(TRUTH);
  const [run] = sim.runs(TRUTH, dataSeed, truth);
  return syntheticTarget(run, observationParams(truth.data, run.seed), WINDOW);
}
