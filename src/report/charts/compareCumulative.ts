/**
 * Cumulative differences A minus B (compare_countries.csv `cumulative_difference`): energy (TWh) and CO2 (Mt)
 * summed month by month, one line per country, in two panels.
 */
import { distinct, frame, monthX, MONTH_TOOLTIP, subtitleOf, WIDTH_PX, type Chart } from './chart.ts';
import { countryScale } from './palette.ts';
import type { ResultsFolder } from './resultsFolder.ts';
import { requireColumns } from './tidyCsv.ts';

const PANELS = [
  { variable: 'energy_twh', title: 'cumulative energy difference (TWh)' },
  { variable: 'co2_mt', title: 'cumulative CO2 difference (Mt)' },
];

/** @example compareCumulative(readResults('results/compare-x'))?.name // 'compare-cumulative' */
export function compareCumulative(folder: ResultsFolder): Chart | undefined {
  const t = folder.compareCountries;
  if (!t) return undefined;
  requireColumns(t, ['month', 'country', 'variable'], ['cumulative_difference']);
  const rows = t.rows.filter((r) => PANELS.some((p) => p.variable === r.variable));
  if (rows.length === 0) return undefined;
  const countries = distinct(rows, 'country');
  const color = { field: 'country', type: 'nominal', title: 'country', scale: countryScale(countries), sort: countries };
  const panel = (p: (typeof PANELS)[number]) => ({
    width: WIDTH_PX,
    height: 170,
    data: { values: rows.filter((r) => r.variable === p.variable).map((r) => ({ month: r.month, country: r.country, cumulative: r.cumulative_difference })) },
    layer: [
      { mark: { type: 'rule', color: '#333333', strokeWidth: 0.8 }, encoding: { y: { datum: 0, type: 'quantitative' } } },
      {
        mark: { type: 'line', strokeWidth: 1.8, point: { size: 10 }, tooltip: true },
        encoding: {
          x: monthX(),
          y: { field: 'cumulative', type: 'quantitative', title: p.title, axis: { format: '+,.1f' } },
          color,
          tooltip: [MONTH_TOOLTIP, { field: 'country', type: 'nominal' }, { field: 'cumulative', type: 'quantitative', title: p.title, format: '+,.2f' }],
        },
      },
    ],
  });
  const title = 'Cumulative energy and CO2 differences by country, A minus B';
  return {
    name: 'compare-cumulative',
    title,
    series: countries,
    section: 'Comparison',
    spec: { ...frame(title, subtitleOf(folder.manifest)), vconcat: PANELS.map(panel), resolve: { scale: { color: 'shared', x: 'shared' } } },
  };
}
