/**
 * Start-up, side by side in one run: the previous entry point (`tsx src/cli/main.ts`, the sources through tsx's
 * loader) against the shipped one (`node bin/hashsim.js`, the bundle of bin/build/), each a fresh process timed
 * from spawn to exit, for `run scenarios/china-2021.yaml --out <tmp> --quiet` (with `--charts none`: the outputs
 * only, as `run` was when the target was set; and as is: plus the chart specs and report.html, the SVG and PNG
 * being drawn by a background process, which each round waits for before the next) and `--help`. The commands
 * take turns in every round (so a busy moment of a shared machine hits all of them alike) and `node -e 0` is
 * timed too, as the floor. Prints the median wall times, the ratios, and whether the targets are met through the
 * shipped entry point (run < 0.8 s, --help < 0.3 s). The global setup has built bin/build/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { bundleState } from '../../src/build/bundle.ts';

const ROUNDS = 5;
const TSX = ['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts'];
const SHIPPED = ['bin/hashsim.js'];
const RUN = ['run', 'scenarios/china-2021.yaml', '--quiet'];

/** Wall milliseconds of `node <args>`, which must exit 0. */
function timed(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, CI: 'true', HASHSIM_SKIP_STALE_CHECK: '1' } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
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
  const times: Record<string, number[]> = { 'run tsx': [], 'run shipped': [], 'help tsx': [], 'help shipped': [], 'charts tsx': [], 'charts shipped': [], node: [] };
  const outTsx = mkdtempSync(join(tmpdir(), 'hashsim-startup-tsx-'));
  const outShipped = mkdtempSync(join(tmpdir(), 'hashsim-startup-shipped-'));
  const chartsTsx = mkdtempSync(join(tmpdir(), 'hashsim-startup-charts-tsx-'));
  const chartsShipped = mkdtempSync(join(tmpdir(), 'hashsim-startup-charts-shipped-'));
  let teardowns = 0;
  bench(
    'one round: run (without and with charts) and --help, each entry point, plus node -e 0',
    () => {
      times['run tsx'].push(timed([...TSX, ...RUN, '--charts', 'none', '--out', outTsx]));
      times['run shipped'].push(timed([...SHIPPED, ...RUN, '--charts', 'none', '--out', outShipped]));
      times['help tsx'].push(timed([...TSX, '--help']));
      times['help shipped'].push(timed([...SHIPPED, '--help']));
      times.node.push(timed(['-e', '0']));
      times['charts tsx'].push(timed([...TSX, ...RUN, '--out', chartsTsx]));
      waitForBackground([chartsTsx]);
      times['charts shipped'].push(timed([...SHIPPED, ...RUN, '--out', chartsShipped]));
      waitForBackground([chartsShipped]);
    },
    {
      iterations: ROUNDS,
      time: 0,
      warmupIterations: 1,
      // tinybench calls teardown after the warm-up and after the measured rounds: print only the latter.
      teardown: () => {
        if (++teardowns === 1) {
          for (const k of Object.keys(times)) times[k].length = 0;
          return;
        }
        const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
        const same = JSON.stringify(filesOf(outTsx)) === JSON.stringify(filesOf(outShipped)) && JSON.stringify(filesOf(chartsTsx)) === JSON.stringify(filesOf(chartsShipped));
        const line = (what: string, target: number) =>
          `[bench] start-up ${what}: tsx src/cli/main.ts ${sec(m[`${what} tsx`])}, node bin/hashsim.js ${sec(m[`${what} shipped`])} ` +
          `(${(m[`${what} tsx`] / m[`${what} shipped`]).toFixed(1)}x faster; target < ${target} s: ${m[`${what} shipped`] < target * 1000 ? 'met' : 'MISSED'})`;
        console.log(
          `\n${line('run', 0.8).replace('start-up run', 'start-up run china-2021 --charts none')}\n` +
            `${line('charts', 0.8).replace('start-up charts', 'start-up run china-2021 (charts in the background)')}\n` +
            `${line('help', 0.3).replace('start-up help', 'start-up --help')}\n` +
            `[bench] start-up floor: node -e 0 ${sec(m.node)}; medians of ${times.node.length} rounds; outputs of both entry points identical: ${same ? 'yes' : 'NO'}\n`,
        );
      },
    },
  );
});
