/**
 * CSV text with fixed number formats, so the same trajectory always gives the same bytes and pandas, R
 * and spreadsheets read it directly (comma separated, header row, `\n` line ends, no quoting needed).
 */

/** Fixed-decimal text of a number; -0 and tiny negatives from float noise print as 0. Example: `fixed(1/3, 3)` is `"0.333"`. */
export function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** Joins a header and rows into CSV text ending with a newline. */
export function toCsv(header: string[], rows: string[][]): string {
  const lines = [header.join(',')];
  for (const row of rows) lines.push(row.join(','));
  return lines.join('\n') + '\n';
}
