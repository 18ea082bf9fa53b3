import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { abcSmc, type AbcOptions, type AbcProblem, type Population } from '../../../src/calibrate/abc/abcSmc.ts';
import { readCheckpoints, writeCheckpoint } from '../../../src/calibrate/abc/checkpoint.ts';
import { weightedMean, weightedSd } from '../../../src/calibrate/abc/weightedStats.ts';
import { exactPosterior, jitteryEvaluator, PRIOR_MEAN, PRIOR_SD } from './normalMean.ts';

const problem: AbcProblem = { names: ['theta'], priors: [{ dist: 'normal', mean: PRIOR_MEAN, sd: PRIOR_SD }] };

describe('ABC-SMC on a normal mean with known variance and a normal prior', () => {
  test('the posterior mean and sd agree with the exact posterior', async () => {
    const { populations, stopped } = await abcSmc(problem, jitteryEvaluator(1, 1), { particles: 1000, generations: 7, seed: 3 });
    expect(stopped).toBe('generations');
    const last = populations[populations.length - 1];
    const theta = last.particles.map((p) => p[0]);
    const exact = exactPosterior(); // mean 0.7273, sd 0.3015
    expect(Math.abs(weightedMean(theta, last.weights) - exact.mean)).toBeLessThan(0.04);
    expect(weightedSd(theta, last.weights) / exact.sd).toBeGreaterThan(0.9);
    expect(weightedSd(theta, last.weights) / exact.sd).toBeLessThan(1.12);
    // The schedule shrinks, acceptance falls, every accepted distance is within its tolerance.
    for (let g = 1; g < populations.length; g++) {
      expect(populations[g].tolerance).toBeLessThan(populations[g - 1].tolerance);
      expect(Math.max(...populations[g].distances)).toBeLessThanOrEqual(populations[g].tolerance);
      expect(populations[g].ess).toBeGreaterThan(100);
      expect(populations[g].weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(populations[0].acceptanceRate).toBe(1);
    expect(last.acceptanceRate).toBeLessThan(populations[1].acceptanceRate);
  });
});

describe('determinism', () => {
  const options: AbcOptions = { particles: 200, generations: 4, seed: 11, batchSize: 64 };

  test('the same populations, byte for byte, with 1 or 2 workers and any completion order', async () => {
    const log1: number[] = [];
    const log2: number[] = [];
    const one = await abcSmc(problem, jitteryEvaluator(1, 1, log1), options);
    const two = await abcSmc(problem, jitteryEvaluator(2, 99, log2), options);
    expect(log1).not.toEqual(log2); // the candidates really finished in another order
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });

  test('another seed gives another sample', async () => {
    const a = await abcSmc(problem, jitteryEvaluator(1, 1), { ...options, generations: 2 });
    const b = await abcSmc(problem, jitteryEvaluator(1, 1), { ...options, generations: 2, seed: 12 });
    expect(a.populations[1].particles).not.toEqual(b.populations[1].particles);
  });
});

describe('resume after an interruption', () => {
  test('a run interrupted after generation 1 and resumed from its checkpoints ends exactly like an uninterrupted run', async () => {
    const options: AbcOptions = { particles: 150, generations: 4, seed: 5 };
    const full = await abcSmc(problem, jitteryEvaluator(1, 1), options);

    const dir = mkdtempSync(join(tmpdir(), 'abc-resume-'));
    const save = (p: Population) => {
      writeCheckpoint(dir, 'fp', { options }, p);
      if (p.generation === 1) throw new Error('interrupted');
    };
    await expect(abcSmc(problem, jitteryEvaluator(2, 7), options, { onGeneration: save })).rejects.toThrow('interrupted');
    expect(readdirSync(dir).sort()).toEqual(['generation-000.json', 'generation-001.json']);

    const finished = readCheckpoints(dir, 'fp');
    expect(finished.map((p) => p.generation)).toEqual([0, 1]);
    expect(finished[0].tolerance).toBe(Infinity);
    const resumed = await abcSmc(problem, jitteryEvaluator(2, 8), options, {}, finished);
    expect(JSON.stringify(resumed)).toBe(JSON.stringify(full));
  });

  test('checkpoints of another calibration are refused with a clear message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'abc-fp-'));
    const p: Population = { generation: 0, tolerance: Infinity, particles: [[1]], weights: [1], distances: [0.5], acceptedAttempts: [0], details: [{}], attempts: 1, simulations: 1, failures: 0, outsideSupport: 0, acceptanceRate: 1, ess: 1 };
    writeCheckpoint(dir, 'one', {}, p);
    expect(() => readCheckpoints(dir, 'two')).toThrow(/written by a calibration with other settings/);
    expect(readCheckpoints(join(dir, 'missing'), 'one')).toEqual([]);
  });
});

describe('failures and budgets', () => {
  test('failed simulations (NaN, Infinity) are never accepted, even in generation 0, and are counted', async () => {
    const evaluator = {
      async evaluate(batch: readonly { theta: number[] }[]) {
        return batch.map((c) => ({ distance: c.theta[0] < 0 ? NaN : c.theta[0] > 1.5 ? Infinity : Math.abs(c.theta[0] - 0.5) }));
      },
    };
    const { populations } = await abcSmc(problem, evaluator, { particles: 100, generations: 2, seed: 1 });
    for (const p of populations) for (const [x] of p.particles) expect(x).toBeGreaterThanOrEqual(0);
    expect(populations[0].failures).toBeGreaterThan(0);
    expect(populations[0].acceptanceRate).toBeLessThan(1);
  });

  test('a generation that cannot fill its slots within the attempt budget stops the run with the previous generations; so does a tolerance that cannot fall', async () => {
    const flat = { async evaluate(batch: readonly unknown[]) {
      return batch.map(() => ({ distance: 1 }));
    } };
    const result = await abcSmc(problem, flat, { particles: 10, generations: 5, seed: 1, maxAttemptsPerParticle: 3 });
    expect(result.stopped).toBe('tolerance'); // every distance equal: the quantile cannot fall below 1
    expect(result.populations).toHaveLength(2);
    const spread = { async evaluate(batch: readonly { particle: number; generation: number }[]) {
      return batch.map((c) => ({ distance: c.generation === 0 ? c.particle : 100 }));
    } };
    const budget = await abcSmc(problem, spread, { particles: 10, generations: 3, seed: 1, maxAttemptsPerParticle: 3 });
    expect(budget.stopped).toBe('budget');
    expect(budget.populations).toHaveLength(1);
  });

  test('the support test truncates the prior: no particle outside it', async () => {
    const truncated: AbcProblem = { ...problem, support: (t) => t[0] >= 0.5 };
    const { populations } = await abcSmc(truncated, jitteryEvaluator(1, 1), { particles: 100, generations: 3, seed: 2 });
    for (const p of populations) for (const [x] of p.particles) expect(x).toBeGreaterThanOrEqual(0.5);
  });
});
