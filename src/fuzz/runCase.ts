/**
 * Runs one fuzz case the way `hashsim validate` and `hashsim run` do, in this process (through the run API),
 * and optionally through the real command line, and says what went wrong, if anything:
 * - `crash`: anything but a clean refusal (an exception other than ScenarioError, an internal error, exit 1);
 * - `unclear`: a refusal without file:line:column (or `--set path`), or with a message that is not
 *   `expected ..., found ...`-like (undefined, [object Object], a stack trace);
 * - `misplaced`: no problem of a refusal points into a file (or `--set`) that the mutations wrote, or into a
 *   file that extends one (a parent that lost a region or an event's type is refused where a child names it);
 * - `nonFinite`: NaN, Infinity, null or an exponent in an output file;
 * - `mismatch`: validate and run disagree for the same seed (validate must refuse what run cannot do);
 * - `leftover`: temporary files left next to the output folder.
 * A case that takes over the time limit is a `hang` (decided by the pool, which kills the worker).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FolderWriteError, renderOutputs, writeOutputs } from '../report/index.ts';
import { runScenario } from '../run/index.ts';
import { compileScenario, formatIssue, loadScenario, ScenarioError, type ScenarioIssue } from '../scenario/index.ts';
import { SCENARIOS_DIR, type FuzzCase } from './cases.ts';
import { SPECIAL_PATHS } from './values.ts';

/** What can go wrong with a case (see the module comment). */
export type Finding = 'crash' | 'unclear' | 'misplaced' | 'nonFinite' | 'mismatch' | 'leftover' | 'hang';

/** The outcome of one case. */
export interface CaseResult {
  id: string;
  validate: 'ok' | 'refused' | 'crash';
  run: 'ok' | 'refused' | 'crash';
  /** Each problem found, e.g. `crash: run threw TypeError: ...`. */
  findings: { kind: Finding; detail: string }[];
  /** The first refusal message (for the record). */
  refusal?: string;
  cli?: { validate: number | null; run: number | null };
  ms: number;
}

const BIN = fileURLToPath(new URL('../../bin/hashsim.js', import.meta.url));
/** Wall-clock limit of one command-line check: 30 s of work, on a machine that may be shared ten times over. */
const CLI_WALL_LIMIT_MS = 300_000;
const NUMERIC_CSV = /^-?\d+(\.\d+)?$/;
const TEXT_COLUMNS = new Set(['month', 'country', 'region', 'from', 'to']);

/**
 * Runs `fuzzCase` in a fresh temporary folder (removed afterwards): validate, run, and, with `cli`, the same
 * through `node bin/hashsim.js` in child processes.
 */
export function runCase(fuzzCase: FuzzCase, options: { cli?: boolean } = {}): CaseResult {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'hashsim-fuzz-'));
  const result: CaseResult = { id: fuzzCase.id, validate: 'ok', run: 'ok', findings: [], ms: 0 };
  const find = (kind: Finding, detail: string) => result.findings.push({ kind, detail });
  try {
    setUp(dir, fuzzCase);
    const entry = isAbsolute(fuzzCase.entry) ? fuzzCase.entry : join(dir, fuzzCase.entry);
    const check = (stage: string, e: unknown): 'refused' | 'crash' => {
      if (e instanceof ScenarioError) {
        checkRefusal(dir, fuzzCase, e, (kind, detail) => find(kind, `${stage}: ${detail}`));
        result.refusal ??= formatIssue(e.issues[0]).split(`${dir}/`).join('');
        return 'refused';
      }
      find('crash', `${stage} threw ${describe(e)}`);
      return 'crash';
    };

    let defaultSeed: number | undefined;
    try {
      const resolved = loadScenario(entry, { sets: fuzzCase.sets });
      defaultSeed = resolved.defaultSeed;
      compileScenario(resolved, { seed: resolved.defaultSeed });
    } catch (e) {
      result.validate = check('validate', e);
    }

    const out = join(dir, 'out', 'result');
    try {
      const resolved = loadScenario(entry, { sets: fuzzCase.sets });
      const { trajectory } = runScenario(resolved, fuzzCase.seed ?? resolved.defaultSeed);
      const files = renderOutputs(trajectory, resolved);
      writeOutputs(out, files);
      checkOutputs(out, files, find);
    } catch (e) {
      if (e instanceof FolderWriteError) find('crash', `run could not write its outputs: ${e.message}`);
      else result.run = check('run', e);
    }
    const leftovers = existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')).filter((f) => f !== 'result') : [];
    if (leftovers.length > 0) find('leftover', `next to the output folder: ${leftovers.join(', ')}`);

    const sameSeed = fuzzCase.seed === undefined || fuzzCase.seed === defaultSeed;
    if (sameSeed && result.validate === 'ok' && result.run === 'refused') find('mismatch', `validate accepts what run refuses: ${result.refusal}`);
    if (result.validate === 'refused' && result.run === 'ok') find('mismatch', 'validate refuses what run accepts');

    if (options.cli) result.cli = runCli(dir, entry, fuzzCase, result, find);
  } catch (e) {
    find('crash', `harness: ${describe(e)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  result.ms = Date.now() - started;
  return result;
}

function setUp(dir: string, c: FuzzCase): void {
  for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text);
  symlinkSync(join(SCENARIOS_DIR, 'data'), join(dir, 'data'));
  mkdirSync(join(dir, 'a-folder'));
  const mentionsPipe = c.entry === 'pipe.fifo' || Object.values(c.files).some((t) => t.includes('pipe.fifo'));
  if (mentionsPipe) spawnSync('mkfifo', [join(dir, 'pipe.fifo')]);
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const at = (e.stack ?? '').split('\n').find((l) => /^\s+at /.test(l))?.trim() ?? '';
  return `${e.name}: ${e.message.split('\n')[0].slice(0, 300)} ${at}`;
}

/** Every problem has a place and a clear message, and one points into a file the mutations wrote. */
function checkRefusal(dir: string, c: FuzzCase, e: ScenarioError, find: (kind: Finding, detail: string) => void): void {
  const shown = (i: ScenarioIssue) => formatIssue(i).split(`${dir}/`).join('');
  if (e.issues.length === 0) find('unclear', 'a refusal without any problem');
  for (const issue of e.issues) {
    const placed = issue.file === '--set' || (Number.isInteger(issue.line) && issue.line >= 1 && Number.isInteger(issue.column) && issue.column >= 1 && issue.file !== '');
    if (!placed) find('unclear', `no file:line:column: ${shown(issue)}`);
    const m = issue.message;
    if (/internal error/.test(m)) find('crash', `internal error reported as bad input: ${shown(issue)}`);
    else if (!/^(expected|unknown|invalid YAML)/.test(m) || /(found|is|=|constant) (undefined|null)\b|\[object |^\s+at /.test(m) || m.length > 600) {
      find('unclear', shown(issue));
    }
  }
  if (c.blame.length === 0) return;
  const names = e.issues.map((i) => (i.file === '--set' ? '--set' : isAbsolute(i.file) && !resolve(i.file).startsWith(`${dir}/`) ? i.file : relative(dir, resolve(i.file))));
  const blamed = withChildren(c);
  const hit = names.some((n) => blamed.has(n) || blamed.has(basename(n)));
  if (!hit) find('misplaced', `problems in ${[...new Set(names)].join(', ')}, mutations in ${c.blame.join(', ')}: ${shown(e.issues[0])}`);
}

/**
 * The files the mutations wrote, the files of the case that extend them (directly or not), and the special
 * files (`/proc/self/environ`, ...) that they name: a special file read as a scenario or CSV is its own mistake.
 */
function withChildren(c: FuzzCase): Set<string> {
  const blamed = new Set(c.blame);
  for (const path of SPECIAL_PATHS) if (c.blame.some((name) => c.files[name]?.includes(path))) blamed.add(path);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, text] of Object.entries(c.files)) {
      const parent = /^extends:\s*(?:\.\/)?([^\s#]+)\s*$/m.exec(text)?.[1];
      if (parent !== undefined && blamed.has(parent) && !blamed.has(name)) {
        blamed.add(name);
        grew = true;
      }
    }
  }
  return blamed;
}

/** Output files: numbers with fixed decimals only, no NaN, Infinity or null anywhere. */
function checkOutputs(out: string, files: Map<string, string>, find: (kind: Finding, detail: string) => void): void {
  for (const [name, text] of files) {
    if (readFileSync(join(out, name), 'utf8') !== text) find('crash', `${name} on disk differs from the rendered text`);
    if (name.endsWith('.csv')) {
      const [head, ...rows] = text.trimEnd().split('\n');
      const columns = head.split(',');
      for (const row of rows) {
        const cells = row.split(',');
        const bad = cells.findIndex((cell, k) => !TEXT_COLUMNS.has(columns[k]) && !NUMERIC_CSV.test(cell));
        if (bad >= 0) {
          find('nonFinite', `${name} ${columns[bad]} = ${JSON.stringify(cells[bad])} in row ${row.slice(0, 60)}`);
          break;
        }
      }
    } else if (/\bnull\b|NaN|Infinity/.test(name === 'manifest.json' ? JSON.stringify(JSON.parse(text).draws) : text)) {
      find('nonFinite', `${name} holds null, NaN or Infinity`);
    }
  }
}

/** The same case through the real command line: exit 0 or 2, never 1; every line of a refusal well formed. */
function runCli(dir: string, entry: string, c: FuzzCase, inProcess: CaseResult, find: (kind: Finding, detail: string) => void): CaseResult['cli'] {
  const sets = c.sets.flatMap((s) => ['--set', s]);
  const call = (args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: CLI_WALL_LIMIT_MS, env: { ...process.env, CI: 'true' } });
  const validate = call(['validate', entry, ...sets]);
  const run = call(['run', entry, ...sets, '--out', join(dir, 'cli-out'), '--quiet', '--charts', 'none', ...(c.seed !== undefined ? ['--seed', String(c.seed)] : [])]);
  for (const [stage, r] of [['cli validate', validate], ['cli run', run]] as const) {
    if (r.status === null) find('hang', `${stage} did not end within ${CLI_WALL_LIMIT_MS / 1000} s (${r.signal ?? r.error?.message ?? ''})`);
    else if (r.status !== 0 && r.status !== 2) find('crash', `${stage} exit ${r.status}: ${r.stderr.split('\n').slice(0, 2).join(' | ').slice(0, 300)}`);
    if (/^\s+at /m.test(r.stderr ?? '')) find('crash', `${stage} printed a stack trace`);
    for (const line of (r.stderr ?? '').split('\n')) {
      if (line === '' || /^hashsim: (bin\/build\/|no build)/.test(line) || line === "Run 'hashsim --help' for usage." || /^\(and \d+ more problems?\)$/.test(line)) continue;
      if (!/^(.+):\d+:\d+ \S+: .+$/.test(line) && !/^--set \S+: .+$/.test(line) && !/^hashsim: .+$/.test(line)) find('unclear', `${stage}: ${line.slice(0, 200)}`);
    }
  }
  if (validate.status === 0 && inProcess.validate !== 'ok') find('mismatch', 'the CLI validates what the run API refuses');
  if (validate.status === 2 && inProcess.validate === 'ok' && c.sets.length === 0) find('mismatch', 'the CLI refuses what the run API validates');
  return { validate: validate.status, run: run.status };
}
