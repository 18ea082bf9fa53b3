/**
 * Start-up, side by side in one run: the previous entry point (`tsx src/cli/main.ts`, the sources through tsx's
 * loader) against the shipped one (`node bin/hashsim.js`, the bundle of bin/build/), each a fresh process timed
 * from spawn to exit, for `run scenarios/china-2021.yaml --out <tmp> --quiet` (with `--charts none`: the outputs
 * only, as `run` was when the target was set; and as is: plus the chart specs and report.html, the SVG and PNG
 * being drawn by a background process, which each round waits for before the next) and `--help`. The commands
 * take turns in every round (so a busy moment of a shared machine hits all of them alike) and `node -e 0` is
 * timed too, as the floor. Prints the median wall times, the ratios, and whether the targets are met through the
 * shipped entry point (run < 0.8 s, --help < 0.3 s). The global setup has built bin/build/.
 * HASHSIM_BENCH_BEFORE=<folder of an older checkout, built> also times that checkout's `node bin/hashsim.js` in
 * the same rounds (e.g. `git archive <commit> | tar -x -C /tmp/before && ln -s $PWD/node_modules /tmp/before/ &&
 * (cd /tmp/before && npm run build)`), and prints its medians against today's: before/after on the same load.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { bundleState } from '../../src/build/bundle.ts';

const ROUNDS = 5;
const TSX = ['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts'];
const SHIPPED = ['bin/hashsim.js'];
const RUN = ['run', 'scenarios/china-2021.yaml', '--quiet'];
const BEFORE = process.env.HASHSIM_BENCH_BEFORE ? [join(process.env.HASHSIM_BENCH_BEFORE, 'bin', 'hashsim.js')] : undefined;

/**
 * CPU milliseconds (user + system) used so far by this process's finished children, from /proc/self/stat
 * (cutime + cstime, in clock ticks of 10 ms); undefined where there is no /proc. On a shared, busy machine CPU
 * time varies much less than wall time, so it is printed too.
 */
function childrenCpuMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/** Wall and CPU milliseconds of `node <args>`, which must exit 0. */
function timed(args: string[]): { wall: number; cpu?: number } {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, CI: 'true', HASHSIM_SKIP_STALE_CHECK: '1' } });
  const wall = performance.now() - t0;
  const cpu1 = childrenCpuMs();
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wall, cpu: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
/** Waits (up to two minutes) until no process started for `dirs` is left (the background chart drawing). */
function waitForBackground(dirs: string[]): void {
  const deadline = Date.now() + 120_000;
  const busy = () =>
    existsSync('/proc') &&
    readdirSync('/proc').some((pid) => {
      if (!/^\d+$/.test(pid) || Number(pid) === process.pid) return false;
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return dirs.some((d) => cmd.includes(d));
      } catch {
        return false;
      }
    });
  while (busy() && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
}

const filesOf = (dir: string) => Object.fromEntries(readdirSync(dir).filter((f) => /\.(csv|jsonl|json)$/.test(f)).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('start-up: tsx src/cli/main.ts vs node bin/hashsim.js', () => {
  if (bundleState() === 'missing') throw new Error('bin/build/ is missing: run npm run build');
  const kinds = ['run tsx', 'run shipped', 'help tsx', 'help shipped', 'charts tsx', 'charts shipped', 'node', 'run before', 'help before', 'charts before'];
  const cpu: Record<string, number[]> = Object.fromEntries(kinds.map((k) => [k, []]));
  const times: Record<string, number[]> = Object.fromEntries(kinds.map((k) => [k, []]));
  const chartsBefore = mkdtempSync(join(tmpdir(), 'hashsim-startup-charts-before-'));
  const outBefore = mkdtempSync(join(tmpdir(), 'hashsim-startup-before-'));
  const outTsx = mkdtempSync(join(tmpdir(), 'hashsim-startup-tsx-'));
  const outShipped = mkdtempSync(join(tmpdir(), 'hashsim-startup-shipped-'));
  const chartsTsx = mkdtempSync(join(tmpdir(), 'hashsim-startup-charts-tsx-'));
  const chartsShipped = mkdtempSync(join(tmpdir(), 'hashsim-startup-charts-shipped-'));
  let teardowns = 0;
  const record = (what: string, args: string[]) => {
    const t = timed(args);
    times[what].push(t.wall);
    if (t.cpu !== undefined) cpu[what].push(t.cpu);
  };
  bench(
    'one round: run (without and with charts) and --help, each entry point, plus node -e 0',
    () => {
      record('run tsx', [...TSX, ...RUN, '--charts', 'none', '--out', outTsx]);
      record('run shipped', [...SHIPPED, ...RUN, '--charts', 'none', '--out', outShipped]);
      record('help tsx', [...TSX, '--help']);
      record('help shipped', [...SHIPPED, '--help']);
      record('node', ['-e', '0']);
      record('charts tsx', [...TSX, ...RUN, '--out', chartsTsx]);
      waitForBackground([chartsTsx]);
      record('charts shipped', [...SHIPPED, ...RUN, '--out', chartsShipped]);
      waitForBackground([chartsShipped]);
      if (BEFORE) {
        record('run before', [...BEFORE, ...RUN, '--charts', 'none', '--out', outBefore]);
        record('help before', [...BEFORE, '--help']);
        record('charts before', [...BEFORE, ...RUN, '--out', chartsBefore]);
        waitForBackground([chartsBefore]);
      }
    },
    {
      iterations: ROUNDS,
      time: 0,
      warmupIterations: 1,
      // tinybench calls teardown after the warm-up and after the measured rounds: print only the latter.
      teardown: () => {
        if (++teardowns === 1) {
          for (const k of Object.keys(times)) times[k].length = cpu[k].length = 0;
          return;
        }
        const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
        const c = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v.length ? median(v) : NaN]));
        const cpuText = (what: string) => (Number.isNaN(c[`${what} shipped`]) ? '' : `; CPU ${sec(c[`${what} tsx`])} vs ${sec(c[`${what} shipped`])}`);
        const same = JSON.stringify(filesOf(outTsx)) === JSON.stringify(filesOf(outShipped)) && JSON.stringify(filesOf(chartsTsx)) === JSON.stringify(filesOf(chartsShipped));
        const line = (what: string, target: number) =>
          `[bench] start-up ${what}: tsx src/cli/main.ts ${sec(m[`${what} tsx`])}, node bin/hashsim.js ${sec(m[`${what} shipped`])} ` +
          `(${(m[`${what} tsx`] / m[`${what} shipped`]).toFixed(1)}x faster; target < ${target} s: ${m[`${what} shipped`] < target * 1000 ? 'met' : 'MISSED'}${cpuText(what)})`;
        console.log(
          `\n${line('run', 0.8).replace('start-up run', 'start-up run china-2021 --charts none')}\n` +
            `${line('charts', 0.8).replace('start-up charts', 'start-up run china-2021 (charts in the background)')}\n` +
            `${line('help', 0.3).replace('start-up help', 'start-up --help')}\n` +
            `[bench] start-up floor: node -e 0 ${sec(m.node)}${Number.isNaN(c.node) ? '' : ` (CPU ${sec(c.node)})`}; medians of ${times.node.length} rounds; outputs of both entry points identical: ${same ? 'yes' : 'NO'}; ` +
            `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`,
        );
        if (BEFORE) {
          const vs = (what: string, label: string) =>
            `${label} ${sec(m[`${what} before`])} -> ${sec(m[`${what} shipped`])} (${(m[`${what} before`] / m[`${what} shipped`]).toFixed(2)}x; CPU ${sec(c[`${what} before`])} -> ${sec(c[`${what} shipped`])})`;
          const sameBefore = JSON.stringify(filesOf(outBefore)) === JSON.stringify(filesOf(outShipped));
          console.log(
            `[bench] start-up before/after (node bin/hashsim.js of ${process.env.HASHSIM_BENCH_BEFORE} -> this checkout, same rounds; outputs identical: ${sameBefore ? 'yes' : 'NO'}): ` +
              `${vs('run', 'run --charts none')}; ${vs('charts', 'run (charts in the background)')}; ${vs('help', '--help')}\n`,
          );
        }
      },
    },
  );
});
