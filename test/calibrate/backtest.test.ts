import { describe, expect, test } from 'vitest';
import { backtest, baselineScores, scoreRuns, windowObservations } from '../../src/calibrate/backtest.ts';
import { backtestCsv, backtestMarkdown, metricsCsv } from '../../src/calibrate/backtestReport.ts';
import { DEFAULT_OBSERVATION } from '../../src/calibrate/observationModel.ts';
import { loadObservations, SCORED_COUNTRIES } from '../../src/calibrate/observations.ts';
import { backtestWindow } from '../../src/calibrate/window.ts';
import { parseMonth } from '../../src/engine/calendar.ts';
import { namedStream } from '../../src/engine/streams.ts';
import { loadScenario } from '../../src/scenario/index.ts';

const m = (t: string) => parseMonth(t)!;
const obs = loadObservations();

describe('baselines on the record', () => {
  test('from an origin of 2021-04, persistence of the hashrate is the April value and its error is hand-checkable', () => {
    const w = backtestWindow(m('2020-01'), m('2022-12'), m('2019-09'), m('2021-08'), { origin: m('2021-04') });
    const observed = windowObservations(obs, w).hashrateEhs;
    const b = baselineScores((x) => (obs.hashrateEhs.has(x) ? [obs.hashrateEhs.get(x)!] : undefined), 1, w, observed, { kind: 'log' }, { min: 0 }, namedStream(1, 'baseline:random-walk:hashrate'), 200, true);
    expect(b.fit.kind).toBe('history');
    expect(b.fit.months).toEqual(Array.from({ length: 12 }, (_, i) => m('2020-05') + i));
    expect(Array.from(b.persistence.bands.median)).toEqual([157.23, 157.23, 157.23, 157.23]);
    const ape = [161.81, 120.11, 100.18, 120.54].map((y) => Math.abs(157.23 - y) / y);
    expect(b.persistence.series[0].mape).toBeCloseTo((100 * ape.reduce((a, x) => a + x, 0)) / 4, 10);
  });

  test('a replay from the first CBECI month has no history: the share baselines are fitted in hindsight and say so', () => {
    const w = backtestWindow(m('2019-09'), m('2020-12'), m('2019-09'), m('2021-08'), {});
    const wo = windowObservations(obs, w);
    const series = (x: number) => {
      const row = obs.mapSharesPercent.get(x);
      return row ? Array.from(row).slice(0, 1) : undefined;
    };
    const b = baselineScores(series, 1, w, wo.shares.filter((_, i) => i % SCORED_COUNTRIES.length === 0), { kind: 'shares' }, { min: 0, max: 100 }, namedStream(1, 'x'), 10, false);
    expect(b.fit.kind).toBe('hindsight');
    expect(b.fit.months[0]).toBe(m('2019-09'));
    expect(b.fit.months).toHaveLength(12);
  });
});

describe('the whole backtest (small scenario)', () => {
  const resolved = loadScenario('test/fixtures/scenarios/backtest-small.yaml');

  test('is deterministic for a seed: the same files byte for byte', async () => {
    const a = await backtest(resolved, { runs: 4, masterSeed: 3, randomWalkPaths: 50 });
    const b = await backtest(resolved, { runs: 4, masterSeed: 3, randomWalkPaths: 50 });
    expect(backtestCsv(b)).toBe(backtestCsv(a));
    expect(metricsCsv(b)).toBe(metricsCsv(a));
    expect(backtestMarkdown(b)).toBe(backtestMarkdown(a));
    const c = await backtest(resolved, { runs: 4, masterSeed: 4, randomWalkPaths: 50 });
    expect(metricsCsv(c)).not.toBe(metricsCsv(a));
  });

  test('writes tidy files without NaN, both views, every forecaster, and scoreRuns re-scores the same runs', async () => {
    const r = await backtest(resolved, { runs: 3, masterSeed: 1, randomWalkPaths: 50, origin: m('2021-04') });
    expect(r.window.mode).toBe('forecast');
    const csv = backtestCsv(r);
    const metrics = metricsCsv(r);
    expect(csv).not.toMatch(/NaN|Infinity|undefined/);
    expect(metrics).not.toMatch(/NaN|Infinity|undefined/);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('month,country,quantity,view,observed,sim_median,sim_p5,sim_p25,sim_p75,sim_p95,persistence,trend,random_walk');
    // 4 months x (8 countries x 2 views + hashrate + efficiency)
    expect(lines).toHaveLength(1 + 4 * (16 + 2));
    expect(lines[1]).toMatch(/^2021-05,CN,share_pct,raw,43\.9800,/);
    for (const f of ['model', 'persistence', 'trend', 'random_walk']) expect(metrics).toContain(`,${f},`);
    expect(metrics).toMatch(/^map,CN,share_pct,coverage90,model,/m);
    expect(metrics).toMatch(/^all,NETWORK,hashrate_ehs,mape_pct,persistence,/m);
    // scoreRuns is what backtest uses: the same numbers for the same runs
    const again = scoreRuns(r.runs, r.observed, 'map', r.observation);
    expect(again.shares.series.map((s) => s.mae)).toEqual(r.shares.map.model.series.map((s) => s.mae));
    expect(again.hashrate.series[0].mape).toBe(r.hashrate.model.series[0].mape);
    // and other observation parameters change the map view only, the measurement error of the hashrate aside
    const unseen = scoreRuns(r.runs, r.observed, 'map', { ...r.observation, hiddenSeenShare: 0 });
    expect(unseen.hashrate.series[0].mape).toBe(again.hashrate.series[0].mape);
    const exact = scoreRuns(r.runs, r.observed, 'map', { ...r.observation, hashrateNoise: 0, mapSampleSize: 0 });
    expect(exact.hashrate.series[0].mape).not.toBe(again.hashrate.series[0].mape);
  });

  test('a model discrepancy widens the 90% bands of the same runs (shares and hashrate) and is scored with them', async () => {
    const r = await backtest(resolved, { runs: 12, masterSeed: 2, randomWalkPaths: 50 });
    const discrepancy = { discrepancySampleSize: 30, discrepancyShareCorrelation: 0.8, discrepancyHashrate: 0.1, discrepancyHashrateCorrelation: 0.6 };
    const plain = scoreRuns(r.runs, r.observed, 'map', { ...r.observation, mapSampleSize: 0, hashrateNoise: 0 });
    const wide = scoreRuns(r.runs, r.observed, 'map', { ...r.observation, mapSampleSize: 0, hashrateNoise: 0, ...discrepancy });
    const width = (s: typeof plain.shares) => s.bands.p95.reduce((a, v, i) => a + v - s.bands.p5[i], 0);
    expect(width(wide.shares)).toBeGreaterThan(1.5 * width(plain.shares));
    expect(width(wide.hashrate)).toBeGreaterThan(1.5 * width(plain.hashrate));
  });
});

describe('runs from the ensemble runner', () => {
  test('give the same backtest, byte for byte, as runs in this process, with 0 or 2 workers', async () => {
    const { ensembleRunSource } = await import('../../src/calibrate/ensembleRunSource.ts');
    const resolved = loadScenario('test/fixtures/scenarios/backtest-small.yaml');
    const options = { runs: 3, masterSeed: 5, randomWalkPaths: 20, origin: m('2021-03') };
    const here = await backtest(resolved, options);
    const inline = await backtest(resolved, { ...options, runSource: ensembleRunSource(resolved, 5, 0) });
    const pooled = await backtest(resolved, { ...options, runSource: ensembleRunSource(resolved, 5, 2) });
    expect(metricsCsv(inline)).toBe(metricsCsv(here));
    expect(backtestCsv(pooled)).toBe(backtestCsv(here));
    expect(metricsCsv(pooled)).toBe(metricsCsv(here));
  });
});

describe('bad observation parameters', () => {
  test('proxyAt without a positive weight is refused before any run', async () => {
    const resolved = loadScenario('test/fixtures/scenarios/backtest-small.yaml', { sets: ['observation.proxyAt={DE: 0}'] });
    await expect(backtest(resolved, { runs: 1, masterSeed: 1 })).rejects.toThrow('observation.proxyAt: expected at least one positive weight');
  });
});
