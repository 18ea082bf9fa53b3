/**
 * Series: values at some months, turned into one value per simulated month. Rule: linear interpolation (in
 * months) between points; before the first point the first value is held, after the last point the last.
 * Points come from an inline map `{2021-01: 33000, 2021-06: 45000}` or from a CSV column.
 */
import { monthOfText, parseMonth } from './dates.ts';
import type { MonthIndex } from '../plan/plan.ts';
import { readRegularFile } from './readFile.ts';
import { describePath, describeValue } from './errors.ts';
import { suggestion } from './schemaWalk.ts';

/** CSV files larger than this are refused (the shipped data files are a few kilobytes). */
export const MAX_CSV_BYTES = 20_000_000;
/** What a column name of a CSV header may look like (a word, units in brackets, no `:` `=` or quotes). */
const HEADER_CELL = /^[A-Za-z0-9_ .()%/+*-]{1,80}$/;

/** A value at a month. */
export interface SeriesPoint {
  month: MonthIndex;
  value: number;
}

/**
 * One value per month for `months` months from `startMonth`, from points (any order, at least one).
 * @example interpolate([{month: 0, value: 0}, {month: 4, value: 8}], -1, 7) // [0, 0, 2, 4, 6, 8, 8]
 */
export function interpolate(points: readonly SeriesPoint[], startMonth: MonthIndex, months: number): Float64Array {
  const pts = [...points].sort((a, b) => a.month - b.month);
  const out = new Float64Array(months);
  let j = 0;
  for (let i = 0; i < months; i++) {
    const m = startMonth + i;
    while (j < pts.length - 1 && pts[j + 1].month <= m) j++;
    const a = pts[j];
    const b = pts[j + 1];
    if (m <= pts[0].month) out[i] = pts[0].value;
    else if (!b) out[i] = a.value;
    else out[i] = a.value + ((b.value - a.value) * (m - a.month)) / (b.month - a.month);
  }
  return out;
}

/** Points of an inline series `{YYYY-MM: value}` (keys already validated). */
export function inlinePoints(series: Record<string, number>): SeriesPoint[] {
  return Object.entries(series).map(([k, value]) => ({ month: parseMonth(k)!, value }));
}

/** A problem in a CSV series: `where` says which node of the scenario to blame, or a line of the CSV file. */
export interface CsvProblem {
  where: 'csv' | 'column' | { line: number; column: number };
  message: string;
}

/**
 * Reads `column` of a CSV file as monthly points. Lines starting with `#` are comments; the first other line
 * is the header; the first column is the month (`YYYY-MM` or `YYYY-MM-DD`); several rows in one month are
 * averaged; empty cells are skipped.
 */
export function readCsvSeries(file: string, column: string): { points: SeriesPoint[] } | CsvProblem {
  const read = readRegularFile(file, MAX_CSV_BYTES);
  if (!read.ok && read.at) return { where: read.at, message: `expected a CSV file of text, found ${read.found}` };
  if (!read.ok) return { where: 'csv', message: `expected ${read.missing ? 'an existing CSV file' : 'a CSV file'}, found ${read.found}: ${describePath(file)}` };
  const text = read.text;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let header: string[] | undefined;
  let col = -1;
  const sums = new Map<number, { sum: number; n: number }>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const cells = line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (!header) {
      header = cells;
      // Quote nothing of a file that is not a CSV table (`csv: /etc/passwd`): its first line may be a secret.
      if (header.length < 2 || !header.every((h) => HEADER_CELL.test(h))) {
        return { where: 'csv', message: `expected a CSV file whose first line names its columns (the month first), found a first line that is not a CSV header: ${describePath(file)}` };
      }
      col = header.indexOf(column);
      if (col < 1) {
        const names = header.slice(1);
        const listed = names.length > 12 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
        return { where: 'column', message: `expected a column of ${describePath(file)} (${listed}), found ${JSON.stringify(column)}${suggestion(column, names)}` };
      }
      continue;
    }
    const month = monthOfText(cells[0]);
    if (month === undefined) return { where: { line: i + 1, column: 1 }, message: `expected a month YYYY-MM or a date YYYY-MM-DD in the first column, found ${describeValue(cells[0])}` };
    const cell = cells[col] ?? '';
    if (cell === '') continue;
    const value = Number(cell);
    if (!Number.isFinite(value)) {
      const at = line.split(',').slice(0, col).join(',').length + 2;
      return { where: { line: i + 1, column: at }, message: `expected a number in column ${JSON.stringify(column)}, found ${describeValue(cell)}` };
    }
    const s = sums.get(month) ?? { sum: 0, n: 0 };
    s.sum += value;
    s.n += 1;
    sums.set(month, s);
  }
  if (!header) return { where: 'csv', message: `expected a CSV file with a header line, found an empty file: ${describePath(file)}` };
  if (sums.size === 0) return { where: 'column', message: `expected column ${JSON.stringify(column)} of ${describePath(file)} to have values, found none` };
  return { points: [...sums].map(([month, { sum, n }]) => ({ month, value: sum / n })) };
}
