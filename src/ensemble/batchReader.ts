/**
 * Reads batch folders (batchWriter.ts) back with hyparquet: the list of batches of ensemble folders, a batch's
 * run index, a table file's months (one row group each) and the rows of a range of months. Reads only what it
 * is asked for, so a summary holds one block of months at a time, never a whole ensemble.
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, parquetRead, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { MONTHS_KEY } from './batchWriter.ts';
import { RUNS_FILE, tableFile, type TableName } from './tables.ts';

/** One run as its batch's `runs.parquet` records it. */
export interface RunRecord {
  runId: string;
  seed: number;
  point: number;
  replicate: number;
  status: 'ok' | 'failed';
  error: string;
}

/** A table file's months, in file order, with the rows of each (one row group per month). */
export interface TableMonths {
  file: string;
  months: string[];
  /** First row of each month's row group, and one past the last row of the file at the end (length months + 1). */
  starts: number[];
}

/**
 * The batch folders of ensemble folders: `<dir>/runs/<name>/` for every name not starting with `.` (temporary
 * folders of unfinished batches are skipped), sorted by path within each folder, folders in the order given.
 * A folder without `runs/` has no batches.
 * @example listBatches(['out']) // ['out/runs/p0000-r000000_p0000-r000099', ...]
 */
export function listBatches(dirs: readonly string[]): string[] {
  const batches: string[] = [];
  for (const dir of dirs) {
    const runsDir = join(dir, 'runs');
    if (!existsSync(runsDir)) continue;
    const names = readdirSync(runsDir).filter((n) => !n.startsWith('.')).sort();
    for (const name of names) {
      const path = join(runsDir, name);
      if (statSync(path).isDirectory() && existsSync(join(path, RUNS_FILE))) batches.push(path);
    }
  }
  return batches;
}

/**
 * The runs recorded in a batch folder, in file order (run order).
 * @example (await readRunIndex('out/runs/p0000-r000000_p0000-r000099')).length // 100
 */
export async function readRunIndex(batch: string): Promise<RunRecord[]> {
  const file = fileBuffer(join(batch, RUNS_FILE));
  const metadata = await readFooter(file);
  const columns = await readColumns(file, metadata, ['run_id', 'seed', 'point', 'replicate', 'status', 'error'], 0, Number(metadata.num_rows));
  const n = Number(metadata.num_rows);
  const records: RunRecord[] = [];
  for (let i = 0; i < n; i++) {
    records.push({
      runId: String(columns.run_id[i]),
      seed: Number(columns.seed[i]),
      point: Number(columns.point[i]),
      replicate: Number(columns.replicate[i]),
      status: columns.status[i] === 'ok' ? 'ok' : 'failed',
      error: String(columns.error[i]),
    });
  }
  return records;
}

/**
 * A batch's table file and its months, or undefined when the batch has no such file (all its runs failed).
 * @example (await tableMonths(batch, 'network'))?.months // ['2020-01', ..., '2022-12']
 */
export async function tableMonths(batch: string, table: TableName): Promise<TableMonths | undefined> {
  const path = join(batch, tableFile(table));
  if (!existsSync(path)) return undefined;
  const metadata = await readFooter(fileBuffer(path));
  const kv = metadata.key_value_metadata?.find((e) => e.key === MONTHS_KEY)?.value;
  const months = kv ? (JSON.parse(kv) as string[]) : [];
  if (months.length !== metadata.row_groups.length) throw new Error(`${path}: expected one row group per month (${MONTHS_KEY}), found ${metadata.row_groups.length} groups for ${months.length} months`);
  const starts = [0];
  for (const group of metadata.row_groups) starts.push(starts[starts.length - 1] + Number(group.num_rows));
  return { file: path, months, starts };
}

/**
 * Reads `columns` of rows `rowStart` (inclusive) to `rowEnd` (exclusive) of a Parquet file, by column: text
 * columns as strings, numbers as numbers (INT64 as bigint).
 * @example (await readRows('out/runs/b/network.parquet', ['month', 'hashrate_ehs'], 0, 36)).hashrate_ehs[0]
 */
export async function readRows(path: string, columns: readonly string[], rowStart: number, rowEnd: number): Promise<Record<string, ArrayLike<unknown>>> {
  const file = fileBuffer(path);
  return readColumns(file, await readFooter(file), columns, rowStart, rowEnd);
}

async function readColumns(file: AsyncBuffer, metadata: FileMetaData, columns: readonly string[], rowStart: number, rowEnd: number): Promise<Record<string, ArrayLike<unknown>>> {
  const n = Math.max(0, rowEnd - rowStart);
  const out: Record<string, { [i: number]: unknown; length: number }> = {};
  if (n === 0) {
    for (const c of columns) out[c] = [];
    return out;
  }
  await parquetRead({
    file,
    metadata,
    columns: [...columns],
    rowStart,
    rowEnd,
    onChunk: (chunk) => {
      const data = chunk.columnData as ArrayLike<unknown>;
      // Doubles stay unboxed (a Float64Array), everything else in a plain array.
      const target = (out[chunk.columnName] ??= data instanceof Float64Array ? new Float64Array(n) : new Array(n));
      const from = Math.max(rowStart, chunk.rowStart);
      const to = Math.min(rowEnd, chunk.rowStart + data.length);
      if (target instanceof Float64Array && data instanceof Float64Array) {
        target.set(data.subarray(from - chunk.rowStart, to - chunk.rowStart), from - rowStart);
      } else {
        for (let row = from; row < to; row++) target[row - rowStart] = data[row - chunk.rowStart];
      }
    },
  });
  for (const c of columns) out[c] ??= new Array(n);
  return out;
}

/** A file as hyparquet's AsyncBuffer, reading the byte ranges asked for (synchronously, no stream per read). */
function fileBuffer(path: string): AsyncBuffer {
  const fd = openSync(path, 'r');
  let size: number;
  try {
    size = fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
  return {
    byteLength: size,
    slice(start: number, end?: number): Promise<ArrayBuffer> {
      const stop = Math.min(end ?? size, size);
      const bytes = new Uint8Array(Math.max(0, stop - start));
      const handle = openSync(path, 'r');
      try {
        let offset = 0;
        while (offset < bytes.length) {
          const read = readSync(handle, bytes, offset, bytes.length - offset, start + offset);
          if (read === 0) break;
          offset += read;
        }
      } finally {
        closeSync(handle);
      }
      return Promise.resolve(bytes.buffer);
    },
  };
}

/** The file's metadata, reading only its footer. */
async function readFooter(file: AsyncBuffer): Promise<FileMetaData> {
  const size = file.byteLength;
  if (size < 12) throw new Error('not a Parquet file (too short)');
  const tail = new DataView(await file.slice(size - 8, size));
  const footerLength = tail.getUint32(0, true);
  if (tail.getUint32(4, true) !== 0x31524150 || footerLength + 8 > size) throw new Error('not a Parquet file (bad footer)');
  return parquetMetadata(await file.slice(size - 8 - footerLength, size));
}
