import { describe, expect, test } from 'vitest';
import { renderOutputs } from '../../src/report/index.ts';
import { prepareRuns, runScenario, withOverrides } from '../../src/run/index.ts';
import { compileScenario, compileTemplate, drawPlan, loadScenario } from '../../src/scenario/index.ts';

describe('runScenario (the run API)', () => {
  const resolved = loadScenario('scenarios/forecast-2025-2030.yaml');

  test('a plan records the seed it was drawn with, and the trajectory carries it', () => {
    const r = runScenario(resolved, 7);
    expect(r.plan.seed).toBe(7);
    expect(r.trajectory.seed).toBe(7);
    expect(r.trajectory.plan).toBe(r.plan);
  });

  test('one template drawn many times gives the same bytes as compiling from scratch for each seed', () => {
    const template = compileTemplate(resolved);
    for (const seed of [1, 2, 99]) {
      const fromTemplate = renderOutputs(runScenario(template, seed).trajectory, resolved);
      const fromScratch = renderOutputs(runScenario(loadScenario('scenarios/forecast-2025-2030.yaml'), seed).trajectory, resolved);
      expect(fromTemplate).toEqual(fromScratch);
    }
  });

  test('drawn values change with the seed; seed-free arrays are shared between plans', () => {
    const template = compileTemplate(resolved);
    const a = drawPlan(template, 1);
    const b = drawPlan(template, 2);
    expect(Object.keys(a.draws).length).toBeGreaterThan(0);
    expect(a.draws).not.toEqual(b.draws);
    expect(a.regions[0].capacityMw).toBe(b.regions[0].capacityMw);
    expect(template.seedFree).toBe(false);
  });

  test('compileScenario is the template and the draw in one step', () => {
    const plan = compileScenario(resolved, { seed: 5 });
    expect(plan.draws).toEqual(drawPlan(compileTemplate(resolved), 5).draws);
  });

  test('overrides are applied on top of the scenario and validated again', () => {
    const small = loadScenario('scenarios/small.yaml');
    const moved = withOverrides(small, ['behaviour.hideProbability=0.5']);
    expect(moved.hash).not.toBe(small.hash);
    expect(runScenario(small, 1, { overrides: ['behaviour.hideProbability=0.5'] }).plan.behaviour.hideProbability).toBe(0.5);
    expect(prepareRuns(small, ['behaviour.hideProbability=0.25']).resolved.sets).toEqual(['behaviour.hideProbability=0.25']);
    expect(() => withOverrides(small, ['behaviour.hideProbability=lots'])).toThrow(/hideProbability/);
  });
});
