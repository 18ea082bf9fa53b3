/** The event log (events.jsonl) as an HTML table: date, event, type, phase, regions, agents and EH/s affected. */
import type { EventRecord } from '../charts/resultsFolder.ts';
import { escapeHtml } from './escape.ts';

/** @example eventsTableHtml([{date: '2021-06-20', event: 'sichuan-ban', ...}]) // '<table class="events">...' */
export function eventsTableHtml(events: readonly EventRecord[]): string {
  const head = ['date', 'event', 'type', 'phase', 'regions', 'agents', 'EH/s affected', 'detail'];
  const rows = events.map((e) =>
    [
      e.date,
      e.event,
      e.type,
      e.phase,
      e.regions.join(' '),
      e.agents === undefined ? '' : String(e.agents),
      e.hashrateEhs === undefined ? '' : e.hashrateEhs.toFixed(2),
      e.detail ?? '',
    ].map((cell, i) => `<td${i === 5 || i === 6 ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`),
  );
  return [
    '<table class="events">',
    `<thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((r) => `<tr>${r.join('')}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
}
