/**
 * Writes the rows of a batch of runs to disk as one folder of Parquet files, atomically: the files are written
 * into a hidden temporary folder which is then renamed to its final name, so a killed run or worker leaves only a
 * dot-named folder that no reader takes for a result.
 *
 * Layout of a batch folder `<runsDir>/<first run id>_<last run id>/`:
 * - `runs.parquet`: one row per run of the batch: `run_id, seed, point, replicate, status ('ok'|'failed'), error`;
 * - `countries.parquet`, `regions.parquet`, `network.parquet` (tables.ts), rows of the runs that succeeded, ordered
 *   by month, then run (point, replicate), then key, with one row group per month (the months are also listed in
 *   the key-value metadata `hashsim.months`), so a summary reads one month of every batch without the others.
 *   A table file is absent when every run of the batch failed.
 * Encoding, for speed (measured: writing took 6x longer with the defaults): no statistics, dictionary-encoded text
 * and integer columns, plain doubles, snappy compression.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { compareRuns, type RunSpec } from './runSpec.ts';
import type { TableRows } from './runRows.ts';
import { RUN_COLUMNS, RUNS_FILE, TABLES, tableFile, type TableName } from './tables.ts';

/** The outcome of one run of a batch: its rows, or the error that stopped it. */
export interface RunOutcome {
  spec: RunSpec;
  rows?: Record<TableName, TableRows>;
  error?: string;
}

/** Key-value metadata key listing a table file's months, one per row group, as a JSON array. */
export const MONTHS_KEY = 'hashsim.months';

type ColumnSource = Parameters<typeof parquetWriteBuffer>[0]['columnData'][number];

/**
 * Writes a batch folder into `runsDir` (created if missing) and returns its path. The name is
 * `<first run id>_<last run id>` in run order (with `~2`, `~3`... if taken).
 * @example writeBatch('out/runs', outcomes) // 'out/runs/p0000-r000000_p0000-r000099'
 */
export function writeBatch(runsDir: string, outcomes: readonly RunOutcome[]): string {
  if (outcomes.length === 0) throw new Error('writeBatch: no runs');
  const sorted = [...outcomes].sort((a, b) => compareRuns(a.spec, b.spec));
  const name = `${sorted[0].spec.runId}_${sorted[sorted.length - 1].spec.runId}`;
  mkdirSync(runsDir, { recursive: true });
  const temp = join(runsDir, `.${name}.tmp-${process.pid}-${threadId}`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp);
  try {
    writeFileSync(join(temp, RUNS_FILE), new Uint8Array(runsParquet(sorted)));
    const ok = sorted.filter((o) => o.rows);
    if (ok.length > 0) {
      for (const def of TABLES) writeFileSync(join(temp, tableFile(def.name)), new Uint8Array(tableParquet(def.name, ok)));
    }
    return renameFree(temp, join(runsDir, name));
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw e;
  }
}

/** Renames `from` to `to`, or to `to~2`, `to~3`... when `to` exists; returns the final path. */
function renameFree(from: string, to: string): string {
  for (let n = 1; ; n++) {
    const target = n === 1 ? to : `${to}~${n}`;
    try {
      renameSync(from, target);
      return target;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || n > 1000) throw e;
    }
  }
}

function runsParquet(sorted: readonly RunOutcome[]): ArrayBuffer {
  const identity = new IdentityColumns(sorted.length);
  sorted.forEach((o, k) => identity.fill(o.spec, k, k + 1));
  return parquetWriteBuffer({
    columnData: [
      ...identity.columns(),
      { name: 'status', data: sorted.map((o) => (o.rows ? 'ok' : 'failed')), type: 'STRING', nullable: false },
      { name: 'error', data: sorted.map((o) => o.error ?? ''), type: 'STRING', nullable: false },
    ],
    statistics: false,
    createdBy: 'hashsim',
  });
}

/**
 * The columns naming each row's run (run_id, seed, point, replicate), filled a run's range of rows at a time: a
 * table has a run's rows of a month together, so its seed is converted to a BigInt once per range, not per row.
 */
class IdentityColumns {
  readonly runIds: string[];
  readonly seeds: BigInt64Array;
  readonly points: Int32Array;
  readonly replicates: Int32Array;

  constructor(rows: number) {
    this.runIds = new Array<string>(rows);
    this.seeds = new BigInt64Array(rows);
    this.points = new Int32Array(rows);
    this.replicates = new Int32Array(rows);
  }

  /** Rows `from` .. `to` (exclusive) belong to the run of `spec`. */
  fill(spec: RunSpec, from: number, to: number): void {
    this.runIds.fill(spec.runId, from, to);
    this.seeds.fill(BigInt(spec.seed), from, to);
    this.points.fill(spec.point, from, to);
    this.replicates.fill(spec.replicate, from, to);
  }

  columns(): ColumnSource[] {
    return [
      { name: 'run_id', data: this.runIds, type: 'STRING', nullable: false, encoding: 'RLE_DICTIONARY' },
      { name: 'seed', data: this.seeds, type: 'INT64', nullable: false, encoding: 'RLE_DICTIONARY' },
      { name: 'point', data: this.points, type: 'INT32', nullable: false, encoding: 'RLE_DICTIONARY' },
      { name: 'replicate', data: this.replicates, type: 'INT32', nullable: false, encoding: 'RLE_DICTIONARY' },
    ];
  }
}

/** A table's rows of the batch, reordered by month, then run, then key (the run's own row order). */
function tableParquet(name: TableName, ok: readonly RunOutcome[]): ArrayBuffer {
  const def = TABLES.find((d) => d.name === name)!;
  // Row ranges of each month in each run (a run's rows are month by month).
  const ranges = new Map<string, { run: number; start: number; end: number }[]>();
  ok.forEach((o, run) => {
    const rows = o.rows![name];
    let start = 0;
    for (let i = 1; i <= rows.month.length; i++) {
      if (i === rows.month.length || rows.month[i] !== rows.month[start]) {
        const month = rows.month[start];
        if (!ranges.has(month)) ranges.set(month, []);
        ranges.get(month)!.push({ run, start, end: i });
        start = i;
      }
    }
  });
  const months = [...ranges.keys()].sort();
  const total = ok.reduce((sum, o) => sum + o.rows![name].month.length, 0);
  const identity = new IdentityColumns(total);
  const month = new Array<string>(total);
  const keys = def.keys.map(() => new Array<string>(total));
  const values = def.values.map(() => new Float64Array(total));
  const groupSizes: number[] = [];
  let k = 0;
  for (const m of months) {
    const first = k;
    for (const { run, start, end } of ranges.get(m)!) {
      const rows = ok[run].rows![name];
      const to = k + end - start;
      identity.fill(ok[run].spec, k, to);
      month.fill(m, k, to);
      for (let c = 0; c < keys.length; c++) for (let i = start; i < end; i++) keys[c][k + i - start] = rows.keys[c][i];
      for (let v = 0; v < values.length; v++) values[v].set(rows.values[v].subarray(start, end), k);
      k = to;
    }
    groupSizes.push(k - first);
  }
  return parquetWriteBuffer({
    columnData: [
      ...identity.columns(),
      { name: RUN_COLUMNS[4], data: month, type: 'STRING', nullable: false, encoding: 'RLE_DICTIONARY' },
      ...def.keys.map((key, c): ColumnSource => ({ name: key, data: keys[c], type: 'STRING', nullable: false, encoding: 'RLE_DICTIONARY' })),
      ...def.values.map((v, c): ColumnSource => ({ name: v.name, data: values[c], type: 'DOUBLE', nullable: false, encoding: 'PLAIN' })),
    ],
    rowGroupSize: groupSizes,
    statistics: false,
    kvMetadata: [{ key: MONTHS_KEY, value: JSON.stringify(months) }],
    createdBy: 'hashsim',
  });
}
