/**
 * Ensemble benchmarks (`npm run bench`), through the shipped entry point (`node bin/hashsim.js ensemble`, the
 * bundle), each in a fresh process so that its peak memory is its own (worker threads are part of the process:
 * its peak RSS counts the main thread and the workers). Each prints `[bench]` lines:
 * - 10,000 runs of china-2021 with 2 workers: wall time (target <= 120 s), split into runs and summaries;
 * - peak memory of 1,000 against 10,000 runs with 2 workers (target: within 10%);
 * - 1 worker against 2 workers on the same 400 runs (target >= 1.8x), in alternating rounds (the machine's speed
 *   swings by a third from minute to minute), with two references measured in the same rounds:
 *   - 1 worker confined to one core (`taskset -c 0`): a 1-worker process also uses the idle second core for V8's
 *     garbage collector and compiler threads and its main thread, so "1 worker" is more than one core;
 *   - two independent 1-worker processes at once, 200 runs each: what this machine's two cores give this
 *     workload with nothing shared (no threads, no pool), the reference a worker pool is judged against.
 * The machine's load average is printed with each figure (the machine is shared).
 * HASHSIM_BENCH_RUNS=N replaces 10,000, HASHSIM_BENCH_PAIR_RUNS=N the 400 and HASHSIM_BENCH_ROUNDS=N the 3 rounds.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';

const SCENARIO = 'scenarios/china-2021.yaml';
const BIG = Number(process.env.HASHSIM_BENCH_RUNS ?? 10_000);
const SMALL = Math.max(1, Math.round(BIG / 10));
const PAIR = Number(process.env.HASHSIM_BENCH_PAIR_RUNS ?? 400);
const ROUNDS = Number(process.env.HASHSIM_BENCH_ROUNDS ?? 3);

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

/** The command line of `hashsim ensemble` writing into `out` (prefixed by `taskset -c <cpus>` when `cpus` is given). */
function ensembleCommand(runs: number, workers: number, out: string, seed: number, cpus?: string): [string, string[]] {
  const args = ['bin/hashsim.js', 'ensemble', SCENARIO, '--runs', String(runs), '--workers', String(workers), '--out', join(out, 'e'), '--seed', String(seed)];
  return cpus === undefined ? [process.execPath, args] : ['taskset', ['-c', cpus, process.execPath, ...args]];
}

/** Reads the figures of `hashsim ensemble`'s closing stderr line. */
function measure(runs: number, workers: number, status: number | null, stderr: string, wallS: number, load: string): Measure {
  const m = /runs in ([\d.]+) s with \d+ workers? \(([\d.]+) runs\/s; runs ([\d.]+) s, summaries ([\d.]+) s\)[^;]*; CPU ([\d.]+) s; peak memory (\d+) MiB/.exec(stderr);
  if (status !== 0 || !m) throw new Error(`hashsim ensemble failed (exit ${status}): ${stderr.slice(-2000)}`);
  return { runs, workers, wallS, runsS: Number(m[3]), summariesS: Number(m[4]), cpuS: Number(m[5]), peakMiB: Number(m[6]), load };
}

/** Runs `hashsim ensemble` in a child process and reads its closing stderr line. */
function ensemble(runs: number, workers: number, cpus?: string): Measure {
  const out = mkdtempSync(join(tmpdir(), 'hashsim-bench-ensemble-'));
  const before = loadavg()[0];
  const t0 = performance.now();
  const [command, args] = ensembleCommand(runs, workers, out, 1, cpus);
  const r = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 2 ** 20 });
  const wallS = (performance.now() - t0) / 1000;
  rmSync(out, { recursive: true, force: true });
  return measure(runs, workers, r.status, r.stderr ?? String(r.error), wallS, `load ${before.toFixed(1)} -> ${loadavg()[0].toFixed(1)}`);
}

/** Like `ensemble` with 1 worker, without waiting: for two independent processes at once. */
function ensembleAsync(runs: number, seed: number): Promise<Measure> {
  const out = mkdtempSync(join(tmpdir(), 'hashsim-bench-ensemble-'));
  const t0 = performance.now();
  const [command, args] = ensembleCommand(runs, 1, out, seed);
  const child = spawn(command, args, { env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve, reject) => {
    child.on('close', (status) => {
      rmSync(out, { recursive: true, force: true });
      try {
        resolve(measure(runs, 1, status, stderr, (performance.now() - t0) / 1000, ''));
      } catch (e) {
        reject(e);
      }
    });
  });
}

/** Whether `taskset` (util-linux) is here to confine a process to one core. */
const HAS_TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** Median of a non-empty list. */
function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const k = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[k] : (v[k - 1] + v[k]) / 2;
}

const once = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };

/** tinybench calls a bench function more than once (warm-up, then iterations): these measure on the first call only. */
function firstCallOnly(fn: () => void | Promise<void>): () => void | Promise<void> {
  let called = false;
  return () => {
    if (called) return;
    called = true;
    return fn();
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
    `1 worker against 2 workers, ${PAIR} runs, ${ROUNDS} alternating rounds`,
    firstCallOnly(async () => {
      const speedUps: number[] = [];
      const pinnedSpeedUps: number[] = [];
      const machineSpeedUps: number[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const one = ensemble(PAIR, 1);
        const two = ensemble(PAIR, 2);
        const pinned = HAS_TASKSET ? ensemble(PAIR, 1, '0') : undefined;
        const half = Math.ceil(PAIR / 2);
        const apart = await Promise.all([ensembleAsync(half, 1), ensembleAsync(PAIR - half, 2)]);
        const apartRunsS = Math.max(apart[0].runsS, apart[1].runsS);
        speedUps.push(one.runsS / two.runsS);
        if (pinned) pinnedSpeedUps.push(pinned.runsS / two.runsS);
        machineSpeedUps.push(one.runsS / apartRunsS);
        lines.push(
          `[bench] ensemble ${PAIR} runs, round ${round}: 1 worker ${one.runsS.toFixed(1)} s, 2 workers ${two.runsS.toFixed(1)} s (runs only), ` +
            `speed-up ${(one.runsS / two.runsS).toFixed(2)}x; wall ${one.wallS.toFixed(1)} s and ${two.wallS.toFixed(1)} s (${(one.wallS / two.wallS).toFixed(2)}x); ` +
            `CPU ${one.cpuS.toFixed(1)} s and ${two.cpuS.toFixed(1)} s; ` +
            (pinned ? `1 worker on one core ${pinned.runsS.toFixed(1)} s (${(pinned.runsS / two.runsS).toFixed(2)}x); ` : 'taskset missing: no one-core figure; ') +
            `two 1-worker processes at once, ${half} runs each: ${apartRunsS.toFixed(1)} s (${(one.runsS / apartRunsS).toFixed(2)}x); ${one.load}, ${two.load}`,
        );
      }
      lines.push(
        `[bench] ensemble ${PAIR} runs, median of ${ROUNDS} rounds: 2 workers against 1 worker ${median(speedUps).toFixed(2)}x (target >= 1.8x); ` +
          (pinnedSpeedUps.length ? `against 1 worker on one core ${median(pinnedSpeedUps).toFixed(2)}x; ` : '') +
          `two independent 1-worker processes against one (nothing shared: this machine's reference) ${median(machineSpeedUps).toFixed(2)}x`,
      );
    }),
    { ...once, teardown: print },
  );
});
