/**
 * TypeScript types of a loaded scenario, derived from the schema (schema.ts) so that each parameter is
 * declared once: `ScenarioData` is what `loadScenario` returns in `resolved.data` (TypeBox's `Static`, except
 * that fields loading fills in with their default are always present), and `PathTo` checks a field path
 * (`['regions', id, 'capacityMw']`) against it, so that a misspelt or renamed field is a compile error.
 */
import type { Static, TArray, TObject, TOptional, TProperties, TSchema, TUnion } from '@sinclair/typebox';
import type { FilledKind, MapKind, NumberValue, ScenarioSchema, TimeValue } from './schema.ts';

/** `{a} & {b}` shown as `{a, b}`. */
type Flat<T> = { [K in keyof T]: T[K] } & {};

/** True for a property that is optional in a file and not filled in by loading. */
type IsLeftOut<S> = S extends TOptional<TSchema> ? (S extends { readonly [FilledKind]: true } ? false : true) : false;

type LoadedObject<P extends TProperties> = Flat<
  { [K in keyof P as IsLeftOut<P[K]> extends true ? never : K]: Loaded<P[K]> } & {
    [K in keyof P as IsLeftOut<P[K]> extends true ? K : never]?: Loaded<P[K]>;
  }
>;

/**
 * The plain value a schema describes once loaded: `Static<S>`, except that an optional field with a default
 * (`filled(...)` in schema.ts) is always present and a map keyed by pattern is a record of its values.
 * @example Loaded<ReturnType<typeof NumberValue>> // number | {dist: 'normal'; mean: number; sd: number} | ...
 */
export type Loaded<S> = S extends { readonly [MapKind]: infer V }
  ? Record<string, Loaded<V>>
  : S extends TUnion<infer M>
    ? Loaded<M[number]>
    : S extends TArray<infer I>
      ? Loaded<I>[]
      : S extends TObject<infer P>
        ? LoadedObject<P>
        : S extends TSchema
          ? Static<S>
          : never;

/** A resolved scenario's data (`ResolvedScenario.data` after `loadScenario`). */
export type ScenarioData = Loaded<typeof ScenarioSchema>;
/** A Number as written: a plain number or a distribution. */
export type NumberData = Loaded<ReturnType<typeof NumberValue>>;
/** A TimeValue as written: a Number, a formula, an inline series, a CSV series or a gbm path. */
export type TimeData = Loaded<ReturnType<typeof TimeValue>>;
/** One event of `events` (a union on `type`). */
export type EventData = ScenarioData['events'][number];

/** A step of a field path: a map key or a list index. */
export type PathStep = string | number;

/** The child `K` of a `T` (distributed over a union `T`: an event's field exists on the types that have it). */
type Child<T, K> = T extends undefined
  ? undefined
  : T extends readonly (infer I)[]
    ? [K] extends [number]
      ? I
      : never
    : [K] extends [keyof T]
      ? T[K]
      : never;

/**
 * The value at `P` in a `T`; `never` when `P` names nothing (an optional field on the way makes it
 * `| undefined`).
 * @example ValueAt<ScenarioData, ['behaviour', 'hideProbability']> // NumberData
 */
export type ValueAt<T, P extends readonly PathStep[]> = P extends readonly [infer K, ...infer R extends readonly PathStep[]]
  ? ValueAt<Child<T, K>, R>
  : T;

/**
 * `unknown` when the field at `P` in the scenario exists and holds a `V`, otherwise a type no path matches (its
 * key says what was expected), so that `segs: P & PathTo<P, V>` rejects a wrong path at compile time.
 * @example function num<const P extends readonly PathStep[]>(segs: P & PathTo<P, NumberData>): number
 */
export type PathTo<P extends readonly PathStep[], V> = [ValueAt<ScenarioData, P>] extends [never]
  ? { 'no such field in the scenario schema': P }
  : [ValueAt<ScenarioData, P>] extends [V]
    ? unknown
    : { 'the field has another type in the scenario schema': ValueAt<ScenarioData, P> };
