/**
 * The calibration's inner loop: `scoreRuns` (observation model + bands + metrics, no simulation) on an ensemble
 * of 100 and 1,000 runs over china-2021's replay window (2020-02..2021-08, 19 months), in the map view. The
 * runs are synthetic (random per-country hashrate; scoring does not depend on where they come from). Prints
 * the mean time per call.
 */
import { bench, describe } from 'vitest';
import { scoreRuns, windowObservations } from '../../src/calibrate/backtest.ts';
import { DEFAULT_OBSERVATION } from '../../src/calibrate/observationModel.ts';
import { loadObservations, shareMonths } from '../../src/calibrate/observations.ts';
import type { RunSeries } from '../../src/calibrate/runSeries.ts';
import { backtestWindow } from '../../src/calibrate/window.ts';
import { parseMonth } from '../../src/engine/calendar.ts';
import { namedStream } from '../../src/engine/streams.ts';

const obs = loadObservations();
const range = shareMonths(obs);
const window = backtestWindow(parseMonth('2020-01')!, parseMonth('2022-12')!, range.first, range.last, {});
const observed = windowObservations(obs, window);
const countries = ['CA', 'CN', 'IR', 'KG', 'KZ', 'MY', 'OTHER', 'RU', 'US'];

function syntheticRuns(n: number): RunSeries[] {
  const rng = namedStream(1, 'bench:runs');
  const months = 36;
  const C = countries.length;
  return Array.from({ length: n }, (_, i) => {
    const f = (scale: number) => Float64Array.from({ length: months * C }, () => rng.next() * scale);
    return {
      seed: i, startMonth: window.scenarioStart, months, countries,
      activeThs: f(2e7), hiddenThs: f(1e6), banCoverage: Float64Array.from({ length: months * C }, (_, k) => (k % C === 1 && k >= 18 * C ? 1 : 0)),
      networkHashingThs: Float64Array.from({ length: months }, () => 1.2e8 + rng.next() * 4e7),
      networkJPerTh: Float64Array.from({ length: months }, () => 40 + rng.next() * 20),
    };
  });
}

for (const n of [100, 1000]) {
  describe(`scoreRuns, ${n} runs`, () => {
    const runs = syntheticRuns(n);
    const times: number[] = [];
    let teardowns = 0;
    bench(
      'map view, shares + network',
      () => {
        const t0 = performance.now();
        scoreRuns(runs, observed, 'map', DEFAULT_OBSERVATION);
        times.push(performance.now() - t0);
      },
      {
        iterations: n === 100 ? 50 : 10,
        time: 0,
        warmupIterations: 2,
        teardown: () => {
          if (times.length === 0 || ++teardowns === 1) {
            times.length = 0;
            return;
          }
          const mean = times.reduce((a, b) => a + b, 0) / times.length;
          console.log(`\n[bench] scoreRuns, ${n} runs x ${observed.months.length} months, map view: mean ${mean.toFixed(1)} ms per call\n`);
          times.length = 0;
        },
      },
    );
  });
}
