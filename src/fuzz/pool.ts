/**
 * A pool of fuzz workers (child processes running worker.ts through tsx): hands out case numbers, gives each
 * case a time limit (a worker over it is killed: the case is a `hang`), and replaces a worker that dies (an
 * out-of-memory kill is a `crash`). Results come back in case order.
 *
 * The limit is on the CPU time the worker spends on the case (read from /proc, where there is one), so that a
 * machine shared with other work does not turn slow cases into hangs; the wall time is capped at ten times
 * the limit all the same.
 */
import { execFileSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CaseResult } from './runCase.ts';
import type { WorkRequest } from './worker.ts';

/** What the pool reports for each case: the result and the notes of the case (what was mutated). */
export interface PoolResult {
  index: number;
  result: CaseResult;
  notes: string[];
}

/** Options of `runPool`. */
export interface PoolOptions {
  seed: number;
  /** Case numbers to run. */
  indexes: number[];
  /** Worker processes. */
  jobs: number;
  /** Time limit of a case's in-process part, ms (the command-line checks get three times as much). */
  timeoutMs: number;
  /** Run the command-line checks on every n-th case (0: never). */
  cliEvery: number;
  /** Called with each result as it arrives (any order). */
  onResult?: (r: PoolResult) => void;
}

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** Runs the cases and resolves with their results, in case order. */
export function runPool(o: PoolOptions): Promise<PoolResult[]> {
  return new Promise((resolve) => {
    const queue = [...o.indexes];
    const results: PoolResult[] = [];
    let running = 0;

    const start = () => {
      const child = fork(WORKER, [], {
        execArgv: ['--import', 'tsx', '--max-old-space-size=4096'],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let current: WorkRequest | undefined;
      let timer: NodeJS.Timeout | undefined;
      let cpuAtStart = 0;
      let wallAtStart = 0;
      let stderr = '';
      child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-2000)));
      running++;

      const finish = (r: PoolResult) => {
        clearInterval(timer);
        results.push(r);
        o.onResult?.(r);
        current = undefined;
      };
      const next = () => {
        const index = queue.shift();
        if (index === undefined) {
          child.kill();
          return;
        }
        current = { seed: o.seed, index, cli: o.cliEvery > 0 && index % o.cliEvery === 0 };
        cpuAtStart = cpuMs(child.pid);
        wallAtStart = Date.now();
        timer = setInterval(() => {
          const lost = current!;
          const cpu = cpuMs(child.pid) - cpuAtStart;
          const wall = Date.now() - wallAtStart;
          if (cpu <= limit(lost, o) && wall <= 10 * limit(lost, o)) return;
          finish({ index: lost.index, result: failed(o.seed, lost.index, 'hang', `no result after ${(cpu / 1000).toFixed(0)} s of CPU time (${(wall / 1000).toFixed(0)} s)`), notes: [] });
          child.removeAllListeners('exit');
          child.kill('SIGKILL');
          running--;
          start();
        }, 500);
        child.send(current);
      };
      child.on('message', (m: { type: string } & Partial<PoolResult>) => {
        if (m.type === 'ready') next();
        else if (m.type === 'result') {
          finish({ index: m.index!, result: m.result!, notes: m.notes ?? [] });
          next();
        }
      });
      child.on('exit', (code, signal) => {
        running--;
        if (current) {
          const lost = current;
          finish({ index: lost.index, result: failed(o.seed, lost.index, 'crash', `the worker died (exit ${code}, signal ${signal}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`), notes: [] });
          start();
        } else if (running === 0 && queue.length === 0) resolve(results.sort((a, b) => a.index - b.index));
        else if (queue.length > 0) start();
      });
    };
    for (let k = 0; k < Math.max(1, Math.min(o.jobs, o.indexes.length)); k++) start();
    if (o.indexes.length === 0) resolve([]);
  });
}

let ticksPerSecond: number | undefined;

/** CPU time (user + system) a process has used, ms; its wall-clock age where /proc cannot tell. */
function cpuMs(pid: number | undefined): number {
  try {
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return Date.now();
  }
}

function limit(request: WorkRequest, o: PoolOptions): number {
  return request.cli ? o.timeoutMs * 3 : o.timeoutMs;
}

function failed(seed: number, index: number, kind: 'hang' | 'crash', detail: string): CaseResult {
  return { id: `${seed}:${index}`, validate: 'crash', run: 'crash', findings: [{ kind, detail }], ms: 0 };
}
