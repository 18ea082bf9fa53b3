/**
 * Fuzz cases: case `index` of fuzz seed `seed` is a copy of the shipped scenarios with one to three mutations
 * (mutations.ts) applied to one of them (or to a child that extends it), with its overrides and run seed.
 * Deterministic: the same seed and index give the same case.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mutate, type Draft } from './mutations.ts';
import { Chooser } from './random.ts';

/** The shipped scenarios folder (its data/ folder is linked into every case folder). */
export const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** One case: the files of its folder, the file given to the commands, overrides, run seed, and what was done. */
export interface FuzzCase {
  /** `seed:index`. */
  id: string;
  files: Record<string, string>;
  /** The scenario file given to `validate` and `run` (a name in the case folder, or an absolute path). */
  entry: string;
  sets: string[];
  seed?: number;
  /** Files (names in the case folder, absolute paths, or `--set`) where the mutations wrote something. */
  blame: string[];
  notes: string[];
}

let shipped: Map<string, string> | undefined;

/** The shipped scenario files, by name (read once). */
export function shippedScenarios(): Map<string, string> {
  shipped ??= new Map(
    readdirSync(SCENARIOS_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => [f, readFileSync(join(SCENARIOS_DIR, f), 'utf8')]),
  );
  return shipped;
}

/**
 * Case `index` of fuzz seed `seed`. Every 8th case (index % 8 === 0) is an unmutated shipped scenario with a
 * random seed: valid input must run cleanly too.
 * @example makeCase(1, 42).notes // ['china-2021.yaml: network.initialHashrateEhs = 1e-300', ...]
 */
export function makeCase(seed: number, index: number): FuzzCase {
  const c = new Chooser(seed, index);
  const files = shippedScenarios();
  const entry = c.pick([...files.keys()]);
  const d: Draft = { files: new Map(files), entry, sets: [], blame: new Set(), notes: [`entry ${entry}`] };
  if (index % 8 === 0) {
    d.seed = c.int(0, 1_000_000);
    d.notes.push(`unmutated, run seed ${d.seed}`);
  } else {
    const n = c.weighted({ 1: 6, 2: 3, 3: 1 });
    for (let k = 0; k < Number(n); k++) mutate(d, c);
  }
  return { id: `${seed}:${index}`, files: Object.fromEntries(d.files), entry: d.entry, sets: d.sets, seed: d.seed, blame: [...d.blame], notes: d.notes };
}
