/**
 * Series: values at some months, turned into one value per simulated month. Rule: linear interpolation (in
 * months) between points; before the first point the first value is held, after the last point the last.
 * Points come from an inline map `{2021-01: 33000, 2021-06: 45000}` or from a CSV column.
 */
import { readFileSync } from 'node:fs';
import { monthOfText, parseMonth } from './dates.ts';
import type { MonthIndex } from '../plan/plan.ts';
import { suggestion } from './schemaWalk.ts';

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
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { where: 'csv', message: `expected an existing CSV file, found ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : `an unreadable file (${code})`}: ${file}` };
  }
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
      col = header.indexOf(column);
      if (col < 1) {
        const names = header.slice(1);
        return { where: 'column', message: `expected a column of ${file} (${names.join(', ')}), found ${JSON.stringify(column)}${suggestion(column, names)}` };
      }
      continue;
    }
    const month = monthOfText(cells[0]);
    if (month === undefined) return { where: { line: i + 1, column: 1 }, message: `expected a month YYYY-MM or a date YYYY-MM-DD in the first column, found ${JSON.stringify(cells[0])}` };
    const cell = cells[col] ?? '';
    if (cell === '') continue;
    const value = Number(cell);
    if (!Number.isFinite(value)) {
      const at = line.split(',').slice(0, col).join(',').length + 2;
      return { where: { line: i + 1, column: at }, message: `expected a number in column ${JSON.stringify(column)}, found ${JSON.stringify(cell)}` };
    }
    const s = sums.get(month) ?? { sum: 0, n: 0 };
    s.sum += value;
    s.n += 1;
    sums.set(month, s);
  }
  if (!header) return { where: 'csv', message: `expected a CSV file with a header line, found an empty file: ${file}` };
  if (sums.size === 0) return { where: 'column', message: `expected column ${JSON.stringify(column)} of ${file} to have values, found none` };
  return { points: [...sums].map(([month, { sum, n }]) => ({ month, value: sum / n })) };
}
