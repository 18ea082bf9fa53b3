/**
 * Per-country aggregation of per-region outputs, and hashing shares that sum to 1 without float drift
 * (d3-array's `fsum`).
 */
import { fsum } from 'd3-array';
import type { Trajectory } from '../model/trajectory.ts';

export interface CountryTable {
  /** Country codes, sorted. */
  countries: string[];
  /** Per step and country (index step * C + c), TH/s or TWh or Mt. */
  hashingThs: Float64Array;
  hiddenThs: Float64Array;
  idleThs: Float64Array;
  transitThs: Float64Array;
  energyTwh: Float64Array;
  co2Mt: Float64Array;
}

/** Sums region rows into country rows. Example: CN-SC and CN-XJ both add to `CN`. */
export function aggregateByCountry(t: Trajectory): CountryTable {
  const countries = [...new Set(t.plan.regions.map((r) => r.country))].sort();
  const index = new Map(countries.map((c, i) => [c, i]));
  const C = countries.length;
  const R = t.regionCount;
  const months = t.months.length;
  const table: CountryTable = {
    countries,
    hashingThs: new Float64Array(months * C), hiddenThs: new Float64Array(months * C), idleThs: new Float64Array(months * C),
    transitThs: new Float64Array(months * C), energyTwh: new Float64Array(months * C), co2Mt: new Float64Array(months * C),
  };
  for (let s = 0; s < months; s++) {
    for (let r = 0; r < R; r++) {
      const k = s * R + r;
      const c = s * C + index.get(t.plan.regions[r].country)!;
      table.hashingThs[c] += t.region.activeThs[k] + t.region.hiddenThs[k];
      table.hiddenThs[c] += t.region.hiddenThs[k];
      table.idleThs[c] += t.region.idleThs[k];
      table.transitThs[c] += t.region.transitThs[k];
      table.energyTwh[c] += t.region.energyTwh[k];
      table.co2Mt[c] += t.region.co2Mt[k];
    }
  }
  return table;
}

/**
 * Shares of each entry in a month's values (fractions summing to 1; all 0 when the total is 0).
 * Example: `shares([1, 3])` is `[0.25, 0.75]`.
 */
export function shares(values: ArrayLike<number>): number[] {
  const total = fsum(Array.from(values));
  return Array.from(values, (v) => (total > 0 ? v / total : 0));
}
