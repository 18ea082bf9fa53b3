/**
 * The mathjs parser, and nothing else of mathjs: an instance created from `parseDependencies` only (the parser,
 * its node classes and number parsing). Formulas never call a mathjs function: formula.ts checks the parsed tree
 * against its whitelist and evaluates the allowed functions (`FORMULA_FUNCTIONS`) as plain JavaScript, so the
 * instance needs no function at all, and the bundle (`npm run build`) leaves out the rest of mathjs (about 1,000
 * modules, and the time to build the full instance at start-up).
 */
import { create, parseDependencies, type MathNode } from 'mathjs';

/**
 * Parses a mathjs expression into its node tree (numbers as JavaScript numbers), without evaluating it.
 * @example parse('2 * t + 1').type // 'OperatorNode'
 */
export const parse: (expr: string) => MathNode = create({ parseDependencies }).parse;
