/**
 * Formulas: mathjs expressions of `t` (months since start, 0-based), `month` (1-12), `year`, `pi`, `e` and the
 * named series, e.g. `"0.04 - 0.015 * (month >= 5 and month <= 10)"`.
 *
 * Sandbox: the text is parsed by mathjs, then every node is checked against a whitelist (numbers, known names,
 * arithmetic, comparisons, `and`/`or`/`xor`/`not`, `a ? b : c`, parentheses and the functions of
 * `FORMULA_FUNCTIONS`). Anything else (assignments, function definitions, property access, indexing, objects,
 * matrices, ranges, strings, units, `import`, `evaluate`...) is refused. The checked tree is then turned into
 * a plain JavaScript closure: mathjs never evaluates anything, and formulas are evaluated once per month at
 * compile time, never in the tick loop. Comparisons and logic give 1 or 0.
 */
import type { MathNode } from 'mathjs';
import { parse } from './mathParser.ts';
import { describeValue } from './errors.ts';
import { suggestion } from './schemaWalk.ts';

type Fn = (...args: number[]) => number;

/** Functions allowed in formulas, with their arity [min, max]. `mod` is floored (`mod(-1, 12)` = 11), like mathjs. */
export const FORMULA_FUNCTIONS: Record<string, { fn: Fn; arity: [number, number] }> = {
  abs: { fn: Math.abs, arity: [1, 1] },
  min: { fn: Math.min, arity: [1, Infinity] },
  max: { fn: Math.max, arity: [1, Infinity] },
  floor: { fn: Math.floor, arity: [1, 1] },
  ceil: { fn: Math.ceil, arity: [1, 1] },
  round: { fn: (x, d = 0) => Math.round(x * 10 ** d) / 10 ** d, arity: [1, 2] },
  sqrt: { fn: Math.sqrt, arity: [1, 1] },
  exp: { fn: Math.exp, arity: [1, 1] },
  log: { fn: (x, b) => (b === undefined ? Math.log(x) : Math.log(x) / Math.log(b)), arity: [1, 2] },
  log10: { fn: Math.log10, arity: [1, 1] },
  log2: { fn: Math.log2, arity: [1, 1] },
  sin: { fn: Math.sin, arity: [1, 1] },
  cos: { fn: Math.cos, arity: [1, 1] },
  tan: { fn: Math.tan, arity: [1, 1] },
  pow: { fn: Math.pow, arity: [2, 2] },
  mod: { fn: (x, y) => x - y * Math.floor(x / y), arity: [2, 2] },
  sign: { fn: Math.sign, arity: [1, 1] },
};

/** Names every formula may use besides the series: `t`, `month`, `year`, and the constants `pi`, `e`. */
export const FORMULA_VARIABLES = ['t', 'month', 'year'] as const;
/** Named constants. A Map, not an object: a name is looked up as itself, never as `constructor` or `__proto__`. */
const CONSTANTS = new Map<string, number>([
  ['pi', Math.PI],
  ['e', Math.E],
]);

/** The longest formula text, in characters (formulas are a line or two; longer text is a mistake or an attack). */
export const MAX_FORMULA_CHARS = 1000;
/** The deepest nesting of a formula (operators, parentheses, function calls): evaluation never runs out of stack. */
export const MAX_FORMULA_DEPTH = 100;

/** Names a series may not take (they already mean something in formulas). */
export const RESERVED_NAMES = new Set<string>([...FORMULA_VARIABLES, ...CONSTANTS.keys(), ...Object.keys(FORMULA_FUNCTIONS)]);

const BINARY: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: (a, b) => a ** b,
  mod: FORMULA_FUNCTIONS.mod.fn,
  equal: (a, b) => +(a === b),
  unequal: (a, b) => +(a !== b),
  smaller: (a, b) => +(a < b),
  larger: (a, b) => +(a > b),
  smallerEq: (a, b) => +(a <= b),
  largerEq: (a, b) => +(a >= b),
  and: (a, b) => +(a !== 0 && b !== 0),
  or: (a, b) => +(a !== 0 || b !== 0),
  xor: (a, b) => +((a !== 0) !== (b !== 0)),
};
const UNARY: Record<string, (a: number) => number> = {
  unaryMinus: (a) => -a,
  unaryPlus: (a) => a,
  not: (a) => +(a === 0),
};

/** Values of the names of a formula for one month: `t`, `month`, `year` and each series. */
export type FormulaScope = Record<string, number>;

/** A checked formula, ready to evaluate, or the reason it was refused. */
export type CompiledFormula = { ok: true; evaluate: (scope: FormulaScope) => number } | { ok: false; message: string };

class Refused extends Error {}

const NODE_WORDS: Record<string, string> = {
  AssignmentNode: 'an assignment',
  FunctionAssignmentNode: 'a function definition',
  AccessorNode: 'a property access',
  IndexNode: 'an index',
  ObjectNode: 'an object',
  ArrayNode: 'a matrix',
  BlockNode: 'several statements',
  RangeNode: 'a range',
};

/**
 * Parses and checks `text`, allowing the names `series` besides t, month, year, pi and e. `numberWords` is used
 * when the text is a single unknown word (`"lots"` -> `expected a number >= 0 or a formula, found "lots"`).
 * @example compileFormula('2 * t + 1', []).evaluate({t: 3}) // 7
 */
export function compileFormula(text: string, series: readonly string[], numberWords = 'a number'): CompiledFormula {
  const known = new Set<string>([...FORMULA_VARIABLES, ...series]);
  if (text.trim() === '') return { ok: false, message: `expected ${numberWords} or a formula, found ${text === '' ? 'an empty text' : describeValue(text)}` };
  if (text.length > MAX_FORMULA_CHARS) return { ok: false, message: `expected a formula of at most ${MAX_FORMULA_CHARS} characters, found ${text.length} characters` };
  if (parenthesisDepth(text) > MAX_FORMULA_DEPTH) return { ok: false, message: tooDeep };
  let root: MathNode;
  try {
    root = parse(text);
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, message: tooDeep };
    return { ok: false, message: `expected a formula, found ${describeValue(text)}, which does not parse (${(e as Error).message})` };
  }
  if (root.type === 'SymbolNode' && !known.has((root as unknown as { name: string }).name) && !CONSTANTS.has((root as unknown as { name: string }).name)) {
    return { ok: false, message: `expected ${numberWords} or a formula, found ${describeValue(text)}` };
  }
  const names = [...known, ...CONSTANTS.keys()];
  let depth = 0;
  const build = (node: MathNode): ((s: FormulaScope) => number) => {
    if (++depth > MAX_FORMULA_DEPTH) throw new Refused(tooDeep);
    try {
      return buildNode(node);
    } finally {
      depth--;
    }
  };
  const buildNode = (node: MathNode): ((s: FormulaScope) => number) => {
    const n = node as unknown as Record<string, any>;
    switch (node.type) {
      case 'ConstantNode': {
        const v = n.value;
        if (typeof v === 'boolean') return () => +v;
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new Refused(`expected a formula of numbers, names and operators, found ${typeof v === 'string' ? 'a text' : 'the constant'} ${describeValue(typeof v === 'string' ? v : node.toString())}`);
        return () => v;
      }
      case 'SymbolNode': {
        const name: string = n.name;
        const c = CONSTANTS.get(name);
        if (c !== undefined && !known.has(name)) {
          return () => c;
        }
        if (!known.has(name)) {
          throw new Refused(`expected a formula of ${[...FORMULA_VARIABLES, 'pi', 'e'].join(', ')}${series.length ? ` and the series ${series.join(', ')}` : ''}, found unknown name "${name}"${suggestion(name, names)}`);
        }
        return (s) => s[name];
      }
      case 'ParenthesisNode':
        return build(n.content);
      case 'ConditionalNode': {
        const c = build(n.condition);
        const a = build(n.trueExpr);
        const b = build(n.falseExpr);
        return (s) => (c(s) !== 0 ? a(s) : b(s));
      }
      case 'OperatorNode': {
        const args = (n.args as MathNode[]).map(build);
        if (args.length === 1 && Object.hasOwn(UNARY, n.fn)) {
          const f = UNARY[n.fn];
          const [a] = args;
          return (s) => f(a(s));
        }
        if (args.length === 2 && Object.hasOwn(BINARY, n.fn)) {
          const f = BINARY[n.fn];
          const [a, b] = args;
          return (s) => f(a(s), b(s));
        }
        throw new Refused(`expected a formula with arithmetic, comparisons, and, or, xor, not, found the operator "${n.op}"`);
      }
      case 'RelationalNode': {
        const params = (n.params as MathNode[]).map(build);
        const fns = (n.conditionals as string[]).map((c) => {
          const f = Object.hasOwn(BINARY, c) ? BINARY[c] : undefined;
          if (!f) throw new Refused(`expected a formula with arithmetic, comparisons, and, or, xor, not, found the comparison "${c}"`);
          return f;
        });
        return (s) => {
          for (let i = 0; i < fns.length; i++) if (fns[i](params[i](s), params[i + 1](s)) === 0) return 0;
          return 1;
        };
      }
      case 'FunctionNode': {
        const fnNode = n.fn as Record<string, any>;
        const name = fnNode?.type === 'SymbolNode' ? (fnNode.name as string) : undefined;
        const allowed = name !== undefined && Object.prototype.hasOwnProperty.call(FORMULA_FUNCTIONS, name) ? FORMULA_FUNCTIONS[name] : undefined;
        if (!allowed) {
          throw new Refused(`expected a formula using only the functions ${Object.keys(FORMULA_FUNCTIONS).join(', ')}, found a call to ${JSON.stringify(name ?? fnNode?.toString?.() ?? '?')}${name ? suggestion(name, Object.keys(FORMULA_FUNCTIONS)) : ''}`);
        }
        const args = (n.args as MathNode[]).map(build);
        const [lo, hi] = allowed.arity;
        if (args.length < lo || args.length > hi) {
          const want = lo === hi ? `${lo}` : hi === Infinity ? `at least ${lo}` : `${lo} to ${hi}`;
          throw new Refused(`expected ${name}() with ${want} argument${lo === 1 && hi === 1 ? '' : 's'}, found ${args.length}`);
        }
        const f = allowed.fn;
        return (s) => f(...args.map((a) => a(s)));
      }
      default:
        throw new Refused(`expected a formula of numbers, names, operators, functions and a ? b : c, found ${NODE_WORDS[node.type] ?? `a ${node.type}`} ${describeValue(safeText(node))}`);
    }
  };
  try {
    const evaluate = build(root);
    return { ok: true, evaluate };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, message: e.message };
    if (e instanceof RangeError) return { ok: false, message: tooDeep };
    throw e;
  }
}

const tooDeep = `expected a formula nested at most ${MAX_FORMULA_DEPTH} levels deep, found one nested deeper`;

/** The deepest nesting of parentheses and brackets in `text` (checked before parsing, which recurses on them). */
function parenthesisDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') max = Math.max(max, ++depth);
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return max;
}

function safeText(node: MathNode): string {
  try {
    return node.toString();
  } catch {
    return node.type;
  }
}
