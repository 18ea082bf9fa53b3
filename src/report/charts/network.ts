/**
 * The network (network.csv): hashing hashrate and the hashrate the difficulty was set for (EH/s), with the bans
 * and halvings marked; below, blocks found per month against the 4320 a month of 30 days expects.
 */
import { frame, monthX, MONTH_TOOLTIP, pick, subtitleOf, WIDTH_PX, type Chart, type VlSpec } from './chart.ts';
import { banAndHalving, eventMarkers, markerLayers } from './eventMarkers.ts';
import { NEUTRAL } from './palette.ts';
import type { ResultsFolder } from './resultsFolder.ts';
import { requireColumns } from './tidyCsv.ts';

/** Series names, as the legend shows them. */
export const NETWORK_SERIES = ['hashing hashrate', 'difficulty-implied hashrate', 'blocks per month'] as const;

/** Blocks in a 30-day month at the 10-minute target. */
const TARGET_BLOCKS = 4320;

/** @example network(readResults('results/china-2021'))?.name // 'network' */
export function network(folder: ResultsFolder): Chart | undefined {
  const table = folder.network;
  if (!table || table.rows.length === 0) return undefined;
  requireColumns(table, ['month'], ['hashrate_ehs', 'difficulty_implied_ehs', 'blocks']);
  const months = table.rows.map((r) => String(r.month));
  const markers = eventMarkers(folder.events ?? [], banAndHalving, months[0], months[months.length - 1], WIDTH_PX);
  const values = pick(table.rows, ['month', 'hashrate_ehs', 'difficulty_implied_ehs', 'blocks']);
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: [...NETWORK_SERIES], range: [NEUTRAL.network, NEUTRAL.implied, NEUTRAL.blocks] },
    legend: { orient: 'top', direction: 'horizontal', labelLimit: 0 },
  };
  const hashrate: VlSpec = {
    data: { values },
    transform: [
      { calculate: 'datum.hashrate_ehs', as: NETWORK_SERIES[0] },
      { calculate: 'datum.difficulty_implied_ehs', as: NETWORK_SERIES[1] },
      { fold: [NETWORK_SERIES[0], NETWORK_SERIES[1]], as: ['series', 'ehs'] },
    ],
    mark: { type: 'line', strokeWidth: 2, point: { size: 14 }, tooltip: true },
    encoding: {
      x: monthX(),
      y: { field: 'ehs', type: 'quantitative', title: 'hashrate (EH/s)', axis: { format: ',.0f' } },
      color,
      tooltip: [MONTH_TOOLTIP, { field: 'series', type: 'nominal' }, { field: 'ehs', type: 'quantitative', title: 'EH/s', format: ',.1f' }],
    },
  };
  const blocks: VlSpec = {
    width: WIDTH_PX,
    height: 110,
    layer: [
      {
        data: { values },
        transform: [{ calculate: `'${NETWORK_SERIES[2]}'`, as: 'series' }],
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: monthX(),
          y: { field: 'blocks', type: 'quantitative', title: 'blocks per month', axis: { format: ',.0f' } },
          color,
          tooltip: [MONTH_TOOLTIP, { field: 'blocks', type: 'quantitative', title: 'blocks', format: ',.1f' }],
        },
      },
      {
        data: { values: [{ blocks: TARGET_BLOCKS }] },
        mark: { type: 'rule', color: '#333333', strokeDash: [2, 2] },
        encoding: { y: { field: 'blocks', type: 'quantitative', title: 'blocks per month' } },
      },
    ],
  };
  const title = 'Network hashrate, difficulty-implied hashrate and blocks';
  return {
    name: 'network',
    title,
    series: [...NETWORK_SERIES],
    spec: {
      ...frame(title, subtitleOf(folder.manifest)),
      vconcat: [{ width: WIDTH_PX, height: 220, layer: [hashrate, ...markerLayers(markers)] }, blocks],
      resolve: { scale: { x: 'shared', color: 'shared' } },
    },
  };
}
