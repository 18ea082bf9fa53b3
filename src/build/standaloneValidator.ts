/**
 * The scenario validator as ajv "standalone" code: the JavaScript ajv would generate at start-up, written out at
 * build time instead (same options, same schema, so the same errors; test/build/standaloneValidator.test.ts
 * checks them against the validator compiled at run time). And a quick validator that only says valid or not, from
 * the same schema, for the bundle to try first (see twoTierValidator.ts).
 */
import standaloneModule from 'ajv/dist/standalone/index.js';
import { jsonSchema, ScenarioSchema } from '../scenario/schema.ts';
import { newScenarioAjv } from '../scenario/validator.ts';

const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as typeof standaloneModule.default;

/**
 * CommonJS source of the scenario validator (`module.exports` is the validate function; it `require`s a few
 * ajv runtime helpers, such as `ajv/dist/runtime/ucs2length`).
 * @example standaloneValidatorCode().startsWith('"use strict";') // true
 */
export function standaloneValidatorCode(): string {
  const ajv = newScenarioAjv({ code: { source: true, esm: false } });
  return standaloneCode(ajv, ajv.compile(ScenarioSchema));
}

/**
 * CommonJS source of the quick scenario validator: the same verdict as `standaloneValidatorCode`'s validator (valid
 * or not) but no usable errors, in about a tenth of the code. It checks `jsonSchema()` (the schema with every
 * repeated subschema written once, as a function of its own: ajv `inlineRefs: false`) and stops at the first
 * mistake (`allErrors: false`); the full validator's 3.8 MB are one function with every union inlined at each use
 * and an error object, with schema and data, at each check.
 * @example quickValidatorCode().length < standaloneValidatorCode().length / 5 // true
 */
export function quickValidatorCode(): string {
  const ajv = newScenarioAjv({ code: { source: true, esm: false }, allErrors: false, verbose: false, inlineRefs: false });
  return standaloneCode(ajv, ajv.compile(jsonSchema()));
}
