/**
 * Recovery: on a synthetic scenario simulated with known parameter values, the 90% posterior intervals contain
 * the true values for at least 90% of parameters over 10 seeds, and are narrower than the prior's (the posterior
 * learnt something). Size chosen to run in CI: 30 particles, 3 generations, 1 run per particle, 8 months; one test
 * per seed (each well within the test timeout), then the tally.
 */
import { describe, expect, test } from 'vitest';
import { calibrateScenario } from '../../../src/calibrate/abc/calibrateScenario.ts';
import { summarisePosterior } from '../../../src/calibrate/abc/posteriorSummary.ts';
import { PARAMETERS, SCENARIO, SETS, syntheticObservations, TRUTH } from './synthetic.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** Per seed and parameter: whether the 90% interval holds the truth, and its width over the prior's. */
const outcomes: { line: string; inside: boolean; widthRatio: number }[] = [];

describe('recovery of known parameters', () => {
  for (const seed of SEEDS) {
    test(`seed ${seed}: a synthetic record at the true values, calibrated`, { timeout: 600_000 }, async () => {
      const target = syntheticObservations(1000 + seed);
      const result = await calibrateScenario({ scenarioFile: SCENARIO, sets: SETS, parameters: PARAMETERS, target, particles: 30, generations: 3, seed, workers: 1, runsPerParticle: 1 });
      expect(result.populations).toHaveLength(3);
      summarisePosterior(result.parameters, result.populations[result.populations.length - 1]).forEach((s, k) => {
        const inside = s.p05 <= TRUTH[k] && TRUTH[k] <= s.p95;
        const line = `seed ${seed} ${s.path}: ${s.p05.toFixed(3)} ${s.median.toFixed(3)} ${s.p95.toFixed(3)} (truth ${TRUTH[k]})${inside ? '' : ' OUT'}`;
        outcomes.push({ line, inside, widthRatio: (s.p95 - s.p05) / (s.priorP95 - s.priorP05) });
      });
    });
  }

  test('90% intervals contain the truth for >= 90% of parameters over the 10 seeds, narrower than the prior', () => {
    expect(outcomes).toHaveLength(SEEDS.length * PARAMETERS.length);
    const report = outcomes.map((o) => o.line).join('\n');
    expect(outcomes.filter((o) => o.inside).length / outcomes.length, report).toBeGreaterThanOrEqual(0.9);
    expect(outcomes.reduce((a, o) => a + o.widthRatio, 0) / outcomes.length, report).toBeLessThan(0.9);
  });
});
