/**
 * `npm run fuzz -- --count N [--seed S] [--jobs J] [--cli-every K] [--timeout SECONDS] [--from I] [--failures DIR]`
 * runs fuzz cases `from` .. `from + N - 1` of seed S (default 1) on J worker processes (default 2), each with a
 * time limit (default 30 s), the command-line checks on every K-th case (default 25; 0: none), and prints the
 * figures: cases, outcomes of validate and run, crashes, hangs, unclear or misplaced messages, non-finite outputs,
 * mismatches. Failing cases are written to DIR (default $TMPDIR/hashsim-fuzz-failures/) with their files and
 * result, and `npm run fuzz -- --case S:I` runs one case again and prints everything about it.
 * Exit code 0 when nothing was found, 1 otherwise.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCase } from './cases.ts';
import { runPool, type PoolResult } from './pool.ts';
import { runCase, type Finding } from './runCase.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const integer = (name: string, fallback: number, min: number): number => {
  const text = option(name, String(fallback));
  if (!/^\d+$/.test(text) || Number(text) < min) {
    process.stderr.write(`fuzz: --${name}: expected an integer >= ${min}, found ${JSON.stringify(text)}\n`);
    process.exit(2);
  }
  return Number(text);
};

if (args.includes('--case')) {
  const [seed, index] = option('case', '').split(':').map(Number);
  const c = makeCase(seed, index);
  const result = runCase(c, { cli: args.includes('--cli') });
  process.stdout.write(`${JSON.stringify({ notes: c.notes, entry: c.entry, sets: c.sets, seed: c.seed, blame: c.blame, result }, null, 2)}\n`);
  if (args.includes('--write')) {
    const dir = join(tmpdir(), `hashsim-fuzz-case-${seed}-${index}`);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text);
    process.stdout.write(`files written to ${dir}\n`);
  }
  process.exit(result.findings.length > 0 ? 1 : 0);
}

const seed = integer('seed', 1, 0);
const count = integer('count', 200, 1);
const from = integer('from', 0, 0);
const jobs = integer('jobs', 2, 1);
const cliEvery = integer('cli-every', 25, 0);
const timeoutMs = integer('timeout', 30, 1) * 1000;
const failuresDir = option('failures', join(tmpdir(), 'hashsim-fuzz-failures'));

const started = Date.now();
let done = 0;
let found = 0;
const onResult = (r: PoolResult) => {
  done++;
  if (r.result.findings.length > 0) {
    found++;
    const dir = join(failuresDir, `${seed}-${r.index}`);
    mkdirSync(dir, { recursive: true });
    try {
      const c = makeCase(seed, r.index);
      for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name.replace(/\//g, '_')), text);
      writeFileSync(join(dir, 'result.json'), `${JSON.stringify({ notes: c.notes, entry: c.entry, sets: c.sets, seed: c.seed, blame: c.blame, result: r.result }, null, 2)}\n`);
    } catch (e) {
      writeFileSync(join(dir, 'result.json'), `${JSON.stringify({ caseError: String(e), result: r.result }, null, 2)}\n`);
    }
    process.stderr.write(`[fuzz] ${seed}:${r.index} ${r.result.findings.map((f) => `${f.kind}: ${f.detail}`).join('; ').slice(0, 400)}\n`);
  }
  if (done % 100 === 0) process.stderr.write(`[fuzz] ${done}/${count} cases, ${found} with findings, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
};

const indexes = Array.from({ length: count }, (_, k) => from + k);
const results = await runPool({ seed, indexes, jobs, timeoutMs, cliEvery, onResult });
const summary = summarise(results);
process.stdout.write(report(summary, { seed, from, count, jobs, seconds: (Date.now() - started) / 1000 }));
process.exit(summary.casesWithFindings > 0 ? 1 : 0);

/** Counts of a fuzz run. */
export interface FuzzSummary {
  cases: number;
  validate: Record<string, number>;
  run: Record<string, number>;
  findings: Record<Finding, number>;
  casesWithFindings: number;
  cliCases: number;
  slowest: { id: string; ms: number };
}

function summarise(results: PoolResult[]): FuzzSummary {
  const tally = (key: 'validate' | 'run') => results.reduce<Record<string, number>>((t, r) => ((t[r.result[key]] = (t[r.result[key]] ?? 0) + 1), t), {});
  const findings: Record<Finding, number> = { crash: 0, hang: 0, unclear: 0, misplaced: 0, nonFinite: 0, mismatch: 0, leftover: 0 };
  for (const r of results) for (const kind of new Set(r.result.findings.map((f) => f.kind))) findings[kind]++;
  const slowest = results.reduce((a, r) => (r.result.ms > a.ms ? { id: r.result.id, ms: r.result.ms } : a), { id: '', ms: 0 });
  return {
    cases: results.length,
    validate: tally('validate'),
    run: tally('run'),
    findings,
    casesWithFindings: results.filter((r) => r.result.findings.length > 0).length,
    cliCases: results.filter((r) => r.result.cli !== undefined).length,
    slowest,
  };
}

function report(s: FuzzSummary, o: { seed: number; from: number; count: number; jobs: number; seconds: number }): string {
  const counts = (t: Record<string, number>) => ['ok', 'refused', 'crash'].map((k) => `${k} ${t[k] ?? 0}`).join(', ');
  const f = s.findings;
  return [
    `[fuzz] seed ${o.seed}, cases ${s.cases} (${o.from}..${o.from + o.count - 1}), ${o.jobs} workers, ${(o.seconds / 60).toFixed(1)} min`,
    `[fuzz] validate: ${counts(s.validate)}; run: ${counts(s.run)}; command-line checks on ${s.cliCases} cases`,
    `[fuzz] crashes ${f.crash}, hangs ${f.hang}, unclear messages ${f.unclear}, misplaced messages ${f.misplaced}, non-finite outputs ${f.nonFinite}, validate/run mismatches ${f.mismatch}, leftovers ${f.leftover}`,
    `[fuzz] cases with findings: ${s.casesWithFindings}; slowest case ${s.slowest.id} ${(s.slowest.ms / 1000).toFixed(1)} s`,
    '',
  ].join('\n');
}
