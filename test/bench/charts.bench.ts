/**
 * What charts cost (`npm run bench`), side by side in one run:
 * - in process, after module load: the chart specs and report.html of a china-2021 run (what `run` adds before it
 *   ends), and the seven charts' SVG and PNG (what `--charts wait`, or the background process, adds);
 * - as a user runs it, each a fresh process timed from spawn to exit: `node bin/hashsim.js run china-2021` with
 *   `--charts none`, as is (specs and report, images in the background: each round waits for that process to
 *   end before the next), and `--charts wait`; the commands take turns in every round. Wall and CPU times
 *   (children's user + system, from /proc) are printed, with the differences to `--charts none`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { chartSet } from '../../src/report/charts/writeCharts.ts';
import { renderOutputs } from '../../src/report/index.ts';
import { runScenario } from '../../src/run/index.ts';
import { loadScenario } from '../../src/scenario/index.ts';

const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/** Waits until no process mentions `dir` on its command line (the background drawing). */
function waitForBackground(dir: string): void {
  const deadline = Date.now() + 120_000;
  const busy = () =>
    readdirSync('/proc').some((pid) => {
      if (!/^\d+$/.test(pid) || Number(pid) === process.pid) return false;
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
      } catch {
        return false;
      }
    });
  while (busy() && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
}

describe('charts in process (china-2021, after module load)', () => {
  const resolved = loadScenario('scenarios/china-2021.yaml');
  const outputs = renderOutputs(runScenario(resolved, 1).trajectory, resolved);
  const times: Record<string, number[]> = { specs: [], images: [] };
  let teardowns = 0;
  const report = () => {
    if (++teardowns % 2 === 1) return; // tinybench tears down after the warm-up and after the runs
    if (times.specs.length && times.images.length) {
      console.log(
        `\n[bench] charts in process: specs + report.html median ${median(times.specs).toFixed(0)} ms; ` +
          `+ SVG and PNG of the 7 charts median ${median(times.images).toFixed(0)} ms (${times.images.length} runs, warm)\n`,
      );
    }
  };
  bench(
    'specs + report.html',
    async () => {
      const t0 = performance.now();
      await chartSet('x', outputs, { images: false });
      times.specs.push(performance.now() - t0);
    },
    { iterations: 10, time: 0, warmupIterations: 1, teardown: () => undefined },
  );
  bench(
    'specs + SVG + PNG + report.html',
    async () => {
      const t0 = performance.now();
      await chartSet('x', outputs);
      times.images.push(performance.now() - t0);
    },
    { iterations: 5, time: 0, warmupIterations: 1, teardown: report },
  );
});

describe('hashsim run, fresh processes', () => {
  const modes = ['none', 'background', 'wait'] as const;
  const wall: Record<string, number[]> = { none: [], background: [], wait: [] };
  const cpu: Record<string, number[]> = { none: [], background: [], wait: [] };
  let done = false;
  bench(
    'run china-2021 --charts none | background | wait',
    () => {
      if (done) return; // tinybench may call a benchmark more than once: the rounds are all in the first call
      done = true;
      for (let round = 0; round < ROUNDS; round++) {
        for (const mode of modes) {
          const out = mkdtempSync(join(tmpdir(), `hashsim-bench-charts-${mode}-`));
          const c0 = childrenCpuMs();
          const t0 = performance.now();
          const r = spawnSync(process.execPath, ['bin/hashsim.js', 'run', 'scenarios/china-2021.yaml', '--quiet', '--out', out, '--charts', mode], {
            encoding: 'utf8',
            env: { ...process.env, CI: 'true', HASHSIM_SKIP_STALE_CHECK: '1' },
          });
          wall[mode].push(performance.now() - t0);
          cpu[mode].push(childrenCpuMs() - c0);
          if (r.status !== 0) throw new Error(`run --charts ${mode} exited ${r.status}: ${r.stderr}`);
          if (mode === 'background') {
            waitForBackground(out);
            if (!existsSync(join(out, 'charts', 'network.png'))) throw new Error('the background drawing left no network.png');
          }
        }
      }
      const line = (m: string) => `${m} ${median(wall[m]).toFixed(0)} ms wall / ${median(cpu[m]).toFixed(0)} ms CPU`;
      const added = (m: string) => `+${(median(wall[m]) - median(wall.none)).toFixed(0)} ms wall`;
      console.log(
        `\n[bench] run china-2021, median of ${ROUNDS} fresh processes: ${line('none')}; ${line('background')} (${added('background')}); ` +
          `${line('wait')} (${added('wait')})\n`,
      );
    },
    { iterations: 1, time: 0, warmupIterations: 0 },
  );
});
