import { describe, expect, it } from 'vitest';
import { runSeed } from '../../src/ensemble/runSeeds.ts';
import { ensembleSpecs } from '../../src/ensemble/runSpec.ts';
import { parseRunId, planRuns, runId } from '../../src/ensemble/sweepRuns.ts';

const point = (index: number, text: string) => ({ index, overrides: text ? text.split(';') : [] });

describe('planRuns', () => {
  it('is replicate-major: every point once before any point twice', () => {
    const runs = planRuns([point(0, 'x=1'), point(1, 'x=2'), point(2, 'x=3')], 2, 1, 'h');
    expect(runs.map((r) => r.runId)).toEqual(['p0000-r000000', 'p0001-r000000', 'p0002-r000000', 'p0000-r000001', 'p0001-r000001', 'p0002-r000001']);
  });
  it('seeds hash (master seed, scenario hash, the point\'s overrides one per line, replicate)', () => {
    const [r] = planRuns([point(5, 'x=2;y=3')], 1, 9, 'abc');
    expect(r).toEqual({ runId: 'p0005-r000000', point: 5, overrides: ['x=2', 'y=3'], replicate: 0, seed: runSeed({ masterSeed: 9, scenarioHash: 'abc', point: 'x=2\ny=3', replicate: 0 }) });
  });
  it('a plain ensemble is the ensemble runner\'s run list: same ids and seeds', () => {
    expect(planRuns([point(0, '')], 5, 3, 'h')).toEqual(ensembleSpecs(3, 'h', 5));
  });
  it('adding points or runs never changes the seeds of existing ones', () => {
    const small = planRuns([point(0, 'x=1')], 3, 1, 'h');
    const large = planRuns([point(0, 'x=1'), point(1, 'x=2')], 5, 1, 'h');
    for (const r of small) expect(large.find((l) => l.runId === r.runId)!.seed).toBe(r.seed);
  });
});

describe('run ids', () => {
  it('round-trip and refuse anything else', () => {
    expect(runId(3, 12)).toBe('p0003-r000012');
    expect(runId(12345, 1234567)).toBe('p12345-r1234567');
    expect(parseRunId('p0003-r000012')).toEqual({ point: 3, replicate: 12 });
    expect(parseRunId('p12345-r1234567')).toEqual({ point: 12345, replicate: 1234567 });
    for (const bad of ['p3-r12', 'p00003-r000012', 'p0003-r000012.tmp', 'x']) expect(parseRunId(bad)).toBeUndefined();
  });
});
