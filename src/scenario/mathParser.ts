/**
 * The mathjs parser, and nothing else of mathjs. Formulas never call a mathjs function: formula.ts checks the
 * parsed tree against its whitelist and evaluates the allowed functions (`FORMULA_FUNCTIONS`) as plain
 * JavaScript. So the instance here is created (`create(factories)`) from the parser, its node classes and number
 * parsing only, not from mathjs's `parseDependencies`: those also build the Unit class and the matrix functions
 * `subset` and `size`, which only the evaluation of units, property access and indexing would use (about a
 * quarter of a second at start-up, for nothing). Those two functions are stand-ins that throw if ever called.
 * The bundle (`npm run build`) then leaves out the rest of mathjs (about 1,000 modules).
 * test/scenario/mathParser.test.ts checks that this parser reads any text exactly as the full mathjs does.
 */
import {
  create,
  factory,
  createAccessorNode,
  createArrayNode,
  createAssignmentNode,
  createBlockNode,
  createConditionalNode,
  createConstantNode,
  createFunctionAssignmentNode,
  createFunctionNode,
  createIndexNode,
  createIsBounded,
  createNode,
  createNumber,
  createNumeric,
  createObjectNode,
  createOperatorNode,
  createParenthesisNode,
  createParse,
  createRangeNode,
  createRelationalNode,
  createResultSet,
  createSymbolNode,
  createTyped,
  type FactoryFunction,
  type MathNode,
} from 'mathjs';

// mathjs exports its factory functions, but its type declarations do not list them.
declare module 'mathjs' {
  export const createAccessorNode: FactoryFunction<unknown>;
  export const createArrayNode: FactoryFunction<unknown>;
  export const createAssignmentNode: FactoryFunction<unknown>;
  export const createBlockNode: FactoryFunction<unknown>;
  export const createConditionalNode: FactoryFunction<unknown>;
  export const createConstantNode: FactoryFunction<unknown>;
  export const createFunctionAssignmentNode: FactoryFunction<unknown>;
  export const createFunctionNode: FactoryFunction<unknown>;
  export const createIndexNode: FactoryFunction<unknown>;
  export const createIsBounded: FactoryFunction<unknown>;
  export const createNode: FactoryFunction<unknown>;
  export const createNumber: FactoryFunction<unknown>;
  export const createNumeric: FactoryFunction<unknown>;
  export const createObjectNode: FactoryFunction<unknown>;
  export const createOperatorNode: FactoryFunction<unknown>;
  export const createParenthesisNode: FactoryFunction<unknown>;
  export const createParse: FactoryFunction<unknown>;
  export const createRangeNode: FactoryFunction<unknown>;
  export const createRelationalNode: FactoryFunction<unknown>;
  export const createResultSet: FactoryFunction<unknown>;
  export const createSymbolNode: FactoryFunction<unknown>;
  export const createTyped: FactoryFunction<unknown>;
}

/** A factory for a mathjs function the parser's nodes name as a dependency but formulas never call. */
const absent = (name: string) =>
  factory(name, [], () => () => {
    throw new Error(`${name} is not available in formulas`);
  });

const instance = create({
  createParse,
  createTyped,
  createNumber,
  createNumeric,
  createIsBounded,
  createResultSet,
  createNode,
  createAccessorNode,
  createArrayNode,
  createAssignmentNode,
  createBlockNode,
  createConditionalNode,
  createConstantNode,
  createFunctionAssignmentNode,
  createFunctionNode,
  createIndexNode,
  createObjectNode,
  createOperatorNode,
  createParenthesisNode,
  createRangeNode,
  createRelationalNode,
  createSymbolNode,
  createSubset: absent('subset'),
  createSize: absent('size'),
});

/**
 * Parses a mathjs expression into its node tree (numbers as JavaScript numbers), without evaluating it.
 * @example parse('2 * t + 1').type // 'OperatorNode'
 */
export function parse(expr: string): MathNode {
  return instance.parse(expr);
}
