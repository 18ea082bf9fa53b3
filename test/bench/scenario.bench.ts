/**
 * One china-2021 run: load + compile the scenario, simulate, render the six output files (in memory), after
 * module load. Target: under 200 ms. Prints the mean and the slowest of the measured runs.
 */
import { bench, describe } from 'vitest';
import { renderOutputs } from '../../src/report/index.ts';
import { runScenario } from '../../src/run/index.ts';
import { loadScenario } from '../../src/scenario/index.ts';

describe('china-2021', () => {
  const times: number[] = [];
  let teardowns = 0;
  bench(
    'load + compile + simulate + render',
    () => {
      const t0 = performance.now();
      const resolved = loadScenario('scenarios/china-2021.yaml');
      const { trajectory } = runScenario(resolved, 1);
      renderOutputs(trajectory, resolved);
      times.push(performance.now() - t0);
    },
    {
      iterations: 20,
      time: 0,
      warmupIterations: 2,
      // tinybench calls teardown after the warm-up and after the measured runs: print only the latter.
      teardown: () => {
        if (times.length === 0 || ++teardowns === 1) {
          times.length = 0;
          return;
        }
        const mean = times.reduce((a, b) => a + b, 0) / times.length;
        console.log(`\n[bench] china-2021 run: ${times.length} runs, mean ${mean.toFixed(0)} ms, slowest ${Math.max(...times).toFixed(0)} ms (target < 200 ms)\n`);
        times.length = 0;
      },
    },
  );
});
