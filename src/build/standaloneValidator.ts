/**
 * The scenario validator as ajv "standalone" code: the JavaScript ajv would generate at start-up, written out at
 * build time instead (same options, same schema, so the same errors; test/build/standaloneValidator.test.ts
 * checks them against the validator compiled at run time).
 */
import standaloneModule from 'ajv/dist/standalone/index.js';
import { ScenarioSchema } from '../scenario/schema.ts';
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
