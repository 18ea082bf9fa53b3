/**
 * A stacked bar chart of one countries.csv column by month, a bar segment per country, with the event markers
 * above: the shape shared by the hashrate, share, energy and CO2 charts.
 */
import { frame, HEIGHT_PX, monthX, MONTH_TOOLTIP, pick, subtitleOf, WIDTH_PX, distinct, type Chart, type VlSpec } from './chart.ts';
import { banAndHalving, eventMarkers, markerLayers } from './eventMarkers.ts';
import { countryScale } from './palette.ts';
import type { ResultsFolder } from './resultsFolder.ts';
import { requireColumns } from './tidyCsv.ts';

/** What differs between the country stacks. */
export interface CountryStackOptions {
  name: string;
  title: string;
  /** countries.csv column. */
  column: string;
  /** Axis title, with the unit. */
  axisTitle: string;
  /** d3 format of the values in tooltips and axis, e.g. `.1f` or `.0%`. */
  format: string;
  /** Stack to 100% (shares). */
  normalize?: boolean;
}

/**
 * Builds the chart from `countries.csv` (undefined when the folder has none).
 * @example countryStack(readResults('results/china-2021'), {name: 'hashrate-by-country', column: 'hashrate_ehs', ...})
 */
export function countryStack(folder: ResultsFolder, o: CountryStackOptions): Chart | undefined {
  const table = folder.countries;
  if (!table || table.rows.length === 0) return undefined;
  requireColumns(table, ['month', 'country'], [o.column]);
  const countries = distinct(table.rows, 'country');
  const months = distinct(table.rows, 'month');
  const markers = eventMarkers(folder.events ?? [], banAndHalving, months[0], months[months.length - 1], WIDTH_PX);
  const bars: VlSpec = {
    data: { values: pick(table.rows, ['month', 'country', o.column]) },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: monthX(),
      y: {
        field: o.column,
        type: 'quantitative',
        stack: o.normalize ? 'normalize' : 'zero',
        title: o.axisTitle,
        axis: { format: o.format },
      },
      color: { field: 'country', type: 'nominal', title: 'country', scale: countryScale(countries), sort: countries },
      // The first country of the legend is on top of the stack.
      order: { field: 'country', sort: 'descending' },
      tooltip: [MONTH_TOOLTIP, { field: 'country', type: 'nominal' }, { field: o.column, type: 'quantitative', title: o.axisTitle, format: o.format }],
    },
  };
  return {
    name: o.name,
    title: o.title,
    series: countries,
    spec: { ...frame(o.title, subtitleOf(folder.manifest)), width: WIDTH_PX, height: HEIGHT_PX, layer: [bars, ...markerLayers(markers)] },
  };
}
