/**
 * The ensemble's per-run rows are `run`'s numbers: a run of an ensemble, formatted with run's decimals, gives
 * the same bytes as `hashsim run` with that run's seed (countries.csv, and the matching columns of regions.csv
 * and network.csv).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { listBatches, readRows, tableMonths } from '../../src/ensemble/batchReader.ts';
import { executeRuns } from '../../src/ensemble/executeRuns.ts';
import { ensembleJob } from '../../src/ensemble/job.ts';
import { ensembleSpecs } from '../../src/ensemble/runSpec.ts';
import { TABLES, type TableName } from '../../src/ensemble/tables.ts';
import { fixed, renderOutputs } from '../../src/report/index.ts';
import { runScenario } from '../../src/run/index.ts';
import { loadScenario } from '../../src/scenario/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'hashsim-runapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A table of the one-run ensemble as CSV lines of `columns`, each number with run's decimals. */
async function ensembleLines(name: TableName, columns: string[], decimals: Record<string, number>): Promise<string[]> {
  const [batch] = listBatches([dir]);
  const months = (await tableMonths(batch, name))!;
  const data = await readRows(months.file, columns, 0, months.starts[months.starts.length - 1]);
  const n = data[columns[0]].length;
  return Array.from({ length: n }, (_, i) =>
    columns.map((c) => (c in decimals ? fixed(Number(data[c][i]), decimals[c]) : String(data[c][i]))).join(','),
  );
}

/** The same columns cut from run's CSV text. */
function runLines(csv: string, columns: string[]): string[] {
  const [header, ...lines] = csv.trim().split('\n').map((l) => l.split(','));
  const at = columns.map((c) => header.indexOf(c));
  expect(at).not.toContain(-1);
  return lines.map((l) => at.map((i) => l[i]).join(','));
}

describe('a one-run ensemble and `run` with its seed', () => {
  for (const scenario of ['scenarios/small.yaml', 'scenarios/forecast-2025-2030.yaml']) {
    test(`${scenario}: the same numbers in every table`, async () => {
      rmSync(dir, { recursive: true, force: true });
      const resolved = loadScenario(scenario);
      const [spec] = ensembleSpecs(9, resolved.hash, 1);
      await executeRuns(ensembleJob(resolved, 9), [spec], { workers: 0, outDir: dir });
      const files = renderOutputs(runScenario(resolved, spec.seed).trajectory, resolved);

      const six = (names: string[]) => Object.fromEntries(names.map((n) => [n, 6]));
      const spatial = ['hashrate_ehs', 'share', 'hidden_ehs', 'energy_twh', 'co2_mt'];
      const countryColumns = ['month', 'country', ...spatial];
      expect(await ensembleLines('countries', countryColumns, six(spatial))).toEqual(runLines(files.get('countries.csv')!, countryColumns));
      const regionColumns = ['month', 'region', 'country', ...spatial];
      expect(await ensembleLines('regions', regionColumns, six(spatial))).toEqual(runLines(files.get('regions.csv')!, regionColumns));
      const networkColumns = ['month', 'hashrate_ehs', 'hashprice_usd_per_th_month', 'btc_price_usd'];
      expect(await ensembleLines('network', networkColumns, { hashrate_ehs: 6, hashprice_usd_per_th_month: 6, btc_price_usd: 2 })).toEqual(
        runLines(files.get('network.csv')!, networkColumns),
      );
    });
  }

  test('every table documents its columns (tables.ts) as the files hold them', async () => {
    const [batch] = listBatches([dir]);
    for (const def of TABLES) {
      const months = (await tableMonths(batch, def.name))!;
      const columns = ['run_id', 'seed', 'point', 'replicate', 'month', ...def.keys, ...def.values.map((v) => v.name)];
      const data = await readRows(months.file, columns, 0, 1);
      for (const c of columns) expect(data[c][0], `${def.name}.${c}`).toBeDefined();
    }
  });
});
