import { describe, expect, test } from 'vitest';
import { checkFlag, checkFolder, checkSets, MAX_SEED, parseSeed, single, typedValues } from '../../src/cli/optionChecks.ts';

const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('options are checked as typed', () => {
  test('typedValues reads --name value, --name=value, a missing value, and --no-name for flags', () => {
    expect(typedValues(['run', 'x.yaml', '--seed', '7'], 'seed', true)).toEqual(['7']);
    expect(typedValues(['--seed=7', '--seed', '', '--seed'], 'seed', true)).toEqual(['7', '', null]);
    expect(typedValues(['--seed', '--out', 'x'], 'seed', true)).toEqual([null]);
    expect(typedValues(['--seed', '-3'], 'seed', true)).toEqual(['-3']);
    expect(typedValues(['--quiet', '--quiet=maybe', '--no-quiet'], 'quiet', false)).toEqual([null, 'maybe', 'false']);
    expect(typedValues(['--', '--seed', '1'], 'seed', true)).toEqual([]);
  });

  test('a seed is an exact integer from 0 to 2^53 - 1; anything else is refused, quoting what was typed', () => {
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed('42')).toBe(42);
    expect(parseSeed(String(MAX_SEED))).toBe(MAX_SEED);
    const refused = (typed: string | null) => message(() => parseSeed(typed));
    const expected = (found: string) => `--seed: expected an integer from 0 to 9007199254740991, found ${found}`;
    expect(refused(null)).toBe(expected('nothing'));
    expect(refused('')).toBe(expected('""'));
    expect(refused('abc')).toBe(expected('"abc"'));
    expect(refused('NaN')).toBe(expected('"NaN"'));
    expect(refused('1e400')).toBe(expected('"1e400"'));
    expect(refused('1.5')).toBe(expected('"1.5"'));
    expect(refused('-3')).toBe(expected('"-3"'));
    expect(refused(' 7')).toBe(expected('" 7"'));
    expect(refused('0x10')).toBe(expected('"0x10"'));
    expect(refused('9007199254740992')).toBe(expected('"9007199254740992"'));
    expect(refused('99999999999999999999')).toBe(expected('"99999999999999999999"'));
  });

  test('a repeated single-valued option is refused before any work', () => {
    expect(message(() => single(['--out', 'a', '--out', 'b'], 'out', 'folder'))).toBe('--out: expected one folder, found 2: "a", "b"');
    expect(single(['--out', 'a'], 'out', 'folder')).toBe('a');
    expect(single([], 'out', 'folder')).toBeUndefined();
    expect(message(() => checkFolder(['--out', ''], 'out'))).toBe('--out: expected a folder, found ""');
    expect(message(() => checkFolder(['--out'], 'out'))).toBe('--out: expected a folder, found nothing');
  });

  test('a flag takes no value, true or false', () => {
    expect(message(() => checkFlag(['--quiet=maybe'], 'quiet'))).toBe('--quiet: expected no value, true or false, found "maybe"');
    expect(message(() => checkFlag(['--quiet=1'], 'quiet'))).toBe('--quiet: expected no value, true or false, found "1"');
    for (const ok of [['--quiet'], ['--quiet=true'], ['--quiet=false'], ['--no-quiet'], []]) expect(message(() => checkFlag(ok, 'quiet'))).toBe('no error');
  });

  test('--set must be path=value on a scenario field: extends, remove and $schema are file keys', () => {
    expect(message(() => checkSets(['--set', 'extends=/etc/passwd']))).toBe(
      '--set: expected a path to a scenario field, found "extends" (extends, remove, $schema belong to a scenario file: write them in a file that extends this one)',
    );
    expect(message(() => checkSets(['--set', 'remove=[a]']))).toMatch(/^--set: expected a path to a scenario field, found "remove"/);
    expect(message(() => checkSets(['--set']))).toBe('--set: expected path=value (e.g. events.sichuan-ban.effective=2021-09-01), found nothing');
    expect(message(() => checkSets(['--set', 'abc']))).toBe('--set: expected path=value (e.g. events.sichuan-ban.effective=2021-09-01), found "abc"');
    expect(message(() => checkSets(['--set', 'a..b=1']))).toBe('--set: expected a dotted path like regions.KZ.capacityMw, found "a..b"');
    expect(message(() => checkSets(['--set', 'regions.KZ.capacityMw=5', '--set=name=x']))).toBe('no error');
  });
});
