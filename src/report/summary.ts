/**
 * The short table `hashsim run` prints: country shares of hashing hashrate at the first month, the month
 * before the first ban takes effect, the trough of network hashrate after it, and the last month.
 */
import { formatMonth, monthOfDay } from '../engine/calendar.ts';
import type { Trajectory } from '../model/trajectory.ts';
import { THS_PER_EHS } from '../model/units.ts';
import { aggregateByCountry, shares } from './aggregate.ts';

/** Steps worth showing, with their labels (duplicates removed, in time order). */
export function keySteps(t: Trajectory): { label: string; step: number }[] {
  const last = t.months.length - 1;
  const picks: { label: string; step: number }[] = [{ label: 'first', step: 0 }];
  const firstBan = t.plan.events.filter((e) => e.type === 'ban').map((e) => (e.type === 'ban' ? e.effective : 0)).sort((a, b) => a - b)[0];
  let preBan = -1;
  if (firstBan !== undefined) {
    preBan = t.months.indexOf(formatMonth(monthOfDay(firstBan))) - 1;
    if (preBan >= 0) picks.push({ label: 'pre-ban', step: preBan });
  }
  // The trough: the lowest network hashrate after the first ban (over the whole run when there is none).
  let trough = Math.max(0, preBan);
  for (let s = trough + 1; s <= last; s++) if (t.network.hashingThs[s] < t.network.hashingThs[trough]) trough = s;
  picks.push({ label: 'trough', step: trough }, { label: 'end', step: last });
  const seen = new Set<number>();
  return picks.filter((p) => (seen.has(p.step) ? false : (seen.add(p.step), true))).sort((a, b) => a.step - b.step);
}

/** The table as text: a row per country, a column per key month, shares in percent; network EH/s last. */
export function summaryTable(t: Trajectory): string {
  const table = aggregateByCountry(t);
  const C = table.countries.length;
  const steps = keySteps(t);
  const head = ['country', ...steps.map((p) => `${t.months[p.step]} ${p.label}`)];
  const columns = steps.map((p) => shares(table.hashingThs.subarray(p.step * C, (p.step + 1) * C)));
  const rows = table.countries.map((country, c) => [country, ...columns.map((col) => `${(col[c] * 100).toFixed(1)}%`)]);
  rows.push(['network EH/s', ...steps.map((p) => (t.network.hashingThs[p.step] / THS_PER_EHS).toFixed(1))]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}
