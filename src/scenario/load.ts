/**
 * Reading a YAML or JSON file into a tree that remembers where every key and value was written (`LNode`),
 * so that every later message can point at `file:line:column`. JSON is read by the YAML parser (JSON is YAML).
 */
import { isAlias, isMap as isYamlMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { IssueList, Pos } from './errors.ts';
import type { Segments } from './paths.ts';
import { readRegularFile } from './readFile.ts';
import { describePath, describeValue } from './errors.ts';

/** A map, list or scalar with its position (`pos`) and, for a map entry, the position of its key (`keyPos`). */
export type LNode = LMap | LSeq | LScalar;
export interface LMap {
  kind: 'map';
  pos: Pos;
  keyPos?: Pos;
  entries: Map<string, LNode>;
}
export interface LSeq {
  kind: 'seq';
  pos: Pos;
  keyPos?: Pos;
  items: LNode[];
}
export interface LScalar {
  kind: 'scalar';
  pos: Pos;
  keyPos?: Pos;
  value: string | number | boolean | null;
}

/** Files larger than this are refused (a scenario is a few kilobytes). */
export const MAX_FILE_BYTES = 5_000_000;
const MAX_NODES = 200_000;
const MAX_DEPTH = 100;

/**
 * Reads a scenario file into an `LNode` tree, or records why it cannot (file not found, empty file, YAML syntax
 * errors with their positions) and returns undefined. `at` is where to report "file not found" (e.g. the
 * `extends` value naming the file); by default the file itself at 1:1.
 */
export function readSource(file: string, issues: IssueList, at?: { pos: Pos; path: string }): LNode | undefined {
  const where = at ?? { pos: { file, line: 1, column: 1 }, path: '(file)' };
  const read = readRegularFile(file, MAX_FILE_BYTES);
  if (!read.ok) {
    if (read.at) issues.add({ file, ...read.at }, '(file)', `expected a scenario file of text, found ${read.found}`);
    else issues.add(where.pos, where.path, `expected ${read.missing ? 'an existing scenario file' : 'a scenario file'}, found ${read.found}: ${describePath(file)}`);
    return undefined;
  }
  const text = read.text;
  const node = parseSource(text, file, issues);
  if (node === undefined) return undefined;
  if (node.kind === 'scalar' && node.value === null && !/[^\s]/.test(text.replace(/#.*$/gm, '').replace(/^---\s*$/gm, ''))) {
    issues.add({ file, line: 1, column: 1 }, '(file)', 'expected a scenario, found an empty file');
    return undefined;
  }
  return node;
}

/**
 * Parses YAML (or JSON) text into an `LNode` tree with positions in `file`; records syntax errors and returns
 * undefined if there are any (only the first is reported). `fixedPos`, when given, is used as the position of every node (for `--set` values).
 */
export function parseSource(text: string, file: string, issues: IssueList, fixedPos?: Pos, pathForErrors = '(yaml)'): LNode | undefined {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lineCounter = new LineCounter();
  const posOf = (offset: number | undefined): Pos => {
    if (fixedPos) return fixedPos;
    if (offset === undefined) return { file, line: 1, column: 1 };
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    issues.add(posOf(undefined), pathForErrors, `expected valid YAML, found text the parser cannot read (${firstLine((e as Error).message).replace(/:\s.*$/, '')})`);
    return undefined;
  }
  if (doc.errors.length > 0) {
    // Only the first syntax error: the ones after it are mostly its echoes.
    for (const err of doc.errors.slice(0, 1)) {
      const message = fixedPos
        ? `expected a YAML value, found ${describeValue(text)} (${firstLine(err.message)})`
        : `invalid YAML: ${firstLine(err.message).replace(/:\s.*$/, '')}`; // without the parser's quote of the text: the file may not be a scenario
      issues.add(posOf(err.pos?.[0]), pathForErrors, message);
    }
    return undefined;
  }
  let count = 0;
  let failed = false;
  // An alias is resolved once (the library searches the document for its anchor on every call): a document
  // of nested aliases (a "billion laughs") then costs its node limit, not the limit times the document size.
  const targets = new Map<unknown, unknown>();
  const build = (node: unknown, depth: number, keyPos?: Pos): LNode => {
    if (++count > MAX_NODES || depth > MAX_DEPTH) {
      if (!failed) issues.add(posOf((node as Node | undefined)?.range?.[0]), pathForErrors, `expected a scenario, found a document nested too deeply or too large (over ${MAX_DEPTH} levels or ${MAX_NODES} values)`);
      failed = true;
      return { kind: 'scalar', pos: posOf(undefined), value: null };
    }
    if (isAlias(node)) {
      if (!targets.has(node)) targets.set(node, node.resolve(doc));
      const target = targets.get(node);
      const built = build(target, depth + 1, keyPos);
      return { ...built, pos: posOf(node.range?.[0]), keyPos };
    }
    const pos = posOf((node as Node | null)?.range?.[0] ?? undefined);
    if (isYamlMap(node)) {
      const entries = new Map<string, LNode>();
      for (const pair of node.items) {
        const k = pair.key as Node | null;
        const kPos = posOf(k?.range?.[0] ?? (pair.value as Node | null)?.range?.[0] ?? node.range?.[0]);
        let key: string;
        if (k === null || k === undefined) key = '';
        else if (isScalar(k)) key = String(scalarValue(k.value));
        else {
          issues.add(kPos, pathForErrors, 'expected a plain key (a word or a month), found a map or list used as a key');
          failed = true;
          continue;
        }
        const v = pair.value as Node | null;
        const child: LNode = v === null || v === undefined ? { kind: 'scalar', pos: kPos, value: null } : build(v, depth + 1, kPos);
        child.keyPos = kPos;
        entries.set(key, child);
      }
      return { kind: 'map', pos, keyPos, entries };
    }
    if (isSeq(node)) {
      return { kind: 'seq', pos, keyPos, items: node.items.map((item) => (item === null ? { kind: 'scalar', pos, value: null } : build(item, depth + 1))) };
    }
    if (isScalar(node)) return { kind: 'scalar', pos, keyPos, value: scalarValue(node.value) };
    return { kind: 'scalar', pos, keyPos, value: null };
  };
  const root = build(doc.contents, 0);
  return failed ? undefined : root;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

/** YAML scalars as JSON values: dates become `YYYY-MM-DD` text, anything exotic becomes text. */
function scalarValue(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString().replace(/T00:00:00\.000Z$/, '');
  return String(v);
}

/** The plain JSON value of a tree (maps become objects, in key order). */
export function toPlain(node: LNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const [k, v] of node.entries) {
    if (k === '__proto__') Object.defineProperty(out, k, { value: toPlain(v), enumerable: true, writable: true, configurable: true });
    else out[k] = toPlain(v);
  }
  return out;
}

/** The node at `segs` (map keys, list indexes), or undefined. */
export function nodeAt(root: LNode, segs: Segments): LNode | undefined {
  let node: LNode | undefined = root;
  for (const s of segs) {
    if (!node) return undefined;
    if (node.kind === 'map' && typeof s === 'string') node = node.entries.get(s);
    else if (node.kind === 'seq' && typeof s === 'number') node = node.items[s];
    else return undefined;
  }
  return node;
}
