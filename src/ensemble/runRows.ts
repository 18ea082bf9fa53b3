/**
 * One run's rows of the per-run tables (tables.ts), taken from its trajectory with the same aggregation and
 * shares as `run`'s CSV files (src/report/), at full precision: formatted with `run`'s decimals they are
 * `run`'s numbers.
 */
import { fsum } from 'd3-array';
import type { Trajectory } from '../model/trajectory.ts';
import { THS_PER_EHS } from '../model/units.ts';
import { aggregateByCountry, shares } from '../report/aggregate.ts';
import { TABLES, type TableName } from './tables.ts';

/** Rows of one table for one run: one entry per row in each array (keys and values by column, in table order). */
export interface TableRows {
  month: string[];
  keys: string[][];
  values: Float64Array[];
}

/**
 * The rows of every per-run table of a trajectory. Throws if any value is not a finite number (the run then
 * counts as failed: an output never holds NaN).
 * @example runRows(runScenario(resolved, 7).trajectory).countries.values[1] // shares, month by month
 */
export function runRows(t: Trajectory): Record<TableName, TableRows> {
  const S = t.months.length;
  const R = t.regionCount;
  const g = t.region;

  const table = aggregateByCountry(t);
  const C = table.countries.length;
  const countries = emptyRows('countries', S * C);
  for (let s = 0; s < S; s++) {
    const share = shares(table.hashingThs.subarray(s * C, (s + 1) * C));
    for (let c = 0; c < C; c++) {
      const k = s * C + c;
      countries.month[k] = t.months[s];
      countries.keys[0][k] = table.countries[c];
      countries.values[0][k] = table.hashingThs[k] / THS_PER_EHS;
      countries.values[1][k] = share[c];
      countries.values[2][k] = table.hiddenThs[k] / THS_PER_EHS;
      countries.values[3][k] = table.energyTwh[k];
      countries.values[4][k] = table.co2Mt[k];
    }
  }

  const regions = emptyRows('regions', S * R);
  const hashing = new Float64Array(R);
  for (let s = 0; s < S; s++) {
    for (let r = 0; r < R; r++) hashing[r] = g.activeThs[s * R + r] + g.hiddenThs[s * R + r];
    const share = shares(hashing);
    for (let r = 0; r < R; r++) {
      const k = s * R + r;
      regions.month[k] = t.months[s];
      regions.keys[0][k] = t.plan.regions[r].id;
      regions.keys[1][k] = t.plan.regions[r].country;
      regions.values[0][k] = hashing[r] / THS_PER_EHS;
      regions.values[1][k] = share[r];
      regions.values[2][k] = g.hiddenThs[k] / THS_PER_EHS;
      regions.values[3][k] = g.energyTwh[k];
      regions.values[4][k] = g.co2Mt[k];
    }
  }

  const network = emptyRows('network', S);
  const n = t.network;
  for (let s = 0; s < S; s++) {
    network.month[s] = t.months[s];
    network.values[0][s] = n.hashingThs[s] / THS_PER_EHS;
    network.values[1][s] = n.hashpriceUsdPerThMonth[s];
    network.values[2][s] = n.btcPriceUsd[s];
    network.values[3][s] = fsum(g.energyTwh.subarray(s * R, (s + 1) * R));
    network.values[4][s] = fsum(g.co2Mt.subarray(s * R, (s + 1) * R));
  }

  const rows = { countries, regions, network };
  for (const def of TABLES) checkFinite(def.name, rows[def.name]);
  return rows;
}

function emptyRows(name: TableName, length: number): TableRows {
  const def = TABLES.find((d) => d.name === name)!;
  return {
    month: new Array<string>(length),
    keys: def.keys.map(() => new Array<string>(length)),
    values: def.values.map(() => new Float64Array(length)),
  };
}

function checkFinite(name: TableName, rows: TableRows): void {
  const def = TABLES.find((d) => d.name === name)!;
  rows.values.forEach((column, v) => {
    for (let i = 0; i < column.length; i++) {
      if (!Number.isFinite(column[i])) {
        const key = rows.keys.map((k) => k[i]).join(' ');
        throw new Error(`${name}.${def.values[v].name} is ${column[i]} in ${rows.month[i]}${key ? ` for ${key}` : ''} (outputs must be finite numbers)`);
      }
    }
  });
}
