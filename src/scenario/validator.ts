/**
 * The ajv validator of `ScenarioSchema`: all errors at once, verbose (errors carry the schema and the data that
 * validate.ts turns into messages).
 *
 * Two ways to get it, with identical errors:
 * - from source (tsx, vitest): compiled by ajv on first use (about a second);
 * - from the bundle (`npm run build`): src/build/bundle.ts generates ajv "standalone" code from `newScenarioAjv`
 *   at build time and puts it in place of this module, so nothing is compiled at start-up.
 */
import AjvModule, { type Options, type ValidateFunction } from 'ajv';
import { ScenarioSchema } from './schema.ts';

const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof AjvModule.default;

/** Annotations of the schema that ajv must accept but not check (they drive the messages of validate.ts). */
export const ANNOTATION_KEYWORDS = ['x-kind', 'x-tag', 'x-key', 'errorMessage'] as const;

/**
 * A fresh ajv instance with the options of the scenario validator (`extra` adds code-generation options, such as
 * `{code: {source: true}}` for standalone code; the bundle's quick validator also turns allErrors and verbose off).
 * @example newScenarioAjv().compile(ScenarioSchema)({}) // false
 */
export function newScenarioAjv(extra: Options = {}): InstanceType<typeof Ajv> {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictNumbers: true, ...extra });
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword(keyword);
  return ajv;
}

let compiled: ValidateFunction | undefined;

/** The compiled ajv validator of `ScenarioSchema` (built once). */
export function scenarioValidator(): ValidateFunction {
  compiled ??= newScenarioAjv().compile(ScenarioSchema);
  return compiled;
}
