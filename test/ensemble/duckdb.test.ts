/**
 * The per-run Parquet files read back by an independent reader (DuckDB) agree with the summaries: the rows are
 * all there with their seeds, and the mean and percentiles of every country-month and network-month, recomputed
 * in SQL, are the summaries' numbers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { executeRuns } from '../../src/ensemble/executeRuns.ts';
import { ensembleJob } from '../../src/ensemble/job.ts';
import { ensembleSpecs } from '../../src/ensemble/runSpec.ts';
import { summarise } from '../../src/ensemble/summarise.ts';
import { loadScenario } from '../../src/scenario/index.ts';

const RUNS = 7;
const resolved = loadScenario('scenarios/small.yaml');
const specs = ensembleSpecs(5, resolved.hash, RUNS);
const dir = mkdtempSync(join(tmpdir(), 'hashsim-duckdb-'));
let db: DuckDBConnection;

beforeAll(async () => {
  await executeRuns(ensembleJob(resolved, 5), specs, { workers: 0, outDir: dir });
  await summarise([dir], dir);
  db = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => {
  db?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const table = (name: string) => `read_parquet('${join(dir, 'runs', '*', `${name}.parquet`)}')`;
async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await db.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

/** The summary CSV as objects keyed by `month|key|variable`. */
function summary(name: string, keyColumn?: string): Map<string, Record<string, string>> {
  const [header, ...lines] = readFileSync(join(dir, name), 'utf8').trim().split('\n').map((l) => l.split(','));
  const out = new Map<string, Record<string, string>>();
  for (const line of lines) {
    const row = Object.fromEntries(header.map((h, i) => [h, line[i]]));
    out.set(`${row.month}|${keyColumn ? row[keyColumn] : ''}|${row.variable}`, row);
  }
  return out;
}

const STATS = `count(*) AS n, avg(v) AS mean, quantile_cont(v, 0.05) AS p5, quantile_cont(v, 0.25) AS p25,
  quantile_cont(v, 0.5) AS p50, quantile_cont(v, 0.75) AS p75, quantile_cont(v, 0.95) AS p95`;

function expectAgree(sqlRow: Record<string, unknown>, csvRow: Record<string, string> | undefined, label: string): void {
  expect(csvRow, label).toBeDefined();
  expect(Number(sqlRow.n), label).toBe(Number(csvRow!.runs));
  for (const s of ['mean', 'p5', 'p25', 'p50', 'p75', 'p95']) {
    expect(Math.abs(Number(sqlRow[s]) - Number(csvRow![s])), `${label} ${s}`).toBeLessThanOrEqual(5e-7 + 1e-12);
  }
}

describe('DuckDB reads the per-run Parquet files', () => {
  test('every run is there once, with the seed of runs.csv, and every row of every table', async () => {
    const runs = await rows(`SELECT run_id, seed, status FROM ${table('runs')} ORDER BY run_id`);
    expect(runs.map((r) => [r.run_id, Number(r.seed), r.status])).toEqual(specs.map((s) => [s.runId, s.seed, 'ok']));
    const count = async (name: string) => Number((await rows(`SELECT count(*) AS n FROM ${table(name)}`))[0].n);
    expect(await count('countries')).toBe(RUNS * 12 * 3);
    expect(await count('regions')).toBe(RUNS * 12 * 3);
    expect(await count('network')).toBe(RUNS * 12);
  });

  test('columns have the documented names and types', async () => {
    const cols = await rows(`DESCRIBE SELECT * FROM ${table('countries')}`);
    expect(cols.map((c) => `${c.column_name} ${c.column_type}`)).toEqual([
      'run_id VARCHAR', 'seed BIGINT', 'point INTEGER', 'replicate INTEGER', 'month VARCHAR', 'country VARCHAR',
      'hashrate_ehs DOUBLE', 'share DOUBLE', 'hidden_ehs DOUBLE', 'energy_twh DOUBLE', 'co2_mt DOUBLE',
    ]);
  });

  test('mean and percentiles of every country-month and variable, in SQL, are the summary numbers', async () => {
    const csv = summary('summary_countries.csv', 'country');
    let checked = 0;
    for (const variable of ['hashrate_ehs', 'share', 'hidden_ehs', 'energy_twh', 'co2_mt']) {
      const result = await rows(`SELECT month, country, ${STATS} FROM (SELECT month, country, ${variable} AS v FROM ${table('countries')}) GROUP BY month, country`);
      for (const r of result) {
        expectAgree(r, csv.get(`${r.month}|${r.country}|${variable}`), `${r.month} ${r.country} ${variable}`);
        checked++;
      }
    }
    expect(checked).toBe(csv.size);
  });

  test('and of every network-month and variable', async () => {
    const csv = summary('summary_network.csv');
    let checked = 0;
    for (const variable of ['hashrate_ehs', 'hashprice_usd_per_th_month', 'btc_price_usd', 'energy_twh', 'co2_mt']) {
      const result = await rows(`SELECT month, ${STATS} FROM (SELECT month, ${variable} AS v FROM ${table('network')}) GROUP BY month`);
      for (const r of result) {
        expectAgree(r, csv.get(`${r.month}||${variable}`), `${r.month} ${variable}`);
        checked++;
      }
    }
    expect(checked).toBe(csv.size);
  });

  test('the median share of China in the last month, spelled out', async () => {
    const [r] = await rows(`SELECT quantile_cont(share, 0.5) AS p50, avg(share) AS mean FROM ${table('countries')} WHERE country = 'CN' AND month = '2022-04'`);
    const row = summary('summary_countries.csv', 'country').get('2022-04|CN|share')!;
    expect(Number(r.p50).toFixed(6)).toBe(row.p50);
    expect(Math.abs(Number(r.mean) - Number(row.mean))).toBeLessThanOrEqual(5e-7);
  });
});
