/**
 * The bundle's scenario validator in two tiers: a quick validator that only says whether a scenario is valid (small:
 * it loads in a few milliseconds) and, only when it says no, the full validator that finds every mistake with the
 * schema and data validate.ts turns into messages (3.8 MB of code and a 4.9 MB V8 code cache: about 30-40 ms to
 * load). A valid scenario, what `run` reads almost always, never loads the full one. Both are ajv code generated
 * from the same schema at build time (standaloneValidator.ts); test/build/standaloneValidator.test.ts checks that
 * their verdicts agree.
 */

/** An ajv validate function as validate.ts uses it: the verdict, then the errors of the last call. */
export interface VerdictFunction {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}

/**
 * A validate function that asks `quick()` first and, when that finds a mistake, answers as `full()` does (verdict
 * and errors). Each loader is called once, at first need.
 * @example const validate = twoTierValidator(() => quick, () => full); validate(doc) // quick(doc) || full(doc); validate.errors: full's, or null
 */
export function twoTierValidator(loadQuick: () => VerdictFunction, loadFull: () => VerdictFunction): VerdictFunction {
  let quick: VerdictFunction | undefined;
  let full: VerdictFunction | undefined;
  const validate: VerdictFunction = (data: unknown) => {
    quick ??= loadQuick();
    if (quick(data)) {
      validate.errors = null;
      return true;
    }
    full ??= loadFull();
    const valid = full(data);
    validate.errors = full.errors;
    return valid;
  };
  validate.errors = null;
  return validate;
}
