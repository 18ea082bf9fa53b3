/**
 * CSV text with fixed number formats, so the same trajectory always gives the same bytes and pandas, R
 * and spreadsheets read it directly (comma separated, header row, `\n` line ends, no quoting needed).
 */
import { NonFiniteOutputError } from './finite.ts';

/**
 * Fixed-decimal text of a finite number, never an exponent (`1e+21`); -0 and tiny negatives from float noise
 * print as 0. A NaN or an infinity throws (outputs are checked finite before they are written, see finite.ts).
 * Example: `fixed(1/3, 3)` is `"0.333"`; `fixed(1e21, 1)` is `"1000000000000000000000.0"`.
 */
export function fixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) throw new NonFiniteOutputError(`a number to print is ${value}; no output was written`);
  // toFixed switches to an exponent from 1e21 on; such doubles are integers, printed exactly by BigInt.
  if (Math.abs(value) >= 1e21) return `${BigInt(value)}${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''}`;
  const text = value.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** Joins a header and rows into CSV text ending with a newline. */
export function toCsv(header: string[], rows: string[][]): string {
  const lines = [header.join(',')];
  for (const row of rows) lines.push(row.join(','));
  return lines.join('\n') + '\n';
}
