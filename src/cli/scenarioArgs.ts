/**
 * What every command that takes a scenario shares: the repeatable `--set path=value` option, and helpers that
 * load or compile a scenario or print every problem to stderr and exit with code 2 (never a stack trace).
 */
import type { Options } from 'yargs';
import { formatIssue, loadScenario, ScenarioError, type ResolvedScenario } from '../scenario/index.ts';

/** The yargs option `--set` (repeatable): `--set events.sichuan-ban.effective=2021-09-01`. */
export const setOption = {
  type: 'string',
  array: true,
  describe: 'override a scenario value, path=value (repeatable), e.g. --set regions.KZ.capacityMw=2500',
} as const satisfies Options;

/** Prints a scenario's problems to stderr, one per line (`file:line:column path: message`). */
export function printScenarioError(e: ScenarioError): void {
  const lines = e.issues.map(formatIssue);
  if (e.omitted > 0) lines.push(`(and ${e.omitted} more problem${e.omitted === 1 ? '' : 's'})`);
  process.stderr.write(`${lines.join('\n')}\n`);
}

/** Runs `fn`; on a `ScenarioError` prints its problems and exits 2; on anything else reports an internal error, exit 1. */
export function orExit<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ScenarioError) {
      printScenarioError(e);
      process.exit(2);
    }
    process.stderr.write(`hashsim: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}

/** `loadScenario(file, {sets})`, or print every problem to stderr and exit 2. */
export function loadOrExit(file: string, sets: readonly string[] = []): ResolvedScenario {
  return orExit(() => loadScenario(file, { sets: sets.map(String) }));
}
