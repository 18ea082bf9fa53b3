/**
 * Scenarios: read, validate, resolve and compile. Data flows one way:
 * file -> `loadScenario` (extends, remove, --set, schema, cross-checks, defaults) -> `ResolvedScenario`
 * -> `compileScenario` (draws, formulas, series) -> `Plan`.
 */
export { loadScenario, type ResolvedScenario, type LoadOptions } from './resolve.ts';
export { compileScenario, compileTemplate, drawPlan, type CompileOptions, type PlanTemplate } from './compile.ts';
export { ScenarioError, formatIssue, MAX_ISSUES, type ScenarioIssue } from './errors.ts';
export { canonicalJson, canonicalHash } from './canonical.ts';
export { explainScenario } from './explain.ts';
export { ScenarioSchema, jsonSchema } from './schema.ts';
export { compileFormula, FORMULA_FUNCTIONS, FORMULA_VARIABLES } from './formula.ts';
export { interpolate, readCsvSeries } from './series.ts';
export { draw, stream, type Distribution } from './distributions.ts';
export { gbmPath } from './gbm.ts';
export { parseMonth, formatMonth, parseDate } from './dates.ts';
export type * from '../plan/plan.ts';
