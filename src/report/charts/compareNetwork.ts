/**
 * The network's differences A minus B (compare_network.csv): hashing hashrate (EH/s), energy (TWh per month) and
 * CO2 (Mt per month), one panel each, with the band when the sides are ensembles.
 */
import { frame, monthX, MONTH_TOOLTIP, subtitleOf, WIDTH_PX, type Chart, type VlSpec } from './chart.ts';
import { NEUTRAL } from './palette.ts';
import type { ResultsFolder } from './resultsFolder.ts';
import { requireColumns } from './tidyCsv.ts';

const TITLES: Record<string, string> = {
  hashrate_ehs: 'hashrate difference (EH/s)',
  energy_twh: 'energy difference (TWh per month)',
  co2_mt: 'CO2 difference (Mt per month)',
};

/** @example compareNetwork(readResults('results/compare-x'))?.series // ['hashrate_ehs', 'energy_twh', 'co2_mt'] */
export function compareNetwork(folder: ResultsFolder): Chart | undefined {
  const t = folder.compareNetwork;
  if (!t || t.rows.length === 0) return undefined;
  requireColumns(t, ['month', 'variable'], ['difference', 'difference_low', 'difference_high']);
  const variables = Object.keys(TITLES).filter((v) => t.rows.some((r) => r.variable === v));
  const panel = (variable: string): VlSpec => {
    const rows = t.rows.filter((r) => r.variable === variable);
    const banded = rows.some((r) => r.difference_low !== r.difference_high);
    const x = monthX();
    return {
      width: WIDTH_PX,
      height: 120,
      data: { values: rows.map((r) => ({ month: r.month, series: variable, difference: r.difference, low: r.difference_low, high: r.difference_high })) },
      layer: [
        ...(banded ? [{ mark: { type: 'area', opacity: 0.3, color: NEUTRAL.network }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } }] : []),
        { mark: { type: 'rule', color: '#333333', strokeWidth: 0.8 }, encoding: { y: { datum: 0, type: 'quantitative' } } },
        {
          mark: { type: 'line', strokeWidth: 1.8, point: { size: 10 }, tooltip: true },
          encoding: {
            x,
            y: { field: 'difference', type: 'quantitative', title: TITLES[variable], axis: { format: '+,.1f' } },
            color: { field: 'series', type: 'nominal', title: 'variable', scale: { domain: variables, range: [NEUTRAL.network, NEUTRAL.implied, NEUTRAL.blocks] } },
            tooltip: [MONTH_TOOLTIP, { field: 'difference', type: 'quantitative', title: TITLES[variable], format: '+,.2f' }],
          },
        },
      ],
    };
  };
  const title = 'Network differences, A minus B';
  return {
    name: 'compare-network',
    title,
    series: variables,
    section: 'Comparison',
    spec: { ...frame(title, subtitleOf(folder.manifest)), vconcat: variables.map(panel), resolve: { scale: { color: 'shared', x: 'shared' } } },
  };
}
