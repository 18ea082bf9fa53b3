/**
 * One scenario's simulation side by side with another checkout (`npm run bench`; skipped without
 * BASELINE_ROOT): `BASELINE_ROOT=/path/to/checkout npx vitest bench --run test/bench/scenarioSideBySide.bench.ts`
 * bundles the run API of both checkouts (bundledModel.ts), draws the same seeds' plans of
 * HASHSIM_BENCH_SCENARIO (default this checkout's scenarios/china-2021.yaml; the baseline must be able to read
 * it, e.g. a checkout where only src/model differs) with HASHSIM_BENCH_AGENTS agents if set, and simulates them
 * in turns, run by run (the two alternate which goes first), so a busy machine slows both alike. Prints the CPU
 * milliseconds per run of each (best, mean and median of the rounds) and their ratios. HASHSIM_BENCH_ROUNDS
 * rounds (default 16) of HASHSIM_BENCH_SEEDS seeds (default 10), after one round of warm-up.
 */
import { resolve } from 'node:path';
import { bench, describe } from 'vitest';
import { bundledRunApi, type BundledRunApi } from './bundledModel.ts';

const baselineRoot = process.env.BASELINE_ROOT;
const scenarioFile = resolve(process.env.HASHSIM_BENCH_SCENARIO ?? 'scenarios/china-2021.yaml');
const agents = process.env.HASHSIM_BENCH_AGENTS;
const rounds = Number(process.env.HASHSIM_BENCH_ROUNDS ?? 16);
const seeds = Number(process.env.HASHSIM_BENCH_SEEDS ?? 10);

/** Best, mean and median of a list of numbers. */
function stats(xs: number[]): { best: number; mean: number; median: number } {
  const sorted = [...xs].sort((a, b) => a - b);
  return { best: sorted[0], mean: xs.reduce((a, b) => a + b, 0) / xs.length, median: sorted[sorted.length >> 1] };
}

describe.skipIf(!baselineRoot)('a scenario side by side with BASELINE_ROOT', async () => {
  const models: Record<'baseline' | 'current', BundledRunApi> | undefined = baselineRoot
    ? { baseline: await bundledRunApi(baselineRoot.endsWith('/') ? baselineRoot : `${baselineRoot}/`), current: await bundledRunApi() }
    : undefined;
  let measuredOnce = false;
  bench(
    'CPU ms per run of this checkout and the baseline, in turns',
    () => {
      if (!models || measuredOnce) return; // tinybench may call a bench function more than once: measure on the first call only
      measuredOnce = true;
      const overrides = agents ? [`agents.count=${agents}`] : [];
      const names = ['current', 'baseline'] as const;
      const plans = Object.fromEntries(names.map((name) => {
        const m = models[name];
        const template = m.prepareRuns(m.loadScenario(scenarioFile), overrides);
        return [name, Array.from({ length: seeds }, (_, s) => m.drawPlan(template, s + 1))];
      })) as Record<(typeof names)[number], ReturnType<BundledRunApi['drawPlan']>[]>;
      const perRound: Record<string, number[]> = { current: [], baseline: [] };
      for (let round = 0; round <= rounds; round++) {
        const ms: Record<string, number> = { current: 0, baseline: 0 };
        for (let s = 0; s < seeds; s++) {
          for (const name of (s + round) % 2 === 0 ? names : [...names].reverse()) {
            const c0 = process.cpuUsage();
            models[name].simulate(plans[name][s]);
            const c = process.cpuUsage(c0);
            ms[name] += (c.user + c.system) / 1000;
          }
        }
        if (round === 0) continue; // warm-up
        for (const name of names) perRound[name].push(ms[name] / seeds);
      }
      const cur = stats(perRound.current);
      const base = stats(perRound.baseline);
      const f = (x: number) => x.toFixed(1);
      console.log(`\n[bench] ${scenarioFile}${agents ? ` with ${agents} agents` : ''}, ${rounds} rounds of ${seeds} runs in turns, CPU ms per run: ` +
        `this checkout ${f(cur.best)} best, ${f(cur.mean)} mean, ${f(cur.median)} median; baseline ${f(base.best)} best, ${f(base.mean)} mean, ` +
        `${f(base.median)} median; speed this / baseline ${(base.best / cur.best).toFixed(2)} at best, ${(base.mean / cur.mean).toFixed(2)} at mean, ` +
        `${(base.median / cur.median).toFixed(2)} at median\n`);
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});
