/**
 * The limits that validation enforces are stated twice for their readers: in README.md (the overview) and in
 * scenarios/README.md (the reference). Both tables must be the same table, and the figures in it must be the
 * constants the code checks, so that neither can drift from the other or from the program.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { MAX_EXTENDS } from '../../src/scenario/extends.ts';
import { MAX_FORMULA_CHARS, MAX_FORMULA_DEPTH } from '../../src/scenario/formula.ts';
import { MAX_AGENT_MONTHS, MAX_AGENTS, MAX_COMPOUND_MULTIPLIER, MAX_EVENTS, MAX_MONTHS, MAX_REGIONS, MAX_SERIES, MAX_YEAR, MIN_YEAR } from '../../src/scenario/limits.ts';
import { MAX_FILE_BYTES } from '../../src/scenario/load.ts';
import { MAX_CSV_BYTES } from '../../src/scenario/series.ts';

const ROOT = new URL('../../', import.meta.url);

/** The rows of the markdown table whose header is `| what | limit | where it is checked |`. */
function limitsTable(file: string): string[] {
  const lines = readFileSync(new URL(file, ROOT), 'utf8').split('\n');
  const start = lines.indexOf('| what | limit | where it is checked |');
  expect(start, `${file} has the limits table`).toBeGreaterThanOrEqual(0);
  const rows: string[] = [];
  for (let i = start; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i]);
  return rows;
}

/** The limit cell of the row whose first cell starts with `what`. */
function limitOf(rows: string[], what: string): string {
  const row = rows.find((r) => r.split('|')[1].trim().startsWith(what));
  expect(row, `a row for ${what}`).toBeDefined();
  return row!.split('|')[2].trim();
}

const thousands = (n: number) => n.toLocaleString('en-US');

describe('the limits table', () => {
  const readme = limitsTable('README.md');

  test('README.md and scenarios/README.md carry the same table', () => {
    expect(readme.length).toBeGreaterThan(10);
    expect(readme).toEqual(limitsTable('scenarios/README.md'));
  });

  test('its figures are the constants validation checks', () => {
    expect(limitOf(readme, 'months and dates')).toBe(`${MIN_YEAR}-01 to ${MAX_YEAR}-12`);
    expect(limitOf(readme, 'horizon')).toBe(`${MAX_MONTHS} months (${MAX_MONTHS / 12} years)`);
    expect(limitOf(readme, 'regions')).toBe(String(MAX_REGIONS));
    expect(limitOf(readme, 'events; move routes')).toBe(`${MAX_EVENTS} each`);
    expect(limitOf(readme, 'named `series`')).toBe(String(MAX_SERIES));
    expect(limitOf(readme, '`agents.count`')).toBe(`1 to ${thousands(MAX_AGENTS)}`);
    expect(limitOf(readme, 'agents over a run')).toBe(thousands(MAX_AGENTS));
    expect(limitOf(readme, 'agent-months')).toContain(thousands(MAX_AGENT_MONTHS));
    expect(limitOf(readme, 'product of the multipliers')).toBe(thousands(MAX_COMPOUND_MULTIPLIER));
    expect(limitOf(readme, 'formulas')).toBe(`${MAX_FORMULA_CHARS} characters, ${MAX_FORMULA_DEPTH} levels of nesting`);
    expect(limitOf(readme, 'scenario file')).toContain(`at most ${thousands(MAX_FILE_BYTES)} bytes`);
    expect(limitOf(readme, 'scenario file')).toContain(`${MAX_EXTENDS} files in an \`extends\` chain`);
    expect(limitOf(readme, 'CSV file')).toContain(`at most ${thousands(MAX_CSV_BYTES)} bytes`);
  });
});
