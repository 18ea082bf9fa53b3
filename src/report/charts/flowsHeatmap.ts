/**
 * Flows: EH/s whose move started within a window, from each origin region (rows) to each destination (columns),
 * summed over the window's months (flows.csv), as a heat map with the values written in the cells.
 */
import { frame, subtitleOf, type Chart } from './chart.ts';
import type { EventRecord, ResultsFolder } from './resultsFolder.ts';
import { requireColumns } from './tidyCsv.ts';

/** A window of months, `YYYY-MM` inclusive. */
export interface MonthWindow {
  from: string;
  to: string;
}

/** Months after the last ban takes effect that the default window still covers. */
const AFTER_LAST_BAN_MONTHS = 6;

function addMonths(month: string, n: number): string {
  const m = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

/**
 * The default window: from the month the first ban is announced to six months after the last one takes effect,
 * within the run; the whole run when there is no ban.
 * @example flowsWindow(events, '2020-01', '2022-12') // {from: '2021-02', to: '2022-03'} for china-2021
 */
export function flowsWindow(events: readonly EventRecord[], start: string, end: string): MonthWindow {
  const bans = events.filter((e) => e.type === 'ban');
  if (bans.length === 0) return { from: start, to: end };
  const first = bans.map((e) => e.month).sort()[0];
  const lastEffective = bans.filter((e) => e.phase === 'effective').map((e) => e.month).sort().pop() ?? first;
  const to = addMonths(lastEffective, AFTER_LAST_BAN_MONTHS);
  return { from: first < start ? start : first, to: to > end ? end : to };
}

/** @example flowsHeatmap(readResults('results/china-2021'))?.series.length // origin -> destination pairs */
export function flowsHeatmap(folder: ResultsFolder, window?: MonthWindow): Chart | undefined {
  const table = folder.flows;
  if (!table) return undefined;
  requireColumns(table, ['month', 'from', 'to'], ['hashrate_ehs']);
  const start = folder.manifest?.months?.start ?? String(table.rows[0]?.month ?? '');
  const end = folder.manifest?.months?.end ?? String(table.rows[table.rows.length - 1]?.month ?? '');
  const w = window ?? flowsWindow(folder.events ?? [], start, end);
  const sums = new Map<string, number>();
  for (const r of table.rows) {
    if (r.month < w.from || r.month > w.to) continue;
    const key = `${r.from}\t${r.to}`;
    sums.set(key, (sums.get(key) ?? 0) + Number(r.hashrate_ehs));
  }
  if (sums.size === 0) return undefined;
  const cells = [...sums.keys()].sort().map((key) => {
    const [from, to] = key.split('\t');
    return { from, to, hashrate_ehs: Math.round(sums.get(key)! * 1e6) / 1e6 };
  });
  const origins = [...new Set(cells.map((c) => c.from))].sort();
  const destinations = [...new Set(cells.map((c) => c.to))].sort();
  const title = `Hashrate moved from each origin to each destination, ${w.from} to ${w.to}`;
  const threshold = Math.max(...cells.map((c) => c.hashrate_ehs)) / 2;
  const encoding = {
    x: { field: 'to', type: 'nominal', title: 'destination region', sort: destinations, axis: { labelAngle: -40, orient: 'top' } },
    y: { field: 'from', type: 'nominal', title: 'origin region', sort: origins },
  };
  return {
    name: 'flows',
    title,
    series: cells.map((c) => `${c.from} -> ${c.to}`),
    seriesKind: 'cells',
    spec: {
      ...frame(title, subtitleOf(folder.manifest)),
      data: { values: cells },
      width: { step: 34 },
      height: { step: 22 },
      layer: [
        {
          mark: { type: 'rect', tooltip: true },
          encoding: {
            ...encoding,
            color: { field: 'hashrate_ehs', type: 'quantitative', title: 'EH/s moved', scale: { scheme: 'viridis', reverse: true }, legend: { format: ',.1f' } },
            tooltip: [
              { field: 'from', type: 'nominal', title: 'origin' },
              { field: 'to', type: 'nominal', title: 'destination' },
              { field: 'hashrate_ehs', type: 'quantitative', title: 'EH/s moved', format: ',.2f' },
            ],
          },
        },
        {
          mark: { type: 'text', fontSize: 9 },
          encoding: {
            ...encoding,
            text: { field: 'hashrate_ehs', type: 'quantitative', format: ',.1f' },
            color: { condition: { test: `datum.hashrate_ehs > ${threshold}`, value: 'white' }, value: 'black' },
          },
        },
      ],
    },
  };
}
