/**
 * Resume after a kill: the sweep command is started in a child process, killed with SIGKILL (the whole process
 * group: the command and its worker threads) once some batches are on disk, and run again; the summaries must be
 * those of an uninterrupted run, and what the kill left must never be taken for a result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listBatches, readRunIndex } from '../../src/ensemble/batchReader.ts';
import { MergeError, mergeJob } from '../../src/ensemble/merge.ts';
import { doneRuns } from '../../src/ensemble/resume.ts';

const ARGS = ['sweep', 'scenarios/small.yaml', '--param', 'behaviour.hideProbability=0.05,0.2,0.4', '--runs', '12', '--seed', '4', '--workers', '2', '--quiet'];
const SUMMARY_FILES = ['manifest.json', 'points.csv', 'summary_countries.csv', 'summary_regions.csv', 'summary_network.csv', 'runs.csv', 'failed_runs.csv', 'points/p0002/summary_network.csv'];

let tmp: string;
/** The process group started by the test and not yet seen to exit (killed in afterAll if the test fails). */
let running: number | undefined;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'hashsim-resume-'));
});
afterAll(() => {
  if (running !== undefined) {
    try {
      process.kill(-running, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(tmp, { recursive: true, force: true });
});

/** A file's text; manifest.json without its gitCommit line (others may commit between two commands here). */
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8').replace(/^ {2}"gitCommit": ".*",\n/m, '');

function hashsim(args: string[]) {
  return spawnSync(process.execPath, ['bin/hashsim.js', ...args], { encoding: 'utf8', timeout: 300_000 });
}

/** Starts the command in its own process group and kills the group with SIGKILL once `batches` batches are done. */
async function killAfterBatches(out: string, batches: number): Promise<{ killedAt: number; exitedAlone: string | false }> {
  const child = spawn(process.execPath, ['bin/hashsim.js', ...ARGS, '--out', out], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  running = child.pid;
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  let status = '';
  const exited = new Promise<void>((resolve) => child.on('exit', (code, signal) => ((status = `exit ${code} ${signal}: ${stderr}`), resolve())));
  let finished = false;
  void exited.then(() => (finished = true));
  const deadline = Date.now() + 240_000;
  while (!finished && Date.now() < deadline) {
    const n = existsSync(join(out, 'runs')) ? readdirSync(join(out, 'runs')).filter((d) => !d.startsWith('.')).length : 0;
    if (n >= batches) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const killedAt = existsSync(join(out, 'runs')) ? readdirSync(join(out, 'runs')).filter((d) => !d.startsWith('.')).length : 0;
  const alone = finished;
  if (!alone) process.kill(-child.pid!, 'SIGKILL');
  await exited;
  running = undefined;
  return { killedAt, exitedAlone: alone && status };
}

describe('resume after kill -9', () => {
  it('the rerun skips what is done, runs the rest and gives the summaries of an uninterrupted run', { timeout: 600_000 }, async () => {
    const reference = join(tmp, 'reference');
    const ref = hashsim([...ARGS, '--out', reference]);
    expect(ref.stderr).toBe('');
    expect(ref.status).toBe(0);

    const killed = join(tmp, 'killed');
    const { killedAt, exitedAlone } = await killAfterBatches(killed, 2);
    expect(exitedAlone).toBe(false);
    expect(killedAt).toBeGreaterThanOrEqual(2);

    // What the kill left: finished batches (each complete and readable) and maybe hidden temporary folders; no
    // summaries; a merge refuses it (runs missing) rather than taking it for a result.
    const done = await doneRuns(killed);
    expect(done.size).toBeGreaterThan(0);
    expect(done.size).toBeLessThan(36);
    for (const batch of listBatches([killed])) expect((await readRunIndex(batch)).length).toBeGreaterThan(0);
    expect(existsSync(join(killed, 'points.csv'))).toBe(false);
    expect(existsSync(join(killed, 'summary_network.csv'))).toBe(false);
    await expect(mergeJob([killed], join(tmp, 'merge-of-killed'))).rejects.toBeInstanceOf(MergeError);

    const again = spawnSync(process.execPath, ['bin/hashsim.js', ...ARGS.filter((a) => a !== '--quiet'), '--out', killed], { encoding: 'utf8', timeout: 300_000 });
    expect(again.status).toBe(0);
    expect(again.stderr).toContain(`36 runs; ${done.size} already done, ${36 - done.size} to run`);
    for (const f of SUMMARY_FILES) expect(read(killed, f), f).toBe(read(reference, f));

    // A third run finds everything done and changes nothing.
    const third = spawnSync(process.execPath, ['bin/hashsim.js', ...ARGS.filter((a) => a !== '--quiet'), '--out', killed], { encoding: 'utf8', timeout: 300_000 });
    expect(third.stderr).toContain('36 already done, 0 to run');
    for (const f of SUMMARY_FILES) expect(read(killed, f), f).toBe(read(reference, f));
  });
});
