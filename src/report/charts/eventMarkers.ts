/**
 * Labelled event markers: a dashed vertical rule at each event's date with its name above the plot. Events of
 * the same day share one label; labels that would overlap are put on further rows.
 */
import type { EventRecord } from './resultsFolder.ts';
import type { VlSpec } from './chart.ts';
import { NEUTRAL } from './palette.ts';

/** One marker: date `YYYY-MM-DD`, label, and the label's row above the plot (0 is nearest to it). */
export interface Marker {
  date: string;
  label: string;
  row: number;
}

/** Approximate width of a label in pixels at font size 10 (vega's own estimate is about this). */
const charPx = 5.6;
const ROW_PX = 12;

/** Day number of `YYYY-MM-DD` (days since 1970-01-01, UTC). */
function dayOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

/** Label of one event line: `sichuan-ban`, `iran-ban lifted`, `halving`. */
export function eventLabel(e: EventRecord): string {
  if (e.type === 'halving') return 'halving';
  return e.phase === 'effective' || e.phase === 'start' ? e.event : `${e.event} ${e.phase}`;
}

/**
 * The markers for `events` kept by `keep`, between the months `start` and `end` (`YYYY-MM`, inclusive), for a
 * plot `widthPx` wide; labels are put on rows so they do not overlap.
 * @example eventMarkers(events, (e) => e.type === 'ban' && e.phase === 'effective', '2020-01', '2022-12', 640)
 */
export function eventMarkers(
  events: readonly EventRecord[],
  keep: (e: EventRecord) => boolean,
  start: string,
  end: string,
  widthPx: number,
): Marker[] {
  const byDate = new Map<string, string[]>();
  for (const e of events) {
    if (!keep(e) || e.month < start || e.month > end) continue;
    const labels = byDate.get(e.date) ?? [];
    const label = eventLabel(e);
    if (!labels.includes(label)) labels.push(label);
    byDate.set(e.date, labels);
  }
  const first = dayOf(`${start}-01`);
  const endDate = new Date(Date.UTC(Number(end.slice(0, 4)), Number(end.slice(5, 7)), 1)).toISOString().slice(0, 10);
  const span = Math.max(1, dayOf(endDate) - first);
  const rowEnds: number[] = [];
  const markers: Marker[] = [];
  for (const date of [...byDate.keys()].sort()) {
    const label = byDate.get(date)!.join(', ');
    const x = ((dayOf(date) - first) / span) * widthPx;
    let row = rowEnds.findIndex((endPx) => endPx < x);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = x + label.length * charPx + 8;
    markers.push({ date, label, row });
  }
  return markers;
}

/** Keeps bans taking effect or lifted, and halvings: the events that move hashrate between countries. */
export function banAndHalving(e: EventRecord): boolean {
  return (e.type === 'ban' && (e.phase === 'effective' || e.phase === 'lifted')) || e.type === 'halving';
}

/**
 * Vega-Lite layers drawing the markers (empty when there are none): dashed rules through the plot and the
 * labels above it, with the event names and dates as tooltips.
 */
export function markerLayers(markers: readonly Marker[]): VlSpec[] {
  if (markers.length === 0) return [];
  const data = { values: markers.map((m) => ({ date: m.date, label: m.label, y: -ROW_PX * (m.row + 1) })) };
  const x = { field: 'date', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'month' };
  const tooltip = [
    { field: 'label', type: 'nominal', title: 'event' },
    { field: 'date', type: 'nominal', title: 'date' },
  ];
  return [
    {
      data,
      mark: { type: 'rule', strokeDash: [4, 3], color: NEUTRAL.marker, strokeWidth: 1 },
      encoding: { x, tooltip },
    },
    {
      data,
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 2, fontSize: 10, color: '#333333' },
      encoding: { x, y: { field: 'y', type: 'quantitative', scale: null }, text: { field: 'label' }, tooltip },
    },
  ];
}
