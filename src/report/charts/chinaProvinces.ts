/**
 * China's provinces over time: hashing hashrate of each Chinese region (regions.csv, country `CN`), one line per
 * region, with the dates the bans take effect (events.jsonl) marked and labelled.
 */
import { distinct, frame, HEIGHT_PX, monthX, MONTH_TOOLTIP, pick, subtitleOf, WIDTH_PX, type Chart, type VlSpec } from './chart.ts';
import { eventMarkers, markerLayers } from './eventMarkers.ts';
import { regionScale } from './palette.ts';
import type { EventRecord, ResultsFolder } from './resultsFolder.ts';
import { requireColumns } from './tidyCsv.ts';

/** The country whose regions the chart shows. */
export const CHINA = 'CN';

/** @example chinaProvinces(readResults('results/china-2021'))?.series // ['CN-AH', 'CN-NM', ...] */
export function chinaProvinces(folder: ResultsFolder): Chart | undefined {
  const table = folder.regions;
  if (!table) return undefined;
  requireColumns(table, ['month', 'region', 'country'], ['hashrate_ehs', 'hidden_ehs']);
  const rows = table.rows.filter((r) => r.country === CHINA);
  if (rows.length === 0) return undefined;
  const regions = distinct(rows, 'region');
  const months = distinct(rows, 'month');
  const chinese = new Set(regions);
  const inChina = (e: EventRecord) => e.type === 'ban' && (e.phase === 'effective' || e.phase === 'lifted') && e.regions.some((r) => chinese.has(r));
  const markers = eventMarkers(folder.events ?? [], inChina, months[0], months[months.length - 1], WIDTH_PX);
  const lines: VlSpec = {
    data: { values: pick(rows, ['month', 'region', 'hashrate_ehs', 'hidden_ehs']) },
    mark: { type: 'line', strokeWidth: 2, point: { size: 14 }, tooltip: true },
    encoding: {
      x: monthX(),
      y: { field: 'hashrate_ehs', type: 'quantitative', title: 'hashing hashrate (EH/s)', axis: { format: ',.1f' } },
      color: { field: 'region', type: 'nominal', title: 'region', scale: regionScale(regions), sort: regions },
      tooltip: [
        MONTH_TOOLTIP,
        { field: 'region', type: 'nominal' },
        { field: 'hashrate_ehs', type: 'quantitative', title: 'hashing (EH/s)', format: ',.2f' },
        { field: 'hidden_ehs', type: 'quantitative', title: 'of which hidden (EH/s)', format: ',.2f' },
      ],
    },
  };
  const title = "China's provinces: hashing hashrate and the bans";
  return {
    name: 'china-provinces',
    title,
    series: regions,
    spec: { ...frame(title, subtitleOf(folder.manifest)), width: WIDTH_PX, height: HEIGHT_PX, layer: [lines, ...markerLayers(markers)] },
  };
}
