/**
 * `extends`: a scenario inherits another (path relative to the file). Settings maps merge deeply (child wins),
 * lists and values (a series, a distribution, a gbm path) are replaced, `events` merge by `id` (same id: the
 * child's fields override the parent's; new id: appended), and `remove: [id]` drops parent events first.
 * `name` is never inherited. Chains work; a cycle is an error that names it (`a.yaml -> b.yaml -> a.yaml`).
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { IssueList } from './errors.ts';
import { describePath, describeValue } from './errors.ts';
import { readSource, type LMap, type LNode, type LSeq } from './load.ts';
import { ScenarioSchema } from './schema.ts';
import { childSchema, isStructural, suggestion, type Schema } from './schemaWalk.ts';

/** The longest chain of files extending one another (a scenario and its ancestors). */
export const MAX_EXTENDS = 16;

/** Keys that belong to one file and are not part of the resolved scenario. */
const FILE_KEYS = ['extends', 'remove', '$schema'];
/** The top-level keys of a scenario: a file with none of them is not one. */
const SCENARIO_KEYS = new Set(Object.keys((ScenarioSchema as Schema).properties));

/**
 * Reads `file` and everything it extends into one merged tree (positions still point into each file), or
 * records the problems and returns undefined. `files` receives the chain of files read, the given file first
 * (each later file is a parent of the one before: what a file writes overrides its parents).
 * @example resolveExtends('scenarios/sichuan-late.yaml', issues) // china-2021.yaml merged with the child
 */
export function resolveExtends(file: string, issues: IssueList, files: string[] = []): LMap | undefined {
  return load(file, issues, [], files);
}

function load(file: string, issues: IssueList, chain: { abs: string; file: string }[], files: string[], at?: Parameters<typeof readSource>[2]): LMap | undefined {
  if (chain.length >= MAX_EXTENDS) {
    issues.add(at!.pos, 'extends', `expected a chain of at most ${MAX_EXTENDS} scenario files, found a longer one (${[...chain.map((c) => c.file), file].slice(0, 3).map(describePath).join(' -> ')} -> ...)`);
    return undefined;
  }
  files.push(file);
  const root = readSource(file, issues, at);
  if (!root) return undefined;
  // A file that is not a scenario is refused without quoting any of its content; for a parent
  // (`extends: /etc/passwd`), the mistake is the `extends` that names it.
  const notScenario = (found: string) => {
    if (at) issues.add(at.pos, at.path, `expected a scenario file, found ${found}: ${describePath(file)} is not a scenario`);
    else issues.add(root.pos, '(root)', `expected a map of scenario settings, found ${found}`);
  };
  if (root.kind !== 'map') {
    notScenario(root.kind === 'seq' ? 'a list' : typeof root.value === 'string' ? 'a text' : typeof root.value === 'number' ? 'a number' : describeValue(root.value));
    return undefined;
  }
  if (![...root.entries.keys()].some((k) => SCENARIO_KEYS.has(k))) {
    notScenario('a map without any scenario setting (start, end, network, regions, ...)');
    return undefined;
  }
  checkUniqueEventIds(root, issues);
  const ext = root.entries.get('extends');
  const remove = root.entries.get('remove');
  const own: LMap = { ...root, entries: new Map([...root.entries].filter(([k]) => !FILE_KEYS.includes(k))) };
  if (!ext) {
    if (remove) issues.add(remove.keyPos ?? remove.pos, 'remove', 'expected `extends` next to `remove` (remove drops events of a parent scenario), found no `extends`');
    return own;
  }
  if (ext.kind !== 'scalar' || typeof ext.value !== 'string' || ext.value === '') {
    issues.add(ext.pos, 'extends', `expected a scenario file path, found ${ext.kind === 'scalar' ? describeValue(ext.value) : ext.kind === 'seq' ? 'a list' : 'a map'}`);
    return undefined;
  }
  const parentFile = isAbsolute(ext.value) ? ext.value : join(dirname(file), ext.value);
  const abs = resolve(parentFile);
  const here = [...chain, { abs: resolve(file), file }];
  const loop = here.findIndex((c) => c.abs === abs);
  if (loop >= 0) {
    const names = [...here.slice(loop).map((c) => c.file), parentFile].map(describePath).join(' -> ');
    issues.add(ext.pos, 'extends', `expected a scenario that does not extend itself, found the cycle ${names}`);
    return undefined;
  }
  const parent = load(parentFile, issues, here, files, { pos: ext.pos, path: 'extends' });
  if (!parent) return undefined;
  parent.entries.delete('name');
  if (remove) applyRemove(parent, remove, parentFile, issues);
  return merge(parent, own, ScenarioSchema as Schema, true) as LMap;
}

function checkUniqueEventIds(root: LMap, issues: IssueList): void {
  const events = root.entries.get('events');
  if (events?.kind !== 'seq') return;
  const seen = new Map<string, number>();
  events.items.forEach((item, i) => {
    const id = item.kind === 'map' ? item.entries.get('id') : undefined;
    if (id?.kind !== 'scalar' || typeof id.value !== 'string') return;
    const first = seen.get(id.value);
    if (first !== undefined) issues.add(id.pos, `events[${i}].id`, `expected a unique event id, found ${describeValue(id.value)} again (also events[${first}])`);
    else seen.set(id.value, i);
  });
}

function eventId(node: LNode): string | undefined {
  const id = node.kind === 'map' ? node.entries.get('id') : undefined;
  return id?.kind === 'scalar' && typeof id.value === 'string' ? id.value : undefined;
}

function applyRemove(parent: LMap, remove: LNode, parentFile: string, issues: IssueList): void {
  if (remove.kind !== 'seq') {
    issues.add(remove.pos, 'remove', `expected a list of event ids, found ${remove.kind === 'map' ? 'a map' : describeValue(remove.value)}`);
    return;
  }
  const events = parent.entries.get('events');
  const ids = events?.kind === 'seq' ? events.items.map(eventId) : [];
  const drop = new Set<string>();
  remove.items.forEach((item, i) => {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') {
      issues.add(item.pos, `remove[${i}]`, `expected an event id, found ${item.kind === 'scalar' ? describeValue(item.value) : 'a ' + item.kind}`);
    } else if (!ids.includes(item.value)) {
      const known = ids.filter((x): x is string => x !== undefined);
      issues.add(item.pos, `remove[${i}]`, `expected the id of an event of ${describePath(parentFile)}, found ${describeValue(item.value)}${suggestion(item.value, known)}`);
    } else drop.add(item.value);
  });
  if (events?.kind === 'seq') {
    const kept: LSeq = { ...events, items: events.items.filter((e) => !drop.has(eventId(e) ?? '')) };
    parent.entries.set('events', kept);
  }
}

/**
 * Merges `child` over `parent`: settings maps deeply (per the schema), `events` by id, everything else replaced.
 * Positions of the result point at whichever file each value came from.
 */
export function merge(parent: LNode, child: LNode, schema: Schema | undefined, atRoot = false): LNode {
  if (parent.kind === 'map' && child.kind === 'map' && isStructural(schema)) {
    const entries = new Map(parent.entries);
    for (const [k, v] of child.entries) {
      const p = entries.get(k);
      if (atRoot && k === 'events' && p?.kind === 'seq' && v.kind === 'seq') entries.set(k, mergeEvents(p, v));
      else entries.set(k, p ? merge(p, v, childSchema(schema, k)) : v);
    }
    return { ...child, entries };
  }
  return child;
}

function mergeEvents(parent: LSeq, child: LSeq): LSeq {
  const items = [...parent.items];
  for (const ev of child.items) {
    const id = eventId(ev);
    const at = id === undefined ? -1 : items.findIndex((p) => eventId(p) === id);
    const p = items[at];
    if (at >= 0 && p.kind === 'map' && ev.kind === 'map') items[at] = { ...ev, entries: new Map([...p.entries, ...ev.entries]) };
    else items.push(ev);
  }
  return { ...child, items };
}
