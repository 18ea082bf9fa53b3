/**
 * A `RunSource` on the ensemble runner (src/ensemble/): the runs execute on a pool of worker threads, which write
 * their per-run rows to Parquet batch folders in a temporary folder; the rows are read back and turned into
 * `RunSeries` with `runSeriesFromRows`, the very function the in-process source uses, so the backtest gives the
 * same bytes with any number of workers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listBatches, readRows, readRunIndex, tableMonths } from '../ensemble/batchReader.ts';
import { executeRuns } from '../ensemble/executeRuns.ts';
import { ensembleJob } from '../ensemble/job.ts';
import type { TableRows } from '../ensemble/runRows.ts';
import { ensembleSpecs } from '../ensemble/runSpec.ts';
import { tableDef, type TableName } from '../ensemble/tables.ts';
import { drawPlan, type ResolvedScenario } from '../scenario/index.ts';
import type { RunSource } from './runSource.ts';
import { runSeriesFromRows, type RunSeries } from './runSeries.ts';

/** The tables a `RunSeries` is made from. */
const TABLES_READ: TableName[] = ['countries', 'network'];

/**
 * A run source that executes the ensemble of `resolved` with master seed `masterSeed` on `workers` worker
 * threads (0: in the calling thread, through the same files). The seeds it is given must be the ensemble's
 * (`ensembleSeeds(resolved.hash, masterSeed, n)`); a failed run is an error naming the run.
 * @example await backtest(resolved, { runs: 1000, masterSeed: 1, runSource: ensembleRunSource(resolved, 1, 2) })
 */
export function ensembleRunSource(resolved: ResolvedScenario, masterSeed: number, workers: number): RunSource {
  return async (template, seeds, onRun) => {
    const specs = ensembleSpecs(masterSeed, resolved.hash, seeds.length);
    specs.forEach((s, i) => {
      if (s.seed !== seeds[i]) throw new RangeError(`ensembleRunSource: seed ${seeds[i]} of run ${i} is not the ensemble's (${s.seed})`);
    });
    const dir = mkdtempSync(join(tmpdir(), 'hashsim-backtest-'));
    try {
      const result = await executeRuns(ensembleJob(resolved, masterSeed), specs, {
        workers,
        outDir: dir,
        onProgress: onRun ? (p) => onRun(p.done, p.total) : undefined,
      });
      if (result.failures.length > 0) {
        const f = result.failures[0];
        throw new Error(`run ${f.runId} (seed ${f.seed}) failed: ${f.error}${result.failures.length > 1 ? ` (and ${result.failures.length - 1} more)` : ''}`);
      }
      const bySeed = new Map<number, RunSeries>();
      for (const batch of listBatches([dir])) {
        const index = await readRunIndex(batch);
        const rows = new Map(index.map((r) => [r.runId, { seed: r.seed, tables: {} as Record<TableName, TableRows> }]));
        for (const table of TABLES_READ) {
          for (const [runId, tableRows] of await readTable(batch, table)) rows.get(runId)!.tables[table] = tableRows;
        }
        for (const { seed, tables } of rows.values()) {
          bySeed.set(seed, runSeriesFromRows(tables, seed, drawPlan(template, seed)));
        }
      }
      return seeds.map((seed) => {
        const run = bySeed.get(seed);
        if (!run) throw new Error(`ensembleRunSource: no rows for the run with seed ${seed}`);
        return run;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** A batch's table as per-run rows, in each run's own order (month, then key), like `runRows` gives them. */
async function readTable(batch: string, table: TableName): Promise<Map<string, TableRows>> {
  const def = tableDef(table);
  const months = await tableMonths(batch, table);
  const out = new Map<string, TableRows>();
  if (!months) return out;
  const end = months.starts[months.starts.length - 1];
  const cols = await readRows(months.file, ['run_id', 'month', ...def.keys, ...def.values.map((v) => v.name)], 0, end);
  const counts = new Map<string, number>();
  for (let i = 0; i < end; i++) counts.set(String(cols.run_id[i]), (counts.get(String(cols.run_id[i])) ?? 0) + 1);
  const fill = new Map<string, number>();
  for (const [runId, n] of counts) {
    out.set(runId, { month: new Array<string>(n), keys: def.keys.map(() => new Array<string>(n)), values: def.values.map(() => new Float64Array(n)) });
    fill.set(runId, 0);
  }
  // The file is ordered by month, then run, then key: each run's rows come out month by month, key by key.
  for (let i = 0; i < end; i++) {
    const runId = String(cols.run_id[i]);
    const r = out.get(runId)!;
    const k = fill.get(runId)!;
    r.month[k] = String(cols.month[i]);
    def.keys.forEach((key, j) => (r.keys[j][k] = String(cols[key][i])));
    def.values.forEach((v, j) => (r.values[j][k] = Number(cols[v.name][i])));
    fill.set(runId, k + 1);
  }
  return out;
}
