/**
 * Ensemble benchmarks (`npm run bench`), through the shipped entry point (`node bin/hashsim.js ensemble`, the
 * bundle), each in a fresh process so that its peak memory is its own (worker threads are part of the process:
 * its peak RSS counts the main thread and the workers). Each prints `[bench]` lines:
 * - 10,000 runs of china-2021 with 2 workers: wall time (target <= 120 s), split into runs and summaries;
 * - 1 worker against 2 workers on the same 400 runs, side by side: speed-up (target >= 1.8x);
 * - peak memory of 1,000 against 10,000 runs with 2 workers (target: within 10%).
 * The machine's load average is printed with each figure (the machine is shared).
 * HASHSIM_BENCH_RUNS=N replaces 10,000 (and HASHSIM_BENCH_PAIR_RUNS=N the 400) for a quick look.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';

const SCENARIO = 'scenarios/china-2021.yaml';
const BIG = Number(process.env.HASHSIM_BENCH_RUNS ?? 10_000);
const SMALL = Math.max(1, Math.round(BIG / 10));
const PAIR = Number(process.env.HASHSIM_BENCH_PAIR_RUNS ?? 400);

interface Measure {
  runs: number;
  workers: number;
  wallS: number;
  runsS: number;
  summariesS: number;
  /** CPU time of the process (main thread and workers), s. */
  cpuS: number;
  peakMiB: number;
  load: string;
}

/** Runs `hashsim ensemble` in a child process and reads its closing stderr line. */
function ensemble(runs: number, workers: number): Measure {
  const out = mkdtempSync(join(tmpdir(), 'hashsim-bench-ensemble-'));
  const before = loadavg()[0];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['bin/hashsim.js', 'ensemble', SCENARIO, '--runs', String(runs), '--workers', String(workers), '--out', join(out, 'e'), '--seed', '1'], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    maxBuffer: 64 * 2 ** 20,
  });
  const wallS = (performance.now() - t0) / 1000;
  rmSync(out, { recursive: true, force: true });
  const m = /runs in ([\d.]+) s with \d+ workers? \(([\d.]+) runs\/s; runs ([\d.]+) s, summaries ([\d.]+) s\)[^;]*; CPU ([\d.]+) s; peak memory (\d+) MiB/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`hashsim ensemble failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  return { runs, workers, wallS, runsS: Number(m[3]), summariesS: Number(m[4]), cpuS: Number(m[5]), peakMiB: Number(m[6]), load: `load ${before.toFixed(1)} -> ${loadavg()[0].toFixed(1)}` };
}

const once = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };

/** tinybench calls a bench function more than once (warm-up, then iterations): these measure on the first call only. */
function firstCallOnly(fn: () => void): () => void {
  let called = false;
  return () => {
    if (called) return;
    called = true;
    fn();
  };
}

describe('ensemble of china-2021', () => {
  const lines: string[] = [];
  const print = () => {
    if (lines.length) console.log(`\n${lines.join('\n')}\n`);
    lines.length = 0;
  };

  bench(
    `${BIG} runs with 2 workers, and peak memory against ${SMALL} runs`,
    firstCallOnly(() => {
      const big = ensemble(BIG, 2);
      lines.push(
        `[bench] ensemble china-2021: ${BIG} runs, 2 workers: ${big.wallS.toFixed(1)} s wall (runs ${big.runsS.toFixed(1)} s, summaries ${big.summariesS.toFixed(1)} s, ` +
          `${((big.runsS * 2 * 1000) / BIG).toFixed(1)} ms per run per worker) (target <= 120 s for 10,000); ` +
          `CPU ${big.cpuS.toFixed(0)} s (${((big.cpuS * 1000) / BIG).toFixed(1)} ms per run), i.e. ${(big.cpuS / 2).toFixed(0)} s on 2 free cores; ${big.load}`,
      );
      const small = ensemble(SMALL, 2);
      lines.push(
        `[bench] ensemble peak memory (process + workers): ${SMALL} runs ${small.peakMiB} MiB, ${BIG} runs ${big.peakMiB} MiB, ` +
          `ratio ${(big.peakMiB / small.peakMiB).toFixed(3)} (target within 10%); ${small.load}`,
      );
    }),
    { ...once, teardown: print },
  );

  bench(
    `1 worker against 2 workers, ${PAIR} runs`,
    firstCallOnly(() => {
      const one = ensemble(PAIR, 1);
      const two = ensemble(PAIR, 2);
      lines.push(
        `[bench] ensemble ${PAIR} runs: 1 worker ${one.runsS.toFixed(1)} s, 2 workers ${two.runsS.toFixed(1)} s (runs only), ` +
          `speed-up ${(one.runsS / two.runsS).toFixed(2)}x (target >= 1.8x); wall ${one.wallS.toFixed(1)} s and ${two.wallS.toFixed(1)} s, ` +
          `speed-up ${(one.wallS / two.wallS).toFixed(2)}x; CPU ${one.cpuS.toFixed(1)} s and ${two.cpuS.toFixed(1)} s; ${one.load}, ${two.load}`,
      );
    }),
    { ...once, teardown: print },
  );
});
