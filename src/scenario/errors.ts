/**
 * Scenario problems: every mistake in a scenario becomes a `ScenarioIssue` that names the file, line, column,
 * field path, what was expected and what was found. `ScenarioError` carries all of them (up to
 * `MAX_ISSUES`); it is the only error `loadScenario` and `compileScenario` throw for bad input.
 */

/** One problem in a scenario, e.g. `scenarios/x.yaml:14:9 regions.KZ.capacityMw: expected a number >= 0, found "lots"`. */
export interface ScenarioIssue {
  /** File as the user named it (or the parent's path relative to it), or `--set` for a command-line override. */
  file: string;
  /** 1-based line (for `--set`: the 1-based position of the override among the `--set` options). */
  line: number;
  /** 1-based column. */
  column: number;
  /** Field path, e.g. `regions.CN-SC.capacityMw`, `events.sichuan-ban.effective`, `moves.routes[0].from`. */
  path: string;
  /** Human wording, e.g. `expected a number >= 0, found "lots"`. */
  message: string;
}

/** At most this many issues are reported for one scenario; the rest are counted in `ScenarioError.omitted`. */
export const MAX_ISSUES = 20;

/**
 * Formats an issue as one line: `file:line:column path: message`, or `--set path: message` for an override.
 * @example formatIssue({file: 'x.yaml', line: 3, column: 5, path: 'end', message: 'expected ...'}) // 'x.yaml:3:5 end: expected ...'
 */
export function formatIssue(i: ScenarioIssue): string {
  if (i.file === '--set') return `--set ${i.path}: ${i.message}`;
  return `${i.file}:${i.line}:${i.column} ${i.path}: ${i.message}`;
}

/** A scenario that cannot be used: `issues` lists every problem found (at least one). */
export class ScenarioError extends Error {
  readonly issues: ScenarioIssue[];
  /** Problems found beyond `MAX_ISSUES` and not listed. */
  readonly omitted: number;
  constructor(issues: ScenarioIssue[], omitted = 0) {
    const lines = issues.map(formatIssue);
    if (omitted > 0) lines.push(`(and ${omitted} more problem${omitted === 1 ? '' : 's'})`);
    super(lines.join('\n'));
    this.name = 'ScenarioError';
    this.issues = issues;
    this.omitted = omitted;
  }
}

/** A source position: file and 1-based line and column. */
export interface Pos {
  file: string;
  line: number;
  column: number;
}

/** Collects issues while a scenario is read; duplicates (same formatted line) are kept once. */
export class IssueList {
  private readonly list: ScenarioIssue[] = [];
  private readonly seen = new Set<string>();

  /** Adds an issue at `pos` for field `path` (already formatted, see paths.ts). */
  add(pos: Pos, path: string, message: string): void {
    const issue: ScenarioIssue = { file: pos.file, line: pos.line, column: pos.column, path, message };
    const key = formatIssue(issue);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(issue);
  }

  get size(): number {
    return this.list.length;
  }

  /** Throws a `ScenarioError` with the issues, in file order (then line, column), if there are any. */
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const fileOrder = new Map<string, number>();
    for (const i of this.list) if (!fileOrder.has(i.file)) fileOrder.set(i.file, i.file === '--set' ? 1e9 : fileOrder.size);
    const sorted = this.list
      .map((issue, n) => ({ issue, n }))
      .sort(
        (a, b) =>
          fileOrder.get(a.issue.file)! - fileOrder.get(b.issue.file)! ||
          a.issue.line - b.issue.line ||
          a.issue.column - b.issue.column ||
          a.n - b.n,
      )
      .map((x) => x.issue);
    throw new ScenarioError(sorted.slice(0, MAX_ISSUES), Math.max(0, sorted.length - MAX_ISSUES));
  }
}

/** Longest file path quoted whole in a message, characters; longer ones keep their start and end. */
export const MAX_PATH_CHARS = 120;

/**
 * A file path short enough for a one-line message: whole up to MAX_PATH_CHARS characters, else its first 50 and
 * last 60 characters around `...` (the end names the file, the start says where it is).
 * @example describePath('scenarios/x.yaml') // 'scenarios/x.yaml'; describePath('a'.repeat(300)) // 'aaa…...…aaa' (113 characters)
 */
export function describePath(file: string): string {
  return file.length <= MAX_PATH_CHARS ? file : `${file.slice(0, 50)}...${file.slice(-60)}`;
}

/**
 * Describes a found value for a message: strings quoted (`"lots"`), numbers as written, maps and lists by kind.
 * @example describeValue('lots') // '"lots"'; describeValue(undefined) // 'nothing'
 */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (typeof v === 'string') {
    const s = v.length > 60 ? `${v.slice(0, 57)}...` : v;
    return JSON.stringify(s);
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : 'a list';
  if (typeof v === 'object') return Object.keys(v).length === 0 ? 'an empty map' : 'a map';
  return typeof v;
}
