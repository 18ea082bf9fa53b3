/**
 * Where an ensemble run's time goes, in one thread, side by side in one process (`npm run bench --
 * test/bench/ensembleCost.bench.ts`): for china-2021, after a warm-up of runs (V8 has optimised the code, as in a
 * worker after its first batches), the milliseconds per run of each step a worker takes (worker.ts): drawing the
 * plan from the run's seed, simulating, taking the rows from the trajectory (runRows.ts), encoding and writing
 * the batch's Parquet files (batchWriter.ts, per batch of 100, divided by its runs), then the summaries of all of
 * them (summarise.ts, per run). Prints one `[bench] ensemble cost` line with each step's share, and what 10,000
 * runs on 2 workers need at these costs: the simulation alone, and everything else.
 * HASHSIM_BENCH_COST_RUNS=N measures N runs after the warm-up (default 300; warm-up 100).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { writeBatch, type RunOutcome } from '../../src/ensemble/batchWriter.ts';
import { runRows } from '../../src/ensemble/runRows.ts';
import { ensembleSpecs } from '../../src/ensemble/runSpec.ts';
import { summaryFiles } from '../../src/ensemble/summarise.ts';
import { simulate } from '../../src/model/simulate.ts';
import { prepareRuns } from '../../src/run/index.ts';
import { drawPlan, loadScenario } from '../../src/scenario/index.ts';

const WARM_UP = 100;
const RUNS = Number(process.env.HASHSIM_BENCH_COST_RUNS ?? 300);
const BATCH = 100;

describe('ensemble cost per run, china-2021', () => {
  let measuredOnce = false;
  bench(
    `${WARM_UP} runs of warm-up, then ${RUNS} runs: draw, simulate, rows, Parquet, summaries`,
    async () => {
      if (measuredOnce) return; // tinybench may call a bench function more than once: measure on the first call only
      measuredOnce = true;
      const load0 = loadavg()[0];
      const resolved = loadScenario('scenarios/china-2021.yaml');
      const template = prepareRuns(resolved);
      const specs = ensembleSpecs(1, resolved.hash, WARM_UP + RUNS);
      const out = mkdtempSync(join(tmpdir(), 'hashsim-bench-cost-'));
      const warm = mkdtempSync(join(tmpdir(), 'hashsim-bench-cost-warm-'));
      const ms = { draw: 0, simulate: 0, rows: 0, parquet: 0, summaries: 0 };
      try {
        let batch: RunOutcome[] = [];
        specs.forEach((spec, i) => {
          const measured = i >= WARM_UP;
          const t0 = performance.now();
          const plan = drawPlan(template, spec.seed);
          const t1 = performance.now();
          const trajectory = simulate(plan);
          const t2 = performance.now();
          batch.push({ spec, rows: runRows(trajectory) });
          const t3 = performance.now();
          if (batch.length === BATCH || i === specs.length - 1) {
            writeBatch(join(measured ? out : warm, 'runs'), batch);
            batch = [];
          }
          const t4 = performance.now();
          if (measured) {
            ms.draw += t1 - t0;
            ms.simulate += t2 - t1;
            ms.rows += t3 - t2;
            ms.parquet += t4 - t3;
          }
        });
        await summaryFiles([warm]);
        const t0 = performance.now();
        await summaryFiles([out]);
        ms.summaries = performance.now() - t0;
        const per = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, v / RUNS])) as typeof ms;
        const total = per.draw + per.simulate + per.rows + per.parquet + per.summaries;
        const rest = total - per.simulate;
        const parts = (Object.keys(per) as (keyof typeof ms)[]).map((k) => `${k} ${per[k].toFixed(2)} ms (${((100 * per[k]) / total).toFixed(1)}%)`).join(', ');
        const s10k = (x: number) => ((x * 10_000) / 2 / 1000).toFixed(0);
        console.log(
          `\n[bench] ensemble cost per run, china-2021, one thread, ${RUNS} runs after ${WARM_UP} of warm-up: ${parts}; total ${total.toFixed(1)} ms. ` +
            `10,000 runs on 2 workers at these costs: simulation ${s10k(per.simulate)} s + the rest ${s10k(rest)} s = ${s10k(total)} s (target 120 s: ` +
            `${((1000 * 120 * 2) / 10_000).toFixed(0)} ms per run in all); load ${load0.toFixed(1)} -> ${loadavg()[0].toFixed(1)}\n`,
        );
      } finally {
        rmSync(out, { recursive: true, force: true });
        rmSync(warm, { recursive: true, force: true });
      }
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});
