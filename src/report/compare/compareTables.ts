/**
 * What a counterfactual changed: two sides (runs or ensembles) compared month by month. Every difference is
 * A minus B ("A relative to B"). Its band runs from A's low minus B's high to A's high minus B's low: zero
 * width between two runs, and between ensembles a conservative interval that assumes nothing about how their
 * runs pair up. Only the months both sides have are compared; a country one side lacks counts as 0 there.
 *
 * Files (tidy CSV, fixed decimals, months `YYYY-MM`):
 * - compare_countries.csv: `month,country,variable,a,b,difference,difference_low,difference_high,cumulative_difference`
 *   (variables hashrate_ehs EH/s, share fraction, energy_twh TWh, co2_mt Mt; a and b are medians for ensembles;
 *   cumulative_difference sums the differences of the months up to this one: TWh, Mt, EH/s-months, share-months);
 * - compare_network.csv: `month,variable,a,b,difference,difference_low,difference_high,cumulative_difference`;
 * - compare_totals.csv: `country,variable,a_total,b_total,difference` over the compared months (`ALL` sums the
 *   countries; hashrate as EH/s-months);
 * - compare_flows.csv: `from,to,a_ehs,b_ehs,difference` (EH/s moved over the compared months, the pairs that
 *   differ, largest change first; runs only).
 */
import { fixed, toCsv } from '../csv.ts';
import { COMPARED_VARIABLES, NETWORK_VARIABLES, type Band, type Side } from './sides.ts';

/** Decimals of each variable in the comparison files. */
const DECIMALS: Record<string, number> = { hashrate_ehs: 6, share: 6, energy_twh: 6, co2_mt: 6 };

const ZERO: Band = { low: 0, mid: 0, high: 0 };

/** The months both sides have, in order. */
export function commonMonths(a: Side, b: Side): string[] {
  const inB = new Set(b.months);
  return a.months.filter((m) => inB.has(m));
}

/** A minus B with its band. @example difference({low: 1, mid: 2, high: 3}, {low: 0, mid: 1, high: 1}) // {low: 0, mid: 1, high: 3} */
export function difference(a: Band, b: Band): Band {
  return { low: a.low - b.high, mid: a.mid - b.mid, high: a.high - b.low };
}

/** The comparison's CSV files by name. */
export function compareTables(a: Side, b: Side): Map<string, string> {
  const months = commonMonths(a, b);
  const countries = [...new Set([...a.countries, ...b.countries])].sort();
  const files = new Map<string, string>();

  const countryRows: string[][] = [];
  const totals = new Map<string, { a: number; b: number }>();
  const addTotal = (key: string, va: number, vb: number) => {
    const t = totals.get(key) ?? { a: 0, b: 0 };
    totals.set(key, { a: t.a + va, b: t.b + vb });
  };
  const cumulative = new Map<string, number>();
  for (const month of months) {
    for (const country of countries) {
      for (const variable of COMPARED_VARIABLES) {
        const key = `${month}\t${country}\t${variable}`;
        const va = a.country.get(key) ?? ZERO;
        const vb = b.country.get(key) ?? ZERO;
        const d = difference(va, vb);
        const cum = (cumulative.get(`${country}\t${variable}`) ?? 0) + d.mid;
        cumulative.set(`${country}\t${variable}`, cum);
        const dec = DECIMALS[variable];
        countryRows.push([month, country, variable, ...[va.mid, vb.mid, d.mid, d.low, d.high, cum].map((x) => fixed(x, dec))]);
        if (variable !== 'share') {
          addTotal(`${country}\t${variable}`, va.mid, vb.mid);
          addTotal(`ALL\t${variable}`, va.mid, vb.mid);
        }
      }
    }
  }
  const head = ['a', 'b', 'difference', 'difference_low', 'difference_high', 'cumulative_difference'];
  files.set('compare_countries.csv', toCsv(['month', 'country', 'variable', ...head], countryRows));

  const networkVars = NETWORK_VARIABLES.filter((v) => months.every((m) => a.network.has(`${m}\t${v}`) && b.network.has(`${m}\t${v}`)));
  const networkRows: string[][] = [];
  const networkCum = new Map<string, number>();
  for (const month of months) {
    for (const variable of networkVars) {
      const va = a.network.get(`${month}\t${variable}`)!;
      const vb = b.network.get(`${month}\t${variable}`)!;
      const d = difference(va, vb);
      const cum = (networkCum.get(variable) ?? 0) + d.mid;
      networkCum.set(variable, cum);
      networkRows.push([month, variable, ...[va.mid, vb.mid, d.mid, d.low, d.high, cum].map((x) => fixed(x, DECIMALS[variable]))]);
    }
  }
  files.set('compare_network.csv', toCsv(['month', 'variable', ...head], networkRows));

  const totalRows: string[][] = [];
  for (const country of [...countries, 'ALL']) {
    for (const variable of ['hashrate_ehs', 'energy_twh', 'co2_mt']) {
      const t = totals.get(`${country}\t${variable}`) ?? { a: 0, b: 0 };
      const name = variable === 'hashrate_ehs' ? 'hashrate_ehs_months' : variable;
      totalRows.push([country, name, fixed(t.a, 6), fixed(t.b, 6), fixed(t.a - t.b, 6)]);
    }
  }
  files.set('compare_totals.csv', toCsv(['country', 'variable', 'a_total', 'b_total', 'difference'], totalRows));

  if (a.flows && b.flows) files.set('compare_flows.csv', flowsCsv(flowTotals(a.flows, months), flowTotals(b.flows, months)));
  return files;
}

/** EH/s moved from each origin to each destination (`from\tto`) over the given months. */
function flowTotals(flows: Map<string, number>, months: readonly string[]): Map<string, number> {
  const inWindow = new Set(months);
  const totals = new Map<string, number>();
  for (const [key, v] of flows) {
    const [month, from, to] = key.split('\t');
    if (inWindow.has(month)) totals.set(`${from}\t${to}`, (totals.get(`${from}\t${to}`) ?? 0) + v);
  }
  return totals;
}

/** The flows that differ (at 6 decimals), largest absolute change first, then by origin and destination. */
function flowsCsv(a: Map<string, number>, b: Map<string, number>): string {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const rows = keys
    .map((key) => ({ key, a: a.get(key) ?? 0, b: b.get(key) ?? 0 }))
    .map((r) => ({ ...r, d: r.a - r.b }))
    .filter((r) => fixed(r.d, 6) !== '0.000000')
    .sort((x, y) => Math.abs(y.d) - Math.abs(x.d) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return toCsv(['from', 'to', 'a_ehs', 'b_ehs', 'difference'], rows.map((r) => [...r.key.split('\t'), fixed(r.a, 6), fixed(r.b, 6), fixed(r.d, 6)]));
}
