/**
 * Defaults and origins. Every value of a resolved scenario has an origin: the file position it was written at
 * (`scenarios/x.yaml:12:5`), `--set`, or `default` (filled in from the schema's `default`).
 */
import type { LNode } from './load.ts';
import { displayPath, type Segments } from './paths.ts';
import { ScenarioSchema } from './schema.ts';
import { isMap, walk, type Schema } from './schemaWalk.ts';

/** `file:line:column` of where a value was written (a map: its key), or `--set`. */
function originOf(node: LNode): string {
  const p = node.kind === 'map' ? node.keyPos ?? node.pos : node.pos;
  return p.file === '--set' ? '--set' : `${p.file}:${p.line}:${p.column}`;
}

/** Origins of every value of the tree, by display path (`events.sichuan-ban.effective` -> `x.yaml:14:16`). */
export function originsOf(root: LNode, data: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (node: LNode, segs: Segments) => {
    if (segs.length > 0) out.set(displayPath(data, segs), originOf(node));
    if (node.kind === 'map') for (const [k, v] of node.entries) visit(v, [...segs, k]);
    else if (node.kind === 'seq') node.items.forEach((v, i) => visit(v, [...segs, i]));
  };
  visit(root, []);
  return out;
}

/**
 * Fills in every missing field that has a schema default (deeply: a missing `behaviour` becomes `{}` and then
 * gets all its defaults), recording `default` as the origin of each, and puts the keys of every settings map in
 * schema order. `data` must be schema-valid.
 */
export function applyDefaults(data: Record<string, unknown>, origins: Map<string, string>): void {
  walk(data, ScenarioSchema as Schema, [], (value, _declared, resolved, segs) => {
    if (!isMap(value) || !resolved?.properties) return;
    for (const [key, prop] of Object.entries(resolved.properties as Record<string, Schema>)) {
      if (key in value || prop.default === undefined) continue;
      value[key] = structuredClone(prop.default);
      origins.set(displayPath(data, [...segs, key]), 'default');
    }
    // Keys in schema order, so that defaults sit next to the fields they belong with.
    for (const key of Object.keys(resolved.properties)) {
      if (!(key in value)) continue;
      const v = value[key];
      delete value[key];
      value[key] = v;
    }
  });
}
