/**
 * Benchmarks (`npm run bench`): agent-months per second of a synthetic 100,000-agent, 120-month run, and
 * the time and peak memory of a 1,000,000-agent, 120-month run. Each prints one summary line. They run the
 * model as built (bundledModel.ts), not through vitest's module transform. (china-2021's own timing is in
 * scenario.bench.ts.)
 */
import { bench, describe } from 'vitest';
import { bundledModel } from './bundledModel.ts';

const { simulateWorld, makePlan } = await bundledModel();

/** Agent-months processed by a run: the agent count summed over its months (new supply adds agents). */
function agentMonths(agentsPerMonth: Float64Array): number {
  let sum = 0;
  for (const n of agentsPerMonth) sum += n;
  return sum;
}

describe('synthetic 100,000 agents x 120 months', () => {
  const plan = makePlan({ agents: 100_000, months: 120, supplyEhsPerMonth: 1 });
  let totalMs = 0;
  let totalAgentMonths = 0;
  let runs = 0;
  let teardowns = 0;
  bench(
    'simulate',
    () => {
      const t0 = performance.now();
      const world = simulateWorld({ ...plan, seed: runs + 1 });
      totalMs += performance.now() - t0;
      totalAgentMonths += agentMonths(world.trajectory.network.agents);
      runs++;
    },
    {
      iterations: 5,
      time: 0,
      warmupIterations: 1,
      // tinybench calls teardown after the warm-up and after the measured runs: print only the latter.
      teardown: () => {
        if (runs === 0 || ++teardowns === 1) {
          totalMs = totalAgentMonths = runs = 0;
          return;
        }
        const rate = totalAgentMonths / (totalMs / 1000);
        console.log(`\n[bench] synthetic: ${runs} runs, ${(totalAgentMonths / runs / 1e6).toFixed(1)} M agent-months per run, ` +
          `${(totalMs / runs).toFixed(0)} ms per run, ${(rate / 1e6).toFixed(1)} M agent-months per second (one core)\n`);
        totalMs = totalAgentMonths = runs = 0;
      },
    },
  );
});

describe('1,000,000 agents x 120 months (memory)', () => {
  let line = '';
  bench(
    'simulate',
    () => {
      const plan = makePlan({ agents: 1_000_000, months: 120, supplyEhsPerMonth: 1 });
      const t0 = performance.now();
      const world = simulateWorld({ ...plan, seed: 1 });
      const ms = performance.now() - t0;
      const mem = process.memoryUsage();
      const peakMiB = process.resourceUsage().maxRSS / 1024;
      line = `[bench] 1M agents x 120 months: ${world.agents.count} agents at the end (new supply adds agents), ` +
        `${(ms / 1000).toFixed(1)} s, peak RSS of the process ${peakMiB.toFixed(0)} MiB, ` +
        `typed arrays ${(mem.arrayBuffers / 2 ** 20).toFixed(0)} MiB, JS heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`;
    },
    { iterations: 1, time: 0, warmupIterations: 0, teardown: () => { if (line) console.log(`\n${line}\n`); line = ''; } },
  );
});

/**
 * Side by side with another checkout (issue 9: "within 25% of main before this first change"):
 * `BASELINE_ROOT=/path/to/checkout npx vitest bench --run test/bench/simulate.bench.ts` bundles that checkout's
 * model too and runs the two on the same synthetic plan in turns (30,000 agents x 60 months, 12 rounds); it
 * prints the best and mean agent-months per second of each and their ratio. Skipped without BASELINE_ROOT.
 */
const baselineRoot = process.env.BASELINE_ROOT;
describe.skipIf(!baselineRoot)('side by side with BASELINE_ROOT', async () => {
  const baseline = baselineRoot ? await bundledModel(baselineRoot.endsWith('/') ? baselineRoot : `${baselineRoot}/`) : undefined;
  bench(
    'synthetic 30,000 agents x 60 months, this checkout and the baseline in turns',
    () => {
      if (!baseline) return;
      const models = { baseline, current: { simulateWorld, makePlan } };
      const best: Record<string, number> = {};
      const sum: Record<string, number> = {};
      const am: Record<string, number> = {};
      for (let round = 0; round < 13; round++) {
        for (const [name, m] of Object.entries(models)) {
          const plan = m.makePlan({ agents: 30_000, months: 60, supplyEhsPerMonth: 1 });
          const t0 = performance.now();
          const world = m.simulateWorld({ ...plan, seed: round + 1 });
          const ms = performance.now() - t0;
          if (round === 0) continue; // warm-up
          am[name] = agentMonths(world.trajectory.network.agents);
          best[name] = Math.min(best[name] ?? Infinity, ms);
          sum[name] = (sum[name] ?? 0) + ms;
        }
      }
      const rate = (name: string, ms: number) => am[name] / (ms / 1000) / 1e6;
      console.log(`\n[bench] side by side (12 rounds): baseline ${rate('baseline', best.baseline).toFixed(2)} M agent-months/s at best, ` +
        `${rate('baseline', sum.baseline / 12).toFixed(2)} mean; this checkout ${rate('current', best.current).toFixed(2)} at best, ` +
        `${rate('current', sum.current / 12).toFixed(2)} mean; ratio this / baseline ${(rate('current', best.current) / rate('baseline', best.baseline)).toFixed(2)} at best, ` +
        `${(rate('current', sum.current / 12) / rate('baseline', sum.baseline / 12)).toFixed(2)} at mean\n`);
    },
    { iterations: 1, time: 0, warmupIterations: 0 },
  );
});
