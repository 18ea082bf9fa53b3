/**
 * The scenario parameters a calibration fits: `--param PATH=PRIOR` names a number field of the scenario (as
 * `--set PATH=value` would), and each particle's values are applied to the resolved scenario exactly as `--set`
 * overrides would be, without reading the file again. The prior is truncated to the field's bounds (a share stays
 * in [0, 1]), since the scenario would refuse values outside them.
 */
import { withOverrides } from '../../run/runScenario.ts';
import { canonicalHash, formatIssue, ScenarioError, ScenarioSchema, type ResolvedScenario } from '../../scenario/index.ts';
import { childSchema, isMap, resolveUnion, type Schema } from '../../scenario/schemaWalk.ts';
import { priorQuantile, type Prior } from './priors.ts';

/** A parameter to calibrate as the user wrote it. */
export interface ParameterSpec {
  /** Field path as `--set` takes it: `behaviour.hideProbability`, `events.sichuan-ban.enforcement`. */
  path: string;
  prior: Prior;
}

/** Bounds of a number field (from the scenario schema). */
export interface FieldBounds {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

/** A parameter checked against a scenario: where it lives in the resolved data, and its field's bounds. */
export interface ScenarioParameter extends ParameterSpec {
  /** Segments into the resolved data (event ids replaced by the event's index). */
  segments: (string | number)[];
  bounds: FieldBounds;
}

/** A `--param` that cannot be calibrated, with a message naming it. */
export class ParameterError extends Error {}

/**
 * Checks every parameter against the scenario (the path exists and is a number field, its prior's median is a valid
 * value) and finds its bounds. Throws `ParameterError` with one line per problem.
 * @example resolveParameters(loadScenario('scenarios/small.yaml'), [{path: 'behaviour.hideProbability', prior}])[0].bounds // {minimum: 0, maximum: 1}
 */
export function resolveParameters(resolved: ResolvedScenario, specs: readonly ParameterSpec[]): ScenarioParameter[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const out: ScenarioParameter[] = [];
  for (const spec of specs) {
    if (seen.has(spec.path)) {
      problems.push(`--param ${spec.path}: given twice`);
      continue;
    }
    seen.add(spec.path);
    const median = priorQuantile(spec.prior, 0.5);
    let probe: ResolvedScenario;
    try {
      probe = withOverrides(resolved, [`${spec.path}=${formatNumber(median)}`]);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      for (const i of e.issues) {
        const message = formatIssue(i).replace(/^--set [^:]*: /, '').replace(/^unknown --set path: /, 'unknown path: ');
        problems.push(`--param ${spec.path}: ${i.file === '--set' && /^expected a number/.test(i.message) ? `the prior's median must be a valid value: ${message}` : message}`);
      }
      continue;
    }
    const found = fieldAt(probe.data, spec.path);
    if (typeof found === 'string') {
      problems.push(`--param ${spec.path}: ${found}`);
      continue;
    }
    const current = valueAt(resolved.data, found.segments);
    if (found.kind === 'TimeValue' && current !== undefined && typeof current !== 'number' && !(isMap(current) && 'dist' in current)) {
      problems.push(`--param ${spec.path}: expected a field holding a number or a distribution, found a time path (a formula or a series) that a constant would replace`);
      continue;
    }
    out.push({ ...spec, segments: found.segments, bounds: found.bounds });
  }
  if (problems.length > 0) throw new ParameterError(problems.join('\n'));
  return out;
}

function valueAt(data: unknown, segments: readonly (string | number)[]): unknown {
  let node = data;
  for (const s of segments) node = (node as Record<string | number, unknown> | undefined)?.[s];
  return node;
}

/** The data segments, bounds and kind of the field at `path`, or a message saying why it is not a number field. */
function fieldAt(data: unknown, path: string): { segments: (string | number)[]; bounds: FieldBounds; kind: string } | string {
  const parts = path.split('.');
  let schema: Schema | undefined = ScenarioSchema as Schema;
  let node: unknown = data;
  const segments: (string | number)[] = [];
  let declared: Schema | undefined;
  for (let i = 0; i < parts.length; i++) {
    let key: string | number = parts[i];
    if (Array.isArray(node)) {
      const list: unknown[] = node;
      const index = i === 1 && parts[0] === 'events' ? list.findIndex((e) => isMap(e) && e.id === key) : /^\d+$/.test(parts[i]) ? Number(parts[i]) : -1;
      if (index < 0 || index >= list.length) return `no item "${parts[i]}" in ${parts.slice(0, i).join('.')}`;
      key = index;
    }
    declared = childSchema(schema, key);
    node = (node as Record<string | number, unknown>)[key];
    schema = resolveUnion(declared, node);
    segments.push(key);
  }
  const kind = declared?.['x-kind'];
  if (kind !== 'Number' && kind !== 'TimeValue') return `expected a number field (e.g. behaviour.hideProbability), found ${declared?.type === 'integer' ? 'an integer field' : 'a field that is not a number'}`;
  const plain: Schema = declared!.anyOf?.[0] ?? {};
  const bounds: FieldBounds = {};
  if (plain.minimum !== undefined) bounds.minimum = plain.minimum;
  if (plain.maximum !== undefined) bounds.maximum = plain.maximum;
  if (plain.exclusiveMinimum !== undefined) bounds.exclusiveMinimum = plain.exclusiveMinimum;
  return { segments, bounds, kind };
}

/**
 * True when every value of `theta` is within its field's bounds (the support of the truncated priors).
 * @example withinBounds(params, [0.5]) // true for a share
 */
export function withinBounds(params: readonly ScenarioParameter[], theta: readonly number[]): boolean {
  for (let k = 0; k < params.length; k++) {
    const b = params[k].bounds;
    const x = theta[k];
    if (!Number.isFinite(x)) return false;
    if (b.minimum !== undefined && x < b.minimum) return false;
    if (b.maximum !== undefined && x > b.maximum) return false;
    if (b.exclusiveMinimum !== undefined && x <= b.exclusiveMinimum) return false;
  }
  return true;
}

/**
 * A number as an override writes it: the shortest text that reads back as the same double.
 * @example formatNumber(0.1 + 0.2) // '0.30000000000000004'
 */
export function formatNumber(x: number): string {
  return String(x);
}

/**
 * The `--set` overrides that give a particle's values.
 * @example parameterOverrides(params, [0.12]) // ['behaviour.hideProbability=0.12']
 */
export function parameterOverrides(params: readonly ScenarioParameter[], theta: readonly number[]): string[] {
  return params.map((p, k) => `${p.path}=${formatNumber(theta[k])}`);
}

/**
 * Applies a particle's values to a scenario resolved with the parameters already overridden once (`base`, from
 * `parameterBase`), by copying its data and setting the values: the same data and hash as
 * `withOverrides(resolved, parameterOverrides(params, theta))`, without reading and validating the file again.
 * Values must be within bounds (`withinBounds`).
 * @example compileTemplate(applyParameters(base, params, [0.12]))
 */
export function applyParameters(base: ResolvedScenario, params: readonly ScenarioParameter[], theta: readonly number[]): ResolvedScenario {
  const data = structuredClone(base.data) as Record<string, unknown>;
  params.forEach((p, k) => {
    let node = data as Record<string | number, unknown>;
    for (const s of p.segments.slice(0, -1)) node = node[s] as Record<string | number, unknown>;
    node[p.segments[p.segments.length - 1]] = theta[k];
  });
  const sets = [...base.sets.slice(0, base.sets.length - params.length), ...parameterOverrides(params, theta)];
  return { ...base, data, hash: canonicalHash(data), sets };
}

/**
 * The scenario with every parameter overridden once (at its prior's median): the base `applyParameters` copies,
 * with every map the overrides need already created and defaulted.
 * @example const base = parameterBase(resolved, params)
 */
export function parameterBase(resolved: ResolvedScenario, params: readonly ScenarioParameter[]): ResolvedScenario {
  return withOverrides(resolved, parameterOverrides(params, params.map((p) => priorQuantile(p.prior, 0.5))));
}
