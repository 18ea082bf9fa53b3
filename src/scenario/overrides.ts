/**
 * `--set path=value` overrides, applied after `extends`: `events.<id>.<field>` addresses an event by id,
 * `regions.<id>.<field>` a region, `moves.routes.<index>` a route. The value is parsed as YAML (a scalar or a
 * flow collection such as `[CN, KZ]` or `{dist: normal, mean: 1, sd: 0.1}`) and validated like file content;
 * its origin is `--set`.
 */
import type { IssueList, Pos } from './errors.ts';
import { describeValue } from './errors.ts';
import { parseSource, toPlain, type LMap, type LNode } from './load.ts';
import { ScenarioSchema } from './schema.ts';
import { childSchema, isMap, knownKeys, resolveUnion, suggestion, type Schema } from './schemaWalk.ts';

/** Applies each `path=value` of `sets` to `root` (in order), recording problems as `--set <path>: ...` issues. */
export function applySets(root: LMap, sets: readonly string[], issues: IssueList): void {
  sets.forEach((spec, i) => applyOne(root, spec, { file: '--set', line: i + 1, column: 1 }, issues));
}

/** Keys that belong to a scenario file, not to the scenario: an override cannot set them. */
const FILE_KEYS = ['extends', 'remove', '$schema'];

/**
 * What is wrong with the form of an override `path=value` (no `=`, an empty path or segment, a file key such as
 * `extends`), or undefined when it is well formed. Whether the path names a field is checked when it is applied.
 * @example setSyntaxProblem('extends=x.yaml') // 'expected a path to a scenario field, found "extends" (extends, remove ...)'
 */
export function setSyntaxProblem(spec: string): string | undefined {
  const eq = spec.indexOf('=');
  const pathText = eq < 0 ? spec : spec.slice(0, eq).trim();
  if (eq <= 0 || pathText === '') return `expected path=value (e.g. events.sichuan-ban.effective=2021-09-01), found ${describeValue(spec)}`;
  const segs = pathText.split('.');
  if (segs.some((s) => s === '')) return `expected a dotted path like regions.KZ.capacityMw, found ${describeValue(pathText)}`;
  if (FILE_KEYS.includes(segs[0])) {
    return `expected a path to a scenario field, found ${describeValue(segs[0])} (${FILE_KEYS.join(', ')} belong to a scenario file: write them in a file that extends this one)`;
  }
  return undefined;
}

function applyOne(root: LMap, spec: string, pos: Pos, issues: IssueList): void {
  const eq = spec.indexOf('=');
  const pathText = eq < 0 ? spec : spec.slice(0, eq).trim();
  const shown = pathText.replace(/\s/g, '_') || '(empty)';
  const problem = setSyntaxProblem(spec);
  if (problem) {
    issues.add(pos, shown, problem);
    return;
  }
  const segs = pathText.split('.');
  const value = parseSource(spec.slice(eq + 1), '--set', issues, pos, pathText);
  if (!value) return;

  let node: LNode = root;
  let schema: Schema | undefined = ScenarioSchema as Schema;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const last = i === segs.length - 1;
    const here = segs.slice(0, i).join('.') || '(root)';
    if (node.kind === 'seq') {
      const isEvents = i === 1 && segs[0] === 'events';
      const index: number = isEvents
        ? node.items.findIndex((e) => e.kind === 'map' && (e.entries.get('id') as { value?: unknown } | undefined)?.value === seg)
        : /^\d+$/.test(seg) ? Number(seg) : -1;
      if (index < 0 || index >= node.items.length) {
        const ids = isEvents ? node.items.map((e) => (e.kind === 'map' ? (e.entries.get('id') as { value?: unknown } | undefined)?.value : undefined)).filter((x): x is string => typeof x === 'string') : [];
        const what = isEvents ? `an event id of this scenario, found ${describeValue(seg)}${suggestion(seg, ids)}` : `an index 0..${node.items.length - 1} of ${here}, found ${describeValue(seg)}`;
        issues.add(pos, pathText, `unknown --set path: expected ${what}`);
        return;
      }
      schema = resolveUnion(childSchema(schema, index), toPlain(node.items[index]));
      if (last) {
        node.items[index] = value;
        return;
      }
      node = node.items[index];
      continue;
    }
    if (node.kind !== 'map') {
      issues.add(pos, pathText, `unknown --set path: ${here} is a single value, it has no field "${seg}"`);
      return;
    }
    const sub = childSchema(schema, seg);
    const existing = node.entries.get(seg);
    const keys = knownKeys(schema);
    if (!existing && schema && !sub && (keys.length > 0 || schema.patternProperties)) {
      const candidates = keys.length > 0 ? keys : [...node.entries.keys()];
      issues.add(pos, pathText, `unknown --set path: no key "${seg}" in ${here}${suggestion(seg, candidates)}`);
      return;
    }
    if (last) {
      node.entries.set(seg, { ...value, keyPos: pos });
      return;
    }
    if (existing) {
      node = existing;
      schema = resolveUnion(sub, toPlain(existing));
      continue;
    }
    if (sub && schema?.properties && Object.hasOwn(schema.properties, seg) && sub.type === 'object' && sub.properties) {
      const created: LMap = { kind: 'map', pos, keyPos: pos, entries: new Map() };
      node.entries.set(seg, created);
      node = created;
      schema = sub;
      continue;
    }
    const candidates = isMap(toPlain(node)) ? [...node.entries.keys()] : [];
    issues.add(pos, pathText, `unknown --set path: ${here} has no "${seg}"${suggestion(seg, candidates)}`);
    return;
  }
}
