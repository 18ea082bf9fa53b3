/**
 * Checking command-line options as they were typed, before any work: yargs turns `--seed abc` into NaN,
 * `--quiet=maybe` into false and a repeated `--out` into a list, so the checks here read the typed tokens and
 * refuse anything that is not exactly one clear value, with a message that quotes what was typed
 * (`--seed: expected an integer from 0 to 9007199254740991, found "abc"`). Commands call them from a yargs
 * `.check()`, so a mistake exits 2 (through main.ts) before a scenario is read.
 */
import { setSyntaxProblem } from '../scenario/overrides.ts';

/** The largest seed: seeds are exact integers (2^53 - 1), so that a seed names exactly one run. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** A mistake in the options; its message is printed as `hashsim: <message>` (exit 2). */
export class OptionError extends Error {}

/** What was typed after an option: its text, or `null` for an option typed without a value (`--seed` last). */
export type Typed = string | null;

/**
 * The values typed for option `--name`, in order: `--name value` and `--name=value` give the value; `--name`
 * followed by another option or by nothing gives `null`; for a flag (`takesValue` false) `--name` gives `null`
 * and `--no-name` gives `"false"`. Scanning stops at `--`.
 * @example typedValues(['run', 'x.yaml', '--seed', 'abc'], 'seed', true) // ['abc']
 */
export function typedValues(args: readonly string[], name: string, takesValue: boolean): Typed[] {
  const out: Typed[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (a === `--${name}`) {
      if (!takesValue) out.push(null);
      else {
        const next = args[i + 1];
        const isValue = next !== undefined && next !== '--' && (!next.startsWith('--') || next === '') && !/^-[A-Za-z]/.test(next);
        out.push(isValue ? next : null);
        if (isValue) i++;
      }
    } else if (a.startsWith(`--${name}=`)) out.push(a.slice(name.length + 3));
    else if (!takesValue && a === `--no-${name}`) out.push('false');
  }
  return out;
}

/** `"abc"` for a typed text, `nothing` for an option typed without a value. */
export function quoteTyped(v: Typed): string {
  return v === null ? 'nothing' : JSON.stringify(v);
}

/**
 * The seed typed after `--seed`: digits only, at most `MAX_SEED`. Throws `OptionError` quoting what was typed.
 * @example parseSeed('42') // 42; parseSeed('1e400') throws '--seed: expected an integer from 0 to 9007199254740991, found "1e400"'
 */
export function parseSeed(typed: Typed, option = '--seed'): number {
  const value = typed !== null && /^\d{1,16}$/.test(typed) ? Number(typed) : NaN;
  if (!Number.isSafeInteger(value) || value > MAX_SEED) {
    throw new OptionError(`${option}: expected an integer from 0 to ${MAX_SEED}, found ${quoteTyped(typed)}`);
  }
  return value;
}

/** At most one value of `--name` was typed; returns it (undefined when the option is absent). */
export function single(args: readonly string[], name: string, what: string): Typed | undefined {
  const values = typedValues(args, name, true);
  if (values.length > 1) throw new OptionError(`--${name}: expected one ${what}, found ${values.length}: ${values.map(quoteTyped).join(', ')}`);
  return values[0];
}

/** A flag typed as `--name`, `--name=true`, `--name=false` or `--no-name`, nothing else. */
export function checkFlag(args: readonly string[], name: string): void {
  for (const v of typedValues(args, name, false)) {
    if (v !== null && v !== 'true' && v !== 'false') throw new OptionError(`--${name}: expected no value, true or false, found ${quoteTyped(v)}`);
  }
}

/** Every `--set` is `path=value` with a dotted path naming a scenario field (see overrides.ts). */
export function checkSets(args: readonly string[]): void {
  for (const v of typedValues(args, 'set', true)) {
    const problem = v === null ? 'expected path=value (e.g. events.sichuan-ban.effective=2021-09-01), found nothing' : setSyntaxProblem(v);
    if (problem) throw new OptionError(`--set: ${problem}`);
  }
}

/** A folder option: one value, not empty. */
export function checkFolder(args: readonly string[], name: string): void {
  const v = single(args, name, 'folder');
  if (v === null || v === '') throw new OptionError(`--${name}: expected a folder, found ${quoteTyped(v ?? null)}`);
}
