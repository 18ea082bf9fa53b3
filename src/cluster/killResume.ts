/**
 * The kill-and-resume experiment: runs a job once uninterrupted (the reference), then, trial after trial,
 * starts the same command in a fresh folder, kills it with SIGKILL (its whole process group: the command and
 * its worker threads) after a seeded random delay, one to three times, runs it once more to the end, and
 * compares every CSV (summaries, runs.csv, points.csv, points/) with the reference byte for byte.
 *
 *   npx tsx src/cluster/killResume.ts [--trials 10] [--seed 1] [--work DIR] [-- HASHSIM ARGS]
 *
 * HASHSIM ARGS is the job without --out (default: sweep scenarios/small.yaml --param
 * behaviour.hideProbability=0.05,0.2,0.4 --runs 40 --seed 4 --workers 2: 120 runs in 15 batches). Prints one
 * line per trial and a last line `[kill-resume] ...`: the kills tried, where they landed (before any run was done,
 * with part of the runs done, or after the runs while the summaries were written) and the resumes identical to the
 * reference. Exit 0 when every resume is identical, 1 otherwise.
 * The delays come from the named stream `kill-resume` of --seed: the same seed gives the same delays (the moment
 * each kill lands also depends on the machine's speed).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { namedStream } from '../engine/streams.ts';
import { doneRuns } from '../ensemble/resume.ts';

const DEFAULT_JOB = ['sweep', 'scenarios/small.yaml', '--param', 'behaviour.hideProbability=0.05,0.2,0.4', '--runs', '40', '--seed', '4', '--workers', '2'];

interface Options {
  trials: number;
  seed: number;
  work?: string;
  job: string[];
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { trials: 10, seed: 1, job: DEFAULT_JOB };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      if (argv.length > i + 1) opts.job = argv.slice(i + 1);
      break;
    }
    const value = argv[i + 1];
    if (a === '--trials' && /^\d+$/.test(value ?? '')) opts.trials = Number(value);
    else if (a === '--seed' && /^\d+$/.test(value ?? '')) opts.seed = Number(value);
    else if (a === '--work' && value) opts.work = value;
    else {
      process.stderr.write(`killResume: unknown or bad option ${a} ${value ?? ''}\nusage: npx tsx src/cluster/killResume.ts [--trials N] [--seed S] [--work DIR] [-- HASHSIM ARGS]\n`);
      process.exit(2);
    }
    i++;
  }
  return opts;
}

/** Every CSV and manifest.json under a folder but its runs/ and shard folders, by relative path. */
function csvFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      if (name.name === 'runs' || name.name.startsWith('.') || name.name.startsWith('shard-')) continue;
      const path = join(d, name.name);
      if (name.isDirectory()) walk(path);
      else if (name.name.endsWith('.csv')) out.set(relative(dir, path), readFileSync(path, 'utf8'));
      // The manifest without its gitCommit line: the checkout may get new commits while the experiment runs.
      else if (name.name === 'manifest.json') out.set(relative(dir, path), readFileSync(path, 'utf8').replace(/^ {2}"gitCommit": ".*",\n/m, ''));
    }
  };
  walk(dir);
  return out;
}

/** Runs recorded `ok` in the finished batches of a folder (what a rerun skips). */
async function runsDone(out: string): Promise<number> {
  return existsSync(join(out, 'runs')) ? (await doneRuns(out)).size : 0;
}

/** Starts the job and kills its process group after `delayMs`; resolves with whether it was still running. */
async function killAfter(job: string[], out: string, delayMs: number): Promise<{ killed: boolean }> {
  const child = spawn(process.execPath, ['bin/hashsim.js', ...job, '--out', out, '--quiet'], { detached: true, stdio: 'ignore' });
  let exited = false;
  const done = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  await Promise.race([done, new Promise((r) => setTimeout(r, delayMs))]);
  const killed = !exited;
  if (killed) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // it ended between the check and the kill
    }
  }
  await done;
  return { killed };
}

function runToEnd(job: string[], out: string): { status: number | null; ms: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['bin/hashsim.js', ...job, '--out', out, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 1_800_000 });
  return { status: r.status, ms: performance.now() - t0 };
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const work = opts.work ?? mkdtempSync(join(tmpdir(), 'hashsim-kill-resume-'));
  const reference = join(work, 'reference');
  rmSync(reference, { recursive: true, force: true });
  const ref = runToEnd(opts.job, reference);
  if (ref.status !== 0) {
    process.stderr.write(`killResume: the reference run failed (exit ${ref.status})\n`);
    process.exit(1);
  }
  const expected = csvFiles(reference);
  const total = await runsDone(reference);
  process.stdout.write(`reference: hashsim ${opts.job.join(' ')}: ${(ref.ms / 1000).toFixed(1)} s, ${total} runs, ${expected.size} files compared\n`);

  const stream = namedStream(opts.seed, 'kill-resume');
  let kills = 0;
  const landed = { beforeRuns: 0, midRun: 0, inSummaries: 0 };
  let identical = 0;
  for (let t = 0; t < opts.trials; t++) {
    const out = join(work, `trial-${t}`);
    rmSync(out, { recursive: true, force: true });
    const attempts = 1 + Math.floor(stream.next() * 3);
    const notes: string[] = [];
    for (let k = 0; k < attempts; k++) {
      const delay = (0.1 + 0.85 * stream.next()) * ref.ms;
      const r = await killAfter(opts.job, out, delay);
      if (!r.killed) {
        notes.push(`finished before the kill at ${(delay / 1000).toFixed(1)} s`);
        break;
      }
      kills++;
      const after = await runsDone(out);
      if (after === 0) landed.beforeRuns++;
      else if (after < total) landed.midRun++;
      else landed.inSummaries++;
      notes.push(`killed at ${(delay / 1000).toFixed(1)} s with ${after}/${total} runs done`);
    }
    const end = runToEnd(opts.job, out);
    const got = csvFiles(out);
    const same = end.status === 0 && got.size === expected.size && [...expected].every(([name, text]) => got.get(name) === text);
    if (same) identical++;
    process.stdout.write(`trial ${t + 1}: ${notes.join('; ')}; resumed: ${same ? 'identical' : 'DIFFERENT'}\n`);
    if (same) rmSync(out, { recursive: true, force: true });
  }
  process.stdout.write(
    `[kill-resume] ${opts.trials} trials, ${kills} kills (SIGKILL to the whole command): ${landed.beforeRuns} before any run was done, ` +
      `${landed.midRun} with part of the runs done, ${landed.inSummaries} after the runs (while summarising); resumes identical ${identical}/${opts.trials}\n`,
  );
  if (!opts.work) rmSync(work, { recursive: true, force: true });
  process.exit(identical === opts.trials ? 0 : 1);
}

await main();
