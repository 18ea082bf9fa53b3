/**
 * What a counterfactual changed, per country (compare_countries.csv): for one variable, the difference A minus B
 * month by month, one small panel per country, with its band (ensembles) and a zero line. One chart per variable:
 * hashrate, share, energy and CO2.
 */
import { distinct, frame, monthX, MONTH_TOOLTIP, subtitleOf, type Chart, type VlSpec } from './chart.ts';
import { countryScale } from './palette.ts';
import type { ResultsFolder } from './resultsFolder.ts';
import { requireColumns } from './tidyCsv.ts';

/** The variables charted, with chart name, title, axis title and format. */
export const COMPARED = [
  { variable: 'hashrate_ehs', name: 'compare-hashrate', what: 'Hashing hashrate', axis: 'EH/s', format: '+,.1f' },
  { variable: 'share', name: 'compare-share', what: 'Share of network hashrate', axis: 'percentage points', format: '+.0%' },
  { variable: 'energy_twh', name: 'compare-energy', what: 'Energy', axis: 'TWh per month', format: '+,.2f' },
  { variable: 'co2_mt', name: 'compare-co2', what: 'CO2', axis: 'Mt per month', format: '+,.2f' },
] as const;

/** The chart of one variable (undefined without compare_countries.csv). */
export function compareVariable(folder: ResultsFolder, which: (typeof COMPARED)[number]): Chart | undefined {
  const t = folder.compareCountries;
  if (!t) return undefined;
  requireColumns(t, ['month', 'country', 'variable'], ['difference', 'difference_low', 'difference_high']);
  const rows = t.rows.filter((r) => r.variable === which.variable);
  if (rows.length === 0) return undefined;
  const countries = distinct(rows, 'country');
  const banded = rows.some((r) => r.difference_low !== r.difference_high);
  const values = rows.map((r) => ({ month: r.month, country: r.country, difference: r.difference, low: r.difference_low, high: r.difference_high }));
  const x = { ...monthX(), title: null };
  const y = { field: 'difference', type: 'quantitative', title: which.axis, axis: { format: which.format } };
  const color = { field: 'country', type: 'nominal', title: 'country', scale: countryScale(countries), sort: countries };
  const layers: VlSpec[] = [];
  if (banded) {
    layers.push({
      mark: { type: 'area', opacity: 0.3 },
      encoding: { x, y: { field: 'low', type: 'quantitative', title: which.axis }, y2: { field: 'high' }, color },
    });
  }
  layers.push(
    { mark: { type: 'rule', color: '#333333', strokeWidth: 0.8 }, encoding: { y: { datum: 0, type: 'quantitative' } } },
    {
      mark: { type: 'line', strokeWidth: 1.8, point: { size: 10 }, tooltip: true },
      encoding: {
        x,
        y,
        color,
        tooltip: [
          MONTH_TOOLTIP,
          { field: 'country', type: 'nominal' },
          { field: 'difference', type: 'quantitative', title: which.axis, format: which.format },
          ...(banded ? [{ field: 'low', type: 'quantitative', title: 'band low', format: which.format }, { field: 'high', type: 'quantitative', title: 'band high', format: which.format }] : []),
        ],
      },
    },
  );
  const title = `${which.what} by country: difference A minus B (${which.axis})${banded ? ', median with the 5-95% band' : ''}`;
  return {
    name: which.name,
    title,
    series: countries,
    section: 'Comparison',
    spec: {
      ...frame(title, subtitleOf(folder.manifest)),
      data: { values },
      facet: { field: 'country', type: 'nominal', title: null, sort: countries },
      columns: 3,
      spec: { width: 220, height: 120, layer: layers },
      resolve: { scale: { y: 'independent' } },
    },
  };
}

/** One chart per compared variable. @example compareByCountry(readResults('results/compare-x')).map((c) => c.name) */
export function compareByCountry(folder: ResultsFolder): Chart[] {
  return COMPARED.map((which) => compareVariable(folder, which)).filter((c): c is Chart => c !== undefined);
}
