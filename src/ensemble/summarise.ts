/**
 * Summaries of an ensemble, computed from the per-run files on disk (batch folders, batchWriter.ts) and never
 * from memory, so that one machine, shards merged afterwards and a resumed job give the same bytes.
 *
 * Per month and key (country, region, or the network), per value column: the number of runs, the mean and the
 * 5th, 25th, 50th, 75th and 95th percentiles. Exact and reproducible: values are put in run order (point,
 * replicate) before the mean is taken with d3-array's `fsum`; percentiles are d3-array's `quantileSorted` of the
 * sorted values (linear interpolation between order statistics, R's type 7). Memory stays flat as runs grow:
 * the months are taken in blocks holding at most `memoryValues` values at once, and each block reads only its
 * months' row groups of every batch.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fsum, quantileSorted } from 'd3-array';
import { Piscina } from 'piscina';
import { workerEntry } from '../build/paths.ts';
import { fixed, toCsv } from '../report/csv.ts';
import { listBatches, readRows, readRunIndex, tableMonths, type RunRecord, type TableMonths } from './batchReader.ts';
import { compareRuns } from './runSpec.ts';
import { TABLES, tableDef, type TableDef, type TableName } from './tables.ts';

/** Options of `summarise`. */
export interface SummariseOptions {
  /** Summarise each parameter point apart, with a leading `point` column (sweeps); default: all runs pooled. */
  byPoint?: boolean;
  /** Most values held in memory at once (default 2,000,000: 16 MB), shared between the workers. */
  memoryValues?: number;
  /** Worker threads computing blocks of months in parallel (default 0: all in the calling thread). Same bytes. */
  workers?: number;
}

/** Percentiles of every summary, in column order. */
export const PERCENTILES = [5, 25, 50, 75, 95] as const;

/** Names of the files `summarise` writes. */
export const SUMMARY_FILES = ['summary_countries.csv', 'summary_regions.csv', 'summary_network.csv', 'runs.csv', 'failed_runs.csv'] as const;

/** What the summaries were computed from. */
export interface SummaryResult {
  /** File name -> text, in `SUMMARY_FILES` order. */
  files: Map<string, string>;
  /** sha256 hex of each file, by name. */
  sha256: Record<string, string>;
  /** Runs found (each run id once), successful and failed. */
  runs: number;
  /** The failed runs, in run order. */
  failed: RunRecord[];
}

/**
 * Computes the summaries of the runs found in the batch folders of `dirs` (ensemble folders holding `runs/`)
 * and writes them into `outDir` (each file through a temporary name): `summary_countries.csv`,
 * `summary_regions.csv`, `summary_network.csv`, `runs.csv` (every run: id, point, replicate, seed, status) and
 * `failed_runs.csv` (id, point, replicate, seed, error). A run id found in several batches counts once (a
 * successful record wins over a failed one). The bytes depend only on the runs on disk: not on the number of
 * workers, the order runs finished in, nor how they are split between folders.
 * @example await summarise(['out/shard-0', 'out/shard-1'], 'out/merged') // the files of one machine's ensemble
 */
export async function summarise(dirs: readonly string[], outDir: string, options: SummariseOptions = {}): Promise<SummaryResult> {
  const result = await summaryFiles(dirs, options);
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of result.files) {
    const temp = join(outDir, `.${name}.${process.pid}.tmp`);
    try {
      writeFileSync(temp, text);
      renameSync(temp, join(outDir, name));
    } finally {
      rmSync(temp, { force: true });
    }
  }
  return result;
}

/**
 * The texts of the summary files (see `summarise`), without writing them.
 * @example (await summaryFiles(['out'])).files.get('summary_network.csv')
 */
export async function summaryFiles(dirs: readonly string[], options: SummariseOptions = {}): Promise<SummaryResult> {
  const batches = listBatches(dirs);
  const index = await runIndex(batches, options.byPoint ?? false);
  const files = new Map<string, string>();
  const workers = options.workers ?? 0;
  const pool = workers > 0 ? blockPool(workers) : undefined;
  try {
    // Without a pool the blocks run one after the other (one block in memory at a time); a pool runs one per worker.
    let previous: Promise<unknown> = Promise.resolve();
    const inTurn = (task: BlockTask) => {
      const next = previous.then(() => summariseBlockTask(task));
      previous = next.catch(() => {});
      return next;
    };
    const run = pool ? (task: BlockTask) => pool.run(task, { name: 'summariseBlockTask' }) as Promise<string> : inTurn;
    const tables = await Promise.all(TABLES.map((def) => summariseTable(def, batches, index, options, run)));
    TABLES.forEach((def, i) => files.set(`summary_${def.name}.csv`, tables[i]));
  } finally {
    await pool?.destroy();
  }
  const all = [...index.records.values()].map((r) => r.record).sort(compareRuns);
  files.set('runs.csv', toCsv(['run_id', 'point', 'replicate', 'seed', 'status'], all.map((r) => [r.runId, String(r.point), String(r.replicate), String(r.seed), r.status])));
  const failed = all.filter((r) => r.status === 'failed');
  files.set('failed_runs.csv', toCsv(['run_id', 'point', 'replicate', 'seed', 'error'], failed.map((r) => [r.runId, String(r.point), String(r.replicate), String(r.seed), csvField(r.error)])));
  const sha256 = Object.fromEntries([...files].map(([name, text]) => [name, createHash('sha256').update(text).digest('hex')]));
  return { files, sha256, runs: all.length, failed };
}

/** A run in the index: its record, the batch whose rows count, its group (point or 0) and rank in the group. */
interface IndexedRun {
  record: RunRecord;
  batch: number;
  group: number;
  rank: number;
}

interface RunIndex {
  records: Map<string, IndexedRun>;
  /** Successful runs per group. */
  groupSize: Map<number, number>;
}

/** Reads every batch's run index; gives each successful run its rank in run order within its group. */
async function runIndex(batches: readonly string[], byPoint: boolean): Promise<RunIndex> {
  const records = new Map<string, IndexedRun>();
  for (let b = 0; b < batches.length; b++) {
    for (const record of await readRunIndex(batches[b])) {
      const seen = records.get(record.runId);
      if (seen && !(seen.record.status === 'failed' && record.status === 'ok')) continue;
      records.set(record.runId, { record, batch: b, group: byPoint ? record.point : 0, rank: -1 });
    }
  }
  const ok = [...records.values()].filter((r) => r.record.status === 'ok').sort((a, b) => compareRuns(a.record, b.record));
  const groupSize = new Map<number, number>();
  for (const r of ok) {
    const n = groupSize.get(r.group) ?? 0;
    r.rank = n;
    groupSize.set(r.group, n + 1);
  }
  return { records, groupSize };
}

/** The values of one key in one month (and group): `values[v * n + rank]`, NaN where a run has no row. */
interface Cell {
  group: number;
  month: string;
  keys: string[];
  values: Float64Array;
}

async function summariseTable(def: TableDef, batches: readonly string[], index: RunIndex, options: SummariseOptions, run: (task: BlockTask) => Promise<string>): Promise<string> {
  const byPoint = options.byPoint ?? false;
  const budget = (options.memoryValues ?? 2_000_000) / Math.max(1, options.workers ?? 0);
  const V = def.values.length;
  const header = [...(byPoint ? ['point'] : []), 'month', ...def.keys, 'variable', 'runs', 'mean', ...PERCENTILES.map((p) => `p${p}`)];

  // Months of every batch, and the rows of each month over all batches (to cut blocks within the budget).
  const files: BatchTable[] = [];
  const rowsPerMonth = new Map<string, number>();
  for (let b = 0; b < batches.length; b++) {
    const t = await tableMonths(batches[b], def.name);
    if (!t) continue;
    files.push({ ...t, batch: b });
    t.months.forEach((m, i) => rowsPerMonth.set(m, (rowsPerMonth.get(m) ?? 0) + t.starts[i + 1] - t.starts[i]));
  }
  const months = [...rowsPerMonth.keys()].sort();
  const blocks: string[][] = [];
  for (let first = 0; first < months.length; ) {
    let last = first;
    let values = rowsPerMonth.get(months[first])! * V;
    while (last + 1 < months.length && values + rowsPerMonth.get(months[last + 1])! * V <= budget) values += rowsPerMonth.get(months[++last])! * V;
    blocks.push(months.slice(first, last + 1));
    first = last + 1;
  }
  const compact = blocks.length > 0 ? compactIndex(index) : undefined;
  const parts = await Promise.all(
    blocks.map((block) => {
      const wanted = new Set(block);
      return run({ table: def.name, block, files: files.filter((f) => f.months.some((m) => wanted.has(m))), index: compact!, byPoint });
    }),
  );
  return [header.join(','), ...parts.filter((p) => p !== '')].join('\n') + '\n';
}

/** One block of months of one table to summarise: plain data, sent to a worker thread as is. */
export interface BlockTask {
  table: TableName;
  block: string[];
  files: BatchTable[];
  index: CompactIndex;
  byPoint: boolean;
}

/** The successful runs of the index, as arrays (cheap to send to a worker): id, batch, group, rank. */
interface CompactIndex {
  ids: string[];
  batch: Int32Array;
  group: Int32Array;
  rank: Int32Array;
  groupSize: [number, number][];
}

function compactIndex(index: RunIndex): CompactIndex {
  const ok = [...index.records.values()].filter((r) => r.rank >= 0);
  return {
    ids: ok.map((r) => r.record.runId),
    batch: Int32Array.from(ok, (r) => r.batch),
    group: Int32Array.from(ok, (r) => r.group),
    rank: Int32Array.from(ok, (r) => r.rank),
    groupSize: [...index.groupSize],
  };
}

/**
 * The summary lines of one block of months of one table (no header), joined by newlines: the task of the
 * summary workers (worker.ts), also run in the calling thread.
 * @example await summariseBlockTask({table: 'network', block: ['2021-05'], files, index, byPoint: false})
 */
export async function summariseBlockTask(task: BlockTask): Promise<string> {
  const runs = new Map<string, Placed>();
  task.index.ids.forEach((id, i) => runs.set(id, { batch: task.index.batch[i], group: task.index.group[i], rank: task.index.rank[i] }));
  const lines = await summariseBlock(tableDef(task.table), task.block, task.files, runs, new Map(task.index.groupSize), task.byPoint);
  return lines.join('\n');
}

/** Where a successful run's values go: the batch whose rows count, its group (point or 0) and rank in the group. */
interface Placed {
  batch: number;
  group: number;
  rank: number;
}

/** A pool of summary workers (the ensemble's worker script). */
function blockPool(workers: number): Piscina {
  const script = workerEntry();
  return new Piscina({ filename: script.file, execArgv: script.execArgv, minThreads: workers, maxThreads: workers, idleTimeout: 60_000, recordTiming: false });
}

/** A batch's table file, with the batch's position in the batch list. */
interface BatchTable extends TableMonths {
  batch: number;
}

async function summariseBlock(def: TableDef, block: readonly string[], files: readonly BatchTable[], runs: ReadonlyMap<string, Placed>, groupSize: ReadonlyMap<number, number>, byPoint: boolean): Promise<string[]> {
  const lines: string[] = [];
  const V = def.values.length;
  const wanted = new Set(block);
  // Cells by group and month, then by the first key (a region's id determines its country).
  const cells = new Map<string, Map<string, Cell>>();
  for (const t of files) {
    const groups = t.months.map((_, i) => i).filter((i) => wanted.has(t.months[i]));
    if (groups.length === 0) continue;
    const rowStart = t.starts[groups[0]];
    const rowEnd = t.starts[groups[groups.length - 1] + 1];
    // The month of a row is its row group's (one per month, `t.starts`): the month column is not read.
    const columns = await readRows(t.file, ['run_id', ...def.keys, ...def.values.map((v) => v.name)], rowStart, rowEnd);
    const runIds = columns.run_id as ArrayLike<string>;
    let g = groups[0];
    const keyCols = def.keys.map((k) => columns[k] as ArrayLike<string>);
    const valueCols = def.values.map((v) => columns[v.name] as ArrayLike<number>);
    // Rows come by month, then run, then key: remember the last run and month instead of looking them up per row.
    let lastRunId: string | undefined;
    let run: Placed | undefined;
    let lastMonth: string | undefined;
    let lastGroup = -1;
    let byKey: Map<string, Cell> | undefined;
    for (let i = 0; i < runIds.length; i++) {
      if (runIds[i] !== lastRunId) {
        lastRunId = runIds[i];
        run = runs.get(lastRunId);
      }
      while (rowStart + i >= t.starts[g + 1]) g++;
      if (!run || run.batch !== t.batch) continue; // a failed run, or a copy counted from another batch
      const month = t.months[g];
      if (month !== lastMonth || run.group !== lastGroup) {
        lastMonth = month;
        lastGroup = run.group;
        const id = `${run.group}\u0000${month}`;
        byKey = cells.get(id);
        if (!byKey) cells.set(id, (byKey = new Map()));
      }
      const key = keyCols.length > 0 ? keyCols[0][i] : '';
      let cell = byKey!.get(key);
      if (!cell) {
        const n = groupSize.get(run.group)!;
        cell = { group: run.group, month, keys: keyCols.map((c) => c[i]), values: new Float64Array(V * n).fill(NaN) };
        byKey!.set(key, cell);
      }
      const n = cell.values.length / V;
      for (let v = 0; v < V; v++) cell.values[v * n + run.rank] = valueCols[v][i];
    }
  }
  const sorted = [...cells.values()].flatMap((m) => [...m.values()]).sort(compareCells);
  for (const cell of sorted) {
    const n = cell.values.length / V;
    const prefix = `${byPoint ? `${cell.group},` : ''}${cell.month},${cell.keys.map((k) => `${k},`).join('')}`;
    for (let v = 0; v < V; v++) {
      // The values present, in run order (NaN marks a run without this cell), then their statistics.
      const present = new Float64Array(n);
      let count = 0;
      for (let r = v * n; r < (v + 1) * n; r++) if (!Number.isNaN(cell.values[r])) present[count++] = cell.values[r];
      const stats = describeInPlace(present.subarray(0, count));
      const decimals = def.values[v].decimals;
      lines.push(`${prefix}${def.values[v].name},${count},${stats.map((x) => fixed(x, decimals)).join(',')}`);
    }
    cell.values = EMPTY; // let it go before the next cells are formatted
  }
  return lines;
}

const EMPTY = new Float64Array(0);

/** Cells in output order: group (point), month, then keys as text (code-point order, never the locale's). */
function compareCells(a: Cell, b: Cell): number {
  if (a.group !== b.group) return a.group - b.group;
  if (a.month !== b.month) return a.month < b.month ? -1 : 1;
  for (let k = 0; k < a.keys.length; k++) if (a.keys[k] !== b.keys[k]) return a.keys[k] < b.keys[k] ? -1 : 1;
  return 0;
}

/**
 * Mean (fsum of the values in the order given, over their count) and the percentiles `PERCENTILES` of the
 * values (quantileSorted of a sorted copy). The values must be finite and at least one.
 * @example describe(Float64Array.of(1, 2, 3, 4)) // [2.5, 1.15, 1.75, 2.5, 3.25, 3.85]
 */
export function describe(values: Float64Array): number[] {
  return describeInPlace(Float64Array.from(values));
}

/** `describe`, sorting `values` in place (after taking the mean in the order given). */
function describeInPlace(values: Float64Array): number[] {
  const mean = fsum(values) / values.length;
  values.sort();
  return [mean, ...PERCENTILES.map((p) => quantileSorted(values as unknown as number[], p / 100)!)];
}

/** A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
