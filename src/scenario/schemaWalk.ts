/**
 * Reading the scenario schema at a place in the data: which branch of a union a value means
 * (`selectBranch`), the schema of a field (`childSchema`), and which maps merge deeply (`isStructural`).
 */
import { distance } from 'fastest-levenshtein';
import { describeValue } from './errors.ts';

/** A JSON Schema node as plain data (the TypeBox schema is one). */
export type Schema = Record<string, any>;

/** True for a plain (non-list) object. */
export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The best suggestion among `candidates` for a mistyped `word`, or undefined when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === word.toLowerCase() ? 0 : distance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

/** ` (did you mean "x"?)` or an empty string. */
export function suggestion(word: string, candidates: Iterable<string>): string {
  const s = didYouMean(word, candidates);
  return s === undefined ? '' : ` (did you mean "${s}"?)`;
}

/** The outcome of choosing a union branch for a value: a branch index, or a problem (at `key` when set). */
export type BranchChoice = { index: number } | { key?: string; message: string };

function jsonTypeMatches(schemaType: unknown, v: unknown): boolean {
  switch (schemaType) {
    case 'number':
      return typeof v === 'number';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isMap(v);
    default:
      return false;
  }
}

/**
 * Chooses the branch of a union (`anyOf`) that a value means, by its kind and its tag key: a map with `dist`
 * is a distribution (chosen by the value of `dist`), with `csv` a CSV series, with `gbm` a gbm path, with `type`
 * an event; another map is an inline series; a string is a formula; a number is a number.
 * @example selectBranch(timeValueSchema, {dist: 'normall'}) // {key: 'dist', message: 'expected one of ..., found "normall" (did you mean "normal"?)'}
 */
export function selectBranch(union: Schema, value: unknown): BranchChoice {
  const branches: Schema[] = union.anyOf ?? [];
  if (isMap(value)) {
    const tagKeys = [...new Set(branches.map((b) => b['x-tag']).filter((k): k is string => typeof k === 'string'))];
    for (const key of tagKeys) {
      if (!(key in value)) continue;
      const candidates = branches.map((b, index) => ({ b, index })).filter(({ b }) => b['x-tag'] === key);
      const consts = candidates.map(({ b }) => b.properties?.[key]?.const).filter((c) => c !== undefined);
      if (consts.length === 0) return { index: candidates[0].index };
      const hit = candidates.find(({ b }) => b.properties[key].const === value[key]);
      if (hit) return { index: hit.index };
      const found = value[key];
      return {
        key,
        message: `expected one of ${consts.map((c) => JSON.stringify(c)).join(', ')}, found ${describeValue(found)}${
          typeof found === 'string' ? suggestion(found, consts as string[]) : ''
        }`,
      };
    }
    const plain = branches.findIndex((b) => b.type === 'object' && b['x-tag'] === undefined);
    if (plain >= 0) return { index: plain };
    if (tagKeys.length > 0) {
      return {
        message: `expected ${union.errorMessage ?? 'a value'}, found a map without ${tagKeys.map((k) => `"${k}"`).join(' or ')}`,
      };
    }
  } else {
    const index = branches.findIndex((b) => jsonTypeMatches(b.type, value));
    if (index >= 0) return { index };
    const loose = branches.findIndex((b) => b.type === 'integer' && typeof value === 'number');
    if (loose >= 0) return { index: loose };
  }
  return { message: `expected ${union.errorMessage ?? 'a value'}, found ${describeValue(value)}` };
}

/** The schema to use for `value` at `schema`: the chosen branch for a union, the schema itself otherwise. */
export function resolveUnion(schema: Schema | undefined, value: unknown): Schema | undefined {
  if (!schema?.anyOf) return schema;
  const c = selectBranch(schema, value);
  return 'index' in c ? resolveUnion(schema.anyOf[c.index], value) : undefined;
}

/** The schema of `key` (or list index) inside a value whose (resolved) schema is `schema`; undefined when unknown. */
export function childSchema(schema: Schema | undefined, key: string | number): Schema | undefined {
  if (!schema) return undefined;
  if (typeof key === 'number') return schema.type === 'array' ? schema.items : undefined;
  if (schema.properties && Object.prototype.hasOwnProperty.call(schema.properties, key)) return schema.properties[key];
  if (schema.patternProperties) {
    for (const [p, s] of Object.entries(schema.patternProperties)) if (new RegExp(p).test(key)) return s as Schema;
  }
  if (isMap(schema.additionalProperties)) return schema.additionalProperties;
  return undefined;
}

/**
 * True when a map at this schema merges deeply under `extends` (settings maps, `regions`, `series`); false for
 * values that are replaced as a whole (a series, a distribution, a gbm path: anything that is a union).
 */
export function isStructural(schema: Schema | undefined): boolean {
  return !!schema && schema.type === 'object' && !schema.anyOf;
}

/** The property names a map at this (resolved) schema may have, if it lists them. */
export function knownKeys(schema: Schema | undefined): string[] {
  return schema?.properties ? Object.keys(schema.properties).filter((k) => k !== '$schema') : [];
}

/**
 * Visits every value of `value` with its schema (unions resolved by `selectBranch`), depth first; `fn` gets
 * the value, the union or plain schema written at that place, the resolved branch and the path.
 */
export function walk(
  value: unknown,
  schema: Schema | undefined,
  segs: (string | number)[],
  fn: (value: unknown, declared: Schema | undefined, resolved: Schema | undefined, segs: (string | number)[]) => void,
): void {
  const resolved = resolveUnion(schema, value);
  fn(value, schema, resolved, segs);
  if (!resolved) return;
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, childSchema(resolved, i), [...segs, i], fn));
  else if (isMap(value)) for (const k of Object.keys(value)) walk(value[k], childSchema(resolved, k), [...segs, k], fn);
}
