/**
 * The per-run tables of an ensemble, as written to Parquet and summarised: their columns, units and the
 * decimals their summaries print with (the same as `run`'s CSV files). results/README.md describes them.
 *
 * Every table starts with the run's identity and the month: `run_id, seed, point, replicate, month`, then its
 * key columns (text), then its value columns (doubles, full precision).
 */

/** Names of the per-run tables. */
export type TableName = 'countries' | 'regions' | 'network';

/** A value column: its name (with its unit) and the decimals of its summary. */
export interface ValueColumn {
  name: string;
  decimals: number;
}

/** One per-run table. */
export interface TableDef {
  name: TableName;
  /** Text key columns after `month`; the first one is the summary key, the others describe it (a region's country). */
  keys: readonly string[];
  /** Value columns (doubles); every one is summarised. */
  values: readonly ValueColumn[];
}

/** The columns every table starts with. */
export const RUN_COLUMNS = ['run_id', 'seed', 'point', 'replicate', 'month'] as const;

const SPATIAL: readonly ValueColumn[] = [
  { name: 'hashrate_ehs', decimals: 6 },
  { name: 'share', decimals: 6 },
  { name: 'hidden_ehs', decimals: 6 },
  { name: 'energy_twh', decimals: 6 },
  { name: 'co2_mt', decimals: 6 },
];

/** The three per-run tables, in the order they are written and summarised. */
export const TABLES: readonly TableDef[] = [
  { name: 'countries', keys: ['country'], values: SPATIAL },
  { name: 'regions', keys: ['region', 'country'], values: SPATIAL },
  {
    name: 'network',
    keys: [],
    values: [
      { name: 'hashrate_ehs', decimals: 6 },
      { name: 'hashprice_usd_per_th_month', decimals: 6 },
      { name: 'btc_price_usd', decimals: 2 },
      { name: 'energy_twh', decimals: 6 },
      { name: 'co2_mt', decimals: 6 },
    ],
  },
];

/**
 * The table of a name.
 * @example tableDef('regions').keys // ['region', 'country']
 */
export function tableDef(name: TableName): TableDef {
  return TABLES.find((t) => t.name === name)!;
}

/** File name of the run index of a batch (one row per run: identity, status, error). */
export const RUNS_FILE = 'runs.parquet';

/**
 * File name of a table's part in a batch folder.
 * @example tableFile('countries') // 'countries.parquet'
 */
export function tableFile(name: TableName): string {
  return `${name}.parquet`;
}
