/**
 * `loadScenario`: file -> resolved scenario. Reads the file (YAML or JSON, with positions), resolves `extends`
 * and `remove`, applies `--set` overrides, validates against the schema and the cross-field checks (collecting
 * every problem), fills in defaults, and records the origin of every value.
 */
import { basename } from 'node:path';
import { canonicalHash } from './canonical.ts';
import { crossCheck } from './checks.ts';
import { applyDefaults, originsOf } from './defaults.ts';
import { IssueList, ScenarioError } from './errors.ts';
import { resolveExtends } from './extends.ts';
import { toPlain } from './load.ts';
import { applySets } from './overrides.ts';
import { validateShape } from './validate.ts';

/** A scenario after `extends`, `remove`, `--set` and defaults: what `explain` prints and the manifest stores. */
export interface ResolvedScenario {
  /** Scenario name (the `name` field, or the file name without extension). */
  name: string;
  /** The file as given by the user. */
  file: string;
  /** Plain JSON of the resolved scenario. */
  data: unknown;
  /** Field path -> where its value comes from: `scenarios/x.yaml:12:5`, `--set` or `default`. */
  origins: Map<string, string>;
  /** sha256 hex of `canonicalJson(data)`. */
  hash: string;
  /** The scenario's `seed` (default 1), used when the command line gives none. */
  defaultSeed: number;
  /** The `--set` overrides it was loaded with, in order. */
  sets: readonly string[];
  /** The files read: the scenario, then the file it extends, and so on (a value written later overrides). */
  files: readonly string[];
}

/** Options of `loadScenario`. */
export interface LoadOptions {
  /** Command-line overrides `path=value`, applied in order. */
  sets?: readonly string[];
}

/**
 * Loads, merges, overrides, validates and completes a scenario. Throws `ScenarioError` listing every problem
 * (never anything else for bad input).
 * @example loadScenario('scenarios/china-2021.yaml', {sets: ['events.sichuan-ban.effective=2021-09-01']})
 */
export function loadScenario(file: string, options: LoadOptions = {}): ResolvedScenario {
  const issues = new IssueList();
  try {
    const files: string[] = [];
    const root = resolveExtends(file, issues, files);
    if (!root) {
      issues.throwIfAny();
      throw new Error('scenario could not be read');
    }
    applySets(root, options.sets ?? [], issues);
    const raw = toPlain(root) as Record<string, unknown>;
    validateShape(root, raw, issues, files);
    crossCheck(root, raw, issues, files);
    issues.throwIfAny();

    const origins = originsOf(root, raw);
    applyDefaults(raw, origins);
    let name = raw.name as string | undefined;
    if (name === undefined) {
      name = basename(file).replace(/\.(ya?ml|json)$/i, '').replace(/[^A-Za-z0-9_.-]/g, '-') || 'scenario';
      origins.set('name', 'default');
    }
    const data: Record<string, unknown> = { name, ...raw };
    return { name, file, data, origins, hash: canonicalHash(data), defaultSeed: data.seed as number, sets: [...(options.sets ?? [])], files };
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw internalError(file, e);
  }
}

/** A bug met while reading bad input is still reported as a scenario problem, never as a stack trace. */
export function internalError(file: string, e: unknown): ScenarioError {
  const message = e instanceof Error ? e.message : String(e);
  return new ScenarioError([{ file, line: 1, column: 1, path: '(file)', message: `internal error while reading the scenario (please report it): ${message}` }]);
}
