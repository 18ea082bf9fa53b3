/**
 * Checks the shape of a scenario against the schema (ajv, all errors) and turns ajv's errors into one human
 * message per mistake, at the offending node: `expected a number >= 0, found "lots"`, `unknown key
 * "capacityMW" (did you mean "capacityMw"?)`, a missing key at its parent map. For a union (a TimeValue, an
 * event) only the branch the author meant is reported (see `selectBranch`).
 */
import type { ErrorObject } from 'ajv';
import { describeValue, type IssueList, type Pos } from './errors.ts';
import { nodeAt, type LNode } from './load.ts';
import { displayPath, type Segments } from './paths.ts';
import { knownKeys, selectBranch, suggestion, type Schema } from './schemaWalk.ts';
import { writeRank } from './writtenOrder.ts';
// Compiled at first use from source; precompiled in the bundle (see validator.ts and src/build/bundle.ts).
import { scenarioValidator } from './validator.ts';

export { scenarioValidator };

/**
 * Validates `data` (the plain form of `root`) and adds one issue per mistake to `issues`. `files` is the
 * extends chain (the given scenario first), used to report a field that no longer fits its event at the `type`
 * that a later file (or a --set) changed.
 */
export function validateShape(root: LNode, data: unknown, issues: IssueList, files: readonly string[] = []): void {
  const validate = scenarioValidator();
  if (validate(data)) return;
  report(validate.errors ?? [], root, data, atChangedType(root, data, issues, files));
}

type Sink = Pick<IssueList, 'add'>;

/**
 * An event whose `type` a child file (or a --set) changed keeps the fields its parent wrote for the old type;
 * those no longer fit, but the mistake is the change of type: such a problem is reported at the `type`.
 */
function atChangedType(root: LNode, data: unknown, issues: IssueList, files: readonly string[]): Sink {
  const events = Array.isArray((data as Record<string, unknown>)?.events) ? ((data as Record<string, unknown>).events as unknown[]) : [];
  const prefixes = events.map((_, i) => displayPath(data, ['events', i]));
  return {
    add(pos: Pos, path: string, message: string) {
      const i = prefixes.findIndex((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
      const type = i >= 0 ? nodeAt(root, ['events', i, 'type']) : undefined;
      if (type && type.kind === 'scalar' && path !== displayPath(data, ['events', i, 'type']) && writeRank(type.pos, files) > writeRank(pos, files)) {
        const where = pos.file === '--set' ? '--set' : `${pos.file}:${pos.line}:${pos.column}`;
        issues.add(type.pos, displayPath(data, ['events', i, 'type']), `expected a type that fits the fields written for this event, found ${describeValue(type.value)}: ${path} (${where}): ${message}`);
      } else issues.add(pos, path, message);
    },
  };
}

/** `/regions/KZ/capacityMw` -> ['regions', 'KZ', 'capacityMw'] (list indexes as numbers). */
function segmentsOf(pointer: string, data: unknown): Segments {
  const segs: Segments = [];
  let node: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      segs.push(Number(part));
      node = node[Number(part)];
    } else {
      segs.push(part);
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
    }
  }
  return segs;
}

/** What a schema node expects, in words. */
export function expectedOf(schema: Schema | undefined): string {
  if (!schema) return 'a value';
  if (typeof schema.errorMessage === 'string') return schema.errorMessage;
  switch (schema.type) {
    case 'number':
      return 'a number';
    case 'integer':
      return 'an integer';
    case 'string':
      return 'a text';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'a map';
  }
  return 'a value';
}

function report(errors: ErrorObject[], root: LNode, data: unknown, issues: Sink): void {
  const under = (e: ErrorObject, u: ErrorObject) =>
    e !== u &&
    e.schemaPath.startsWith(`${u.schemaPath}/`) &&
    (e.instancePath === u.instancePath || e.instancePath.startsWith(`${u.instancePath}/`));
  const unions = errors.filter((e) => e.keyword === 'anyOf');
  const top = unions.filter((u) => !unions.some((o) => under(u, o)));
  const consumed = new Set<ErrorObject>();

  const place = (segs: Segments) => {
    for (let n = segs.length; n >= 0; n--) {
      const node = nodeAt(root, segs.slice(0, n));
      if (node) return node;
    }
    return root;
  };
  const add = (segs: Segments, message: string, atKey = false) => {
    const node = place(segs);
    issues.add(atKey ? node.keyPos ?? node.pos : node.pos, displayPath(data, segs), message);
  };

  for (const u of top) {
    consumed.add(u);
    const inner = errors.filter((e) => under(e, u));
    inner.forEach((e) => consumed.add(e));
    const segs = segmentsOf(u.instancePath, data);
    const choice = selectBranch(u.parentSchema as Schema, u.data);
    if ('index' in choice) {
      const prefix = `${u.schemaPath}/${choice.index}/`;
      const mine = inner.filter((e) => e.schemaPath.startsWith(prefix));
      if (mine.length > 0) {
        report(mine, root, data, issues);
        continue;
      }
      add(segs, `expected ${expectedOf(u.parentSchema as Schema)}, found ${describeValue(u.data)}`);
    } else if (choice.key !== undefined) add([...segs, choice.key], choice.message);
    else add(segs, choice.message);
  }

  for (const e of errors) {
    if (consumed.has(e) || e.keyword === 'anyOf') continue;
    const segs = segmentsOf(e.instancePath, data);
    const schema = e.parentSchema as Schema;
    if (e.keyword === 'required') {
      const key = (e.params as { missingProperty: string }).missingProperty;
      const node = place(segs);
      issues.add(node.keyPos ?? node.pos, displayPath(data, [...segs, key]), `expected ${expectedOf(schema.properties?.[key])}, found nothing (missing key)`);
    } else if (e.keyword === 'additionalProperties') {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const child = [...segs, key];
      const keyText = JSON.stringify(key.length > 60 ? `${key.slice(0, 57)}...` : key);
      const node = place(child);
      const message =
        typeof schema['x-key'] === 'string'
          ? `expected ${schema['x-key']} as key, found ${keyText}`
          : `unknown key ${keyText}${suggestion(key, knownKeys(schema))}`;
      issues.add(node.keyPos ?? node.pos, displayPath(data, segs), message);
    } else {
      const found = e.data;
      let hint = '';
      if ((e.keyword === 'const' || e.keyword === 'enum') && typeof found === 'string') {
        hint = suggestion(found, (e.keyword === 'const' ? [e.schema] : (e.schema as unknown[])).map(String));
      }
      add(segs, `expected ${expectedOf(schema)}, found ${describeValue(found)}${hint}`);
    }
  }
}
