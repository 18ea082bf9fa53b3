/**
 * A scenario calibration end to end at a tiny size: the same files, byte for byte, with 1 and 2 workers; a run
 * interrupted after a generation resumes from its checkpoints to the same files; the calibrated scenario loads and
 * carries the posterior.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { calibrateScenario, type CalibrateOptions } from '../../../src/calibrate/abc/calibrateScenario.ts';
import { calibratedScenarioText, renderCalibrationFiles } from '../../../src/calibrate/abc/calibrationFiles.ts';
import { CheckpointError } from '../../../src/calibrate/abc/checkpoint.ts';
import { loadScenario } from '../../../src/scenario/index.ts';
import { PARAMETERS, SCENARIO, SETS, syntheticObservations } from './synthetic.ts';

const target = syntheticObservations(7);
const base: CalibrateOptions = { scenarioFile: SCENARIO, sets: SETS, parameters: PARAMETERS, target, particles: 8, generations: 3, seed: 3, workers: 1, runsPerParticle: 1 };
const input = (result: Awaited<ReturnType<typeof calibrateScenario>>, keepUncertainty = false) => ({
  result,
  sets: SETS,
  keepUncertainty,
  command: 'hashsim calibrate (test)',
  date: '2026-01-01',
  version: 'test',
  outDir: 'scenarios',
});
const filesOf = (result: Awaited<ReturnType<typeof calibrateScenario>>) => renderCalibrationFiles(input(result));

describe('a scenario calibration', () => {
  let one: Awaited<ReturnType<typeof calibrateScenario>>;
  let oneFiles: Map<string, string>;
  beforeAll(async () => {
    one = await calibrateScenario(base);
    oneFiles = filesOf(one);
  }, 600_000);

  test('gives the same bytes with 2 workers as with 1', { timeout: 600_000 }, async () => {
    const two = await calibrateScenario({ ...base, workers: 2 });
    expect(two.populations.length).toBe(3);
    expect(Object.fromEntries(filesOf(two))).toEqual(Object.fromEntries(oneFiles));
  });

  test('resumes after an interruption from its last finished generation, to the same bytes', { timeout: 600_000 }, async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'calibrate-resume-')), 'checkpoints');
    await expect(
      calibrateScenario({
        ...base,
        checkpointDir: dir,
        onGeneration: (p) => {
          if (p.generation === 1) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(readdirSync(dir).sort()).toEqual(['generation-000.json', 'generation-001.json']);
    const resumedFrom: boolean[] = [];
    const resumed = await calibrateScenario({ ...base, checkpointDir: dir, onGeneration: (_, info) => resumedFrom.push(info.resumed) });
    expect(resumedFrom).toEqual([true, true, false]);
    expect(resumed.resumedGenerations).toBe(2);
    expect(Object.fromEntries(filesOf(resumed))).toEqual(Object.fromEntries(oneFiles));
  });

  test('refuses to resume from generations another build of the model made (their closest particle lands elsewhere now)', { timeout: 600_000 }, async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'calibrate-model-')), 'checkpoints');
    const stop = (p: { generation: number }) => {
      if (p.generation === 1) throw new Error('killed');
    };
    await expect(calibrateScenario({ ...base, checkpointDir: dir, onGeneration: stop })).rejects.toThrow('killed');
    // Same settings, other model: as if the program had given every particle of generation 1 another distance.
    const file = join(dir, 'generation-001.json');
    const body = JSON.parse(readFileSync(file, 'utf8'));
    body.population.distances = body.population.distances.map((d: number) => d * 1.01);
    writeFileSync(file, JSON.stringify(body));
    await expect(calibrateScenario({ ...base, checkpointDir: dir })).rejects.toThrow(/generation-001\.json: particle \d+ \(the closest\) is at distance .* the model changed since these generations were made/);
    await expect(calibrateScenario({ ...base, checkpointDir: dir })).rejects.toBeInstanceOf(CheckpointError);
  });

  test('writes the posterior, summary and diagnostics as tidy CSV', () => {
    expect([...oneFiles.keys()].sort()).toEqual(['calibration.json', 'diagnostics.csv', 'particles.csv', 'posterior.csv', 'small-calibrated.yaml', 'summary.csv', 'summary.md']);
    const posterior = oneFiles.get('posterior.csv')!.trim().split('\n');
    expect(posterior[0]).toBe('particle,weight,behaviour.hideProbability,events.sichuan-ban.enforcement,distance,worst_share_mae_pp,network_mape_pct,share_mae_pp_CN,share_mae_pp_US,share_mae_pp_KZ,share_mae_pp_RU');
    expect(posterior).toHaveLength(9);
    const weights = posterior.slice(1).map((l) => Number(l.split(',')[1]));
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 8);
    expect(oneFiles.get('diagnostics.csv')!.split('\n')[0]).toBe('generation,tolerance,particles,attempts,simulations,failures,outside_support,acceptance_rate,ess,distance_median,distance_min');
    expect(oneFiles.get('diagnostics.csv')!.split('\n')[1]).toMatch(/^0,inf,8,8,8,0,0,1\.000000,8\.00,/);
    for (const [name, text] of oneFiles) expect(text, name).not.toMatch(/NaN|undefined/);
  });

  test('the calibrated scenario extends the original and loads with the posterior medians (or distributions)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calibrated-'));
    const file = join(dir, 'small-calibrated.yaml');
    const summary = oneFiles.get('summary.csv')!.trim().split('\n').slice(1).map((l) => l.split(','));
    const yaml = calibratedScenarioText(input(one), file);
    expect(oneFiles.get('small-calibrated.yaml')).toContain('extends: ./small.yaml');
    expect(yaml).toMatch(/^extends: (\.\.\/)+.*scenarios\/small\.yaml$/m);
    expect(yaml).toContain('# Command: hashsim calibrate (test)');
    expect(yaml).toContain('# Window: 2021-05..2021-12');
    expect(yaml).toContain('# Date: 2026-01-01');
    writeFileSync(file, yaml);
    const loaded = loadScenario(file).data as { name: string; behaviour: Record<string, unknown>; events: { id: string; enforcement: unknown }[]; agents: { count: number }; end: string };
    expect(loaded.name).toBe('small-calibrated');
    expect(loaded.behaviour.hideProbability).toBeCloseTo(Number(summary[0][8]), 6);
    expect(loaded.events.find((e) => e.id === 'sichuan-ban')!.enforcement).toBeCloseTo(Number(summary[1][8]), 6);
    expect(loaded.agents.count).toBe(2000); // the --set overrides are part of the calibrated scenario
    expect(loaded.end).toBe('2021-12');
    writeFileSync(file, calibratedScenarioText(input(one, true), file));
    const uncertain = loadScenario(file).data as { behaviour: Record<string, unknown>; events: { id: string; enforcement: unknown }[] };
    expect(uncertain.behaviour.hideProbability).toMatchObject({ dist: 'triangular' });
    expect(uncertain.events.find((e) => e.id === 'sichuan-ban')!.enforcement).toMatchObject({ dist: 'triangular' });
  });
});
