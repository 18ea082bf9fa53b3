/**
 * Speed only (values unchanged): V8 gives an object's field the representation of the first value stored in it,
 * so a field created holding 0 (a small integer) and later given a fraction changes representation mid-run:
 * the object's hidden class is replaced and every optimised function that read it is thrown away and compiled
 * again (seen as "wrong map" deoptimisations in `node --trace-deopt`). A single cold run, such as
 * `hashsim run`, pays for that in full. Storing a fraction first and then the value back settles such fields as
 * doubles before any code runs; the values are exactly the ones given.
 */

/**
 * Settles the numeric fields `names` of `target` as doubles, leaving their values as they were.
 * @example const w = { retiredThs: 0 }; settleAsDoubles(w, ['retiredThs']); w.retiredThs // 0, stored as a double
 */
export function settleAsDoubles<T extends object>(target: T, names: readonly (keyof T)[]): void {
  const fields = target as Record<keyof T, number>;
  for (const name of names) {
    const value = fields[name];
    fields[name] = 0.5;
    fields[name] = value;
  }
}
