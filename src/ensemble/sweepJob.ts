/**
 * The job of a sweep or of a plain ensemble (`job.json`, jobManifest.ts) from the command line's choices:
 * parameters parsed (sweepValues.ts), points designed (sweepDesign.ts), every point's overrides checked against
 * the scenario before anything runs (sweepOverrides.ts).
 */
import type { ResolvedScenario } from '../scenario/index.ts';
import { JOB_FORMAT, type JobManifest } from './jobManifest.ts';
import { designPoints } from './sweepDesign.ts';
import { validatePoints, type EventDatesMode } from './sweepOverrides.ts';
import { MAX_RUNS } from './sweepRuns.ts';
import { parseParam, SweepArgError } from './sweepValues.ts';

/** The sweep options of the command line. */
export interface SweepChoices {
  /** `--param PATH=VALUES`, as typed. */
  params: readonly string[];
  design: 'factorial' | 'lhs';
  /** `--points` (Latin hypercube). */
  points?: number;
  /** `--runs`: runs per point. */
  runsPerPoint: number;
  masterSeed: number;
  eventDates: EventDatesMode;
  /** `--metric-month` of points.csv (YYYY-MM), if given. */
  metricMonth?: string;
}

/**
 * The job of a sweep of `resolved`. Throws `SweepArgError` for a bad option or parameter and
 * `SweepPointsError` listing the points the scenario refuses.
 * @example sweepJob(loadScenario('scenarios/china-2021.yaml'), {params: ['events.sichuan-ban.effective=2021-04..2021-12'], design: 'factorial', runsPerPoint: 10, masterSeed: 1, eventDates: 'shift'}).points.length // 9
 */
export function sweepJob(resolved: ResolvedScenario, choices: SweepChoices): JobManifest {
  if (choices.params.length === 0) throw new SweepArgError('--param: expected at least one PATH=VALUES (e.g. --param events.sichuan-ban.effective=2021-04..2021-12)');
  checkRuns(choices.runsPerPoint);
  if (choices.design === 'factorial' && choices.points !== undefined) throw new SweepArgError('--points is for --design lhs (a factorial design has one point per combination)');
  if (choices.design === 'lhs' && choices.points === undefined) throw new SweepArgError('--design lhs needs --points N');
  if (choices.metricMonth !== undefined) checkMetricMonth(resolved, choices.metricMonth);
  const params = choices.params.map(parseParam);
  const points = designPoints(params, choices.design === 'lhs' ? { design: 'lhs', points: choices.points!, masterSeed: choices.masterSeed } : { design: 'factorial' });
  if (points.length * choices.runsPerPoint > MAX_RUNS) {
    throw new SweepArgError(`--runs ${choices.runsPerPoint}: ${points.length} points x ${choices.runsPerPoint} runs is over the limit of ${MAX_RUNS} runs`);
  }
  const overrides = validatePoints(resolved, points, choices.eventDates);
  return {
    format: JOB_FORMAT,
    command: 'sweep',
    scenario: resolved.name,
    scenarioFile: resolved.file,
    sets: [...resolved.sets],
    scenarioHash: resolved.hash,
    masterSeed: choices.masterSeed,
    runsPerPoint: choices.runsPerPoint,
    design: {
      params: [...choices.params],
      design: choices.design,
      ...(choices.points !== undefined ? { points: choices.points } : {}),
      eventDates: choices.eventDates,
      ...(choices.metricMonth !== undefined ? { metricMonth: choices.metricMonth } : {}),
    },
    points: points.map((p, i) => ({ index: p.index, canonical: p.canonical, values: p.values, overrides: overrides[i] })),
    shard: { index: 0, count: 1 },
  };
}

/**
 * The job of a plain ensemble of `runs` runs: one point without overrides (the ensemble runner's run list).
 * @example ensembleJobManifest(resolved, 1000, 1).points // [{index: 0, canonical: '', values: [], overrides: []}]
 */
export function ensembleJobManifest(resolved: ResolvedScenario, runs: number, masterSeed: number): JobManifest {
  checkRuns(runs);
  return {
    format: JOB_FORMAT,
    command: 'ensemble',
    scenario: resolved.name,
    scenarioFile: resolved.file,
    sets: [...resolved.sets],
    scenarioHash: resolved.hash,
    masterSeed,
    runsPerPoint: runs,
    points: [{ index: 0, canonical: '', values: [], overrides: [] }],
    shard: { index: 0, count: 1 },
  };
}

function checkRuns(runs: number): void {
  if (!Number.isSafeInteger(runs) || runs < 1 || runs > MAX_RUNS) throw new SweepArgError(`--runs: expected a whole number from 1 to ${MAX_RUNS}, found ${runs}`);
}

/** `--metric-month` must be a month of the scenario. */
export function checkMetricMonth(resolved: ResolvedScenario, month: string): void {
  const data = resolved.data as { start: string; end: string };
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new SweepArgError(`--metric-month: expected a month YYYY-MM, found ${JSON.stringify(month)}`);
  if (month < data.start || month > data.end) throw new SweepArgError(`--metric-month: expected a month from ${data.start} to ${data.end} (the scenario's), found ${month}`);
}

