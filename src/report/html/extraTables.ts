/** Tables the report shows besides charts, for folders that have them (comparison totals, backtest metrics...). */
import type { ResultsFolder } from '../charts/resultsFolder.ts';
import type { Table } from '../charts/tidyCsv.ts';
import { escapeHtml } from './escape.ts';

/** A CSV table as HTML, numbers right-aligned as written. */
export function csvTableHtml(t: Table, caption: string): string {
  const head = `<thead><tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
  const body = t.rows.map(
    (r) => `<tr>${t.columns.map((c) => (typeof r[c] === 'number' ? `<td class="num">${r[c]}</td>` : `<td>${escapeHtml(String(r[c]))}</td>`)).join('')}</tr>`,
  );
  return `<table class="csv"><caption>${escapeHtml(caption)}</caption>${head}<tbody>\n${body.join('\n')}\n</tbody></table>`;
}

/** The extra tables of a folder (empty text when it has none). */
export function extraTables(folder: ResultsFolder): string {
  const parts: string[] = [];
  if (folder.compareTotals) parts.push('<h2 id="compare-totals">Comparison: totals over the run</h2>', csvTableHtml(folder.compareTotals, 'compare_totals.csv'));
  if (folder.metrics) parts.push('<h2 id="backtest-metrics">Backtest metrics</h2>', csvTableHtml(folder.metrics, 'metrics.csv'));
  return parts.join('\n');
}
