/**
 * Recovery: on a synthetic scenario simulated with known parameter values, the 90% posterior intervals contain
 * the true values for at least 90% of parameters over 10 seeds, and are narrower than the prior's (the posterior
 * learnt something). Size chosen to run in CI: 30 particles, 3 generations, 1 run per particle, 8 months.
 */
import { describe, expect, test } from 'vitest';
import { calibrateScenario } from '../../../src/calibrate/abc/calibrateScenario.ts';
import { summarisePosterior } from '../../../src/calibrate/abc/posteriorSummary.ts';
import { PARAMETERS, SCENARIO, SETS, syntheticObservations, TRUTH } from './synthetic.ts';

describe('recovery of known parameters', () => {
  test('90% intervals contain the truth for >= 90% of parameters over 10 seeds, narrower than the prior', async () => {
    let inside = 0;
    let total = 0;
    const widthRatios: number[] = [];
    const lines: string[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const target = syntheticObservations(1000 + seed);
      const result = await calibrateScenario({ scenarioFile: SCENARIO, sets: SETS, parameters: PARAMETERS, target, particles: 30, generations: 3, seed, workers: 1, runsPerParticle: 1 });
      const summaries = summarisePosterior(result.parameters, result.populations[result.populations.length - 1]);
      summaries.forEach((s, k) => {
        const ok = s.p05 <= TRUTH[k] && TRUTH[k] <= s.p95;
        inside += ok ? 1 : 0;
        total++;
        widthRatios.push((s.p95 - s.p05) / (s.priorP95 - s.priorP05));
        lines.push(`seed ${seed} ${s.path}: ${s.p05.toFixed(3)} ${s.median.toFixed(3)} ${s.p95.toFixed(3)} (truth ${TRUTH[k]})${ok ? '' : ' OUT'}`);
      });
    }
    const meanRatio = widthRatios.reduce((a, b) => a + b, 0) / widthRatios.length;
    expect(inside / total, lines.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(meanRatio, lines.join('\n')).toBeLessThan(0.9);
  });
});
