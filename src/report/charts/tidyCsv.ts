/**
 * Reads the tidy CSV files hashsim writes (header row, comma separated, no quoting) into records. Numbers become
 * numbers; every other cell stays text. A malformed file is reported with its line, never half-read.
 */
import { readFileSync } from 'node:fs';
import { ResultsError } from './resultsError.ts';

/** A row of a tidy CSV: column name -> number or text. */
export type Row = Record<string, number | string>;

/** A parsed CSV file: its columns, in order, and its rows. */
export interface Table {
  file: string;
  columns: string[];
  rows: Row[];
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Parses CSV text; `file` names it in error messages.
 * @example parseCsv('a,b\nx,1\n', 'f.csv').rows // [{a: 'x', b: 1}]
 */
export function parseCsv(text: string, file: string): Table {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0 || lines[0].trim() === '') throw new ResultsError(`${file}:1:1: expected a header row, found an empty file`);
  const columns = lines[0].replace(/\r$/, '').split(',');
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].replace(/\r$/, '').split(',');
    if (cells.length !== columns.length) {
      throw new ResultsError(`${file}:${i + 1}:1: expected ${columns.length} cells (${columns.join(',')}), found ${cells.length}`);
    }
    const row: Row = {};
    for (let c = 0; c < columns.length; c++) row[columns[c]] = NUMBER.test(cells[c]) ? Number(cells[c]) : cells[c];
    rows.push(row);
  }
  return { file, columns, rows };
}

/** Reads and parses a CSV file. */
export function readCsv(path: string): Table {
  return parseCsv(readFileSync(path, 'utf8'), path);
}

/**
 * Checks that a table has the columns a chart needs, and that the named ones hold numbers in every row.
 * @example requireColumns(t, ['month', 'country'], ['hashrate_ehs'])
 */
export function requireColumns(t: Table, text: readonly string[], numeric: readonly string[]): void {
  for (const c of [...text, ...numeric]) {
    if (!t.columns.includes(c)) throw new ResultsError(`${t.file}:1:1: expected a column "${c}", found ${t.columns.join(',')}`);
  }
  t.rows.forEach((row, i) => {
    for (const c of numeric) {
      if (typeof row[c] !== 'number' || !Number.isFinite(row[c])) {
        const col = t.columns.indexOf(c) + 1;
        throw new ResultsError(`${t.file}:${i + 2}:${col} ${c}: expected a number, found ${JSON.stringify(row[c])}`);
      }
    }
  });
}
