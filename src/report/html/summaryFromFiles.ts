/**
 * The summary table `hashsim run` prints (src/report/summary.ts), rebuilt from a results folder's files:
 * country shares of hashing hashrate at the first month, the month before the first ban takes effect, the trough
 * of network hashrate after it, and the last month; network EH/s last. A test checks it matches the printed one,
 * but for a share lying exactly on a rounding edge (6.05%), whose last digit the files' 6 decimals cannot settle.
 */
import { fsum } from 'd3-array';
import type { ResultsFolder } from '../charts/resultsFolder.ts';

/** The table as a header and rows of cells. */
export interface SummaryCells {
  head: string[];
  rows: string[][];
}

/**
 * The table's cells, or undefined when the folder lacks countries.csv or network.csv.
 * @example summaryCells(readResults('results/china-2021'))?.head // ['country', '2020-01 first', '2021-03 pre-ban', ...]
 */
export function summaryCells(folder: ResultsFolder): SummaryCells | undefined {
  const { countries, network } = folder;
  if (!countries || !network || network.rows.length === 0) return undefined;
  const months = network.rows.map((r) => String(r.month));
  const hashrate = network.rows.map((r) => Number(r.hashrate_ehs));
  const last = months.length - 1;
  const picks: { label: string; step: number }[] = [{ label: 'first', step: 0 }];
  const firstBan = (folder.events ?? []).filter((e) => e.type === 'ban' && e.phase === 'effective').map((e) => e.date).sort()[0];
  let preBan = -1;
  if (firstBan !== undefined) {
    preBan = months.indexOf(firstBan.slice(0, 7)) - 1;
    if (preBan >= 0) picks.push({ label: 'pre-ban', step: preBan });
  }
  let trough = Math.max(0, preBan);
  for (let s = trough + 1; s <= last; s++) if (hashrate[s] < hashrate[trough]) trough = s;
  picks.push({ label: 'trough', step: trough }, { label: 'end', step: last });
  const seen = new Set<number>();
  const steps = picks.filter((p) => (seen.has(p.step) ? false : (seen.add(p.step), true))).sort((a, b) => a.step - b.step);

  // Shares from the EH/s columns (6 decimals of EH/s) rather than the share column (6 decimals of a fraction):
  // a hundred times closer to the exact shares run rounds, so the last digit matches but on the finest of edges.
  const hashing = new Map<string, number>();
  const monthTotal = new Map<string, number[]>();
  for (const r of countries.rows) {
    hashing.set(`${r.month}\t${r.country}`, Number(r.hashrate_ehs));
    const list = monthTotal.get(String(r.month));
    if (list) list.push(Number(r.hashrate_ehs));
    else monthTotal.set(String(r.month), [Number(r.hashrate_ehs)]);
  }
  const share = new Map<string, number>();
  for (const [key, h] of hashing) {
    const total = fsum(monthTotal.get(key.split('\t')[0])!);
    share.set(key, total > 0 ? h / total : 0);
  }
  const names = [...new Set(countries.rows.map((r) => String(r.country)))].sort();
  const head = ['country', ...steps.map((p) => `${months[p.step]} ${p.label}`)];
  const rows = names.map((c) => [c, ...steps.map((p) => `${((share.get(`${months[p.step]}\t${c}`) ?? 0) * 100).toFixed(1)}%`)]);
  rows.push(['network EH/s', ...steps.map((p) => hashrate[p.step].toFixed(1))]);
  return { head, rows };
}

/** The table as the text `hashsim run` prints (columns padded, two spaces apart). */
export function summaryText(cells: SummaryCells): string {
  const widths = cells.head.map((h, i) => Math.max(h.length, ...cells.rows.map((r) => r[i].length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(cells.head), ...cells.rows.map(line)].join('\n') + '\n';
}
