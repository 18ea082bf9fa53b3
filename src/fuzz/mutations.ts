/**
 * Mutations of a scenario case: each changes the text of one file (or adds a `--set`, or points the case at a
 * special file) and records where the mistake, if any, was written (`Draft.blame`), so that a refusal can be
 * checked to point into that file. Kinds: values of the wrong type or out of range, extreme numbers, dates,
 * missing and unknown keys, events, YAML syntax, anchors and aliases, empty and huge files, special files,
 * extends chains, `--set` overrides, broken CSV files, run seeds.
 */
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Node } from 'yaml';
import type { Chooser } from './random.ts';
import { NUMBERS, randomValue, SPECIAL_PATHS } from './values.ts';

/** A case being built: files of the case folder (name -> content), the file given to the commands, overrides. */
export interface Draft {
  files: Map<string, string>;
  entry: string;
  sets: string[];
  /** Files (or `--set`) whose content a mutation changed: a refusal must point into one of them. */
  blame: Set<string>;
  /** What was done, in words. */
  notes: string[];
  /** Run seed (undefined: the scenario's own). */
  seed?: number;
}

/** The kinds of mutation and how often each is chosen. */
export const MUTATION_WEIGHTS = {
  value: 26,
  number: 10,
  deleteKey: 7,
  unknownKey: 5,
  date: 8,
  event: 6,
  syntax: 7,
  anchors: 4,
  size: 4,
  special: 5,
  extendsChild: 5,
  set: 9,
  csv: 3,
  seed: 3,
} as const;

export type MutationKind = keyof typeof MUTATION_WEIGHTS;

/** Applies one mutation of `kind` (or a random kind) to the draft. */
export function mutate(d: Draft, c: Chooser, kind: MutationKind = c.weighted(MUTATION_WEIGHTS)): void {
  d.notes.push(`[${kind}]`);
  MUTATIONS[kind](d, c);
}

type Path = (string | number)[];

/** The file a structural mutation edits: usually the entry, sometimes a file it extends. */
function target(d: Draft, c: Chooser): string {
  if (!d.files.has(d.entry)) return c.pick([...d.files.keys()].filter((f) => f.endsWith('.yaml')));
  const chain = extendsChain(d);
  return c.chance(0.8) || chain.length === 1 ? chain[0] : c.pick(chain.slice(1));
}

/** The entry and the files it extends (as far as they are files of the case). */
function extendsChain(d: Draft): string[] {
  const out = [d.entry];
  for (let i = 0; i < 20; i++) {
    const m = /^extends:\s*(?:\.\/)?([^\s#]+)\s*$/m.exec(d.files.get(out[out.length - 1]) ?? '');
    if (!m || !d.files.has(m[1]) || out.includes(m[1])) break;
    out.push(m[1]);
  }
  return out;
}

/** Parses a file of the draft, lets `fn` edit the document, writes it back (`fn` returns false: unchanged). */
function editDoc(d: Draft, name: string, note: string, fn: (doc: Document, paths: Path[]) => boolean | void): void {
  const text = d.files.get(name);
  if (text === undefined) return;
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return;
  try {
    if (fn(doc, pathsOf(doc)) === false) return;
  } catch {
    return; // the yaml library refuses this edit (a document that is not a collection): no mutation
  }
  let edited: string;
  try {
    edited = doc.toString({ lineWidth: 0 });
  } catch {
    return; // the yaml library cannot write this document back (an alias before its anchor): no mutation
  }
  d.files.set(name, edited);
  d.blame.add(name);
  d.notes.push(`${name}: ${note}`);
}

/** Whether a scenario text's `remove` list names the event `id`. */
function removesEvent(text: string, id: string): boolean {
  try {
    const remove = parseDocument(text, { uniqueKeys: false }).toJS()?.remove;
    return Array.isArray(remove) && remove.includes(id);
  } catch {
    return false;
  }
}

/** Every path to a node of the document (map keys, list indexes). */
function pathsOf(doc: Document): Path[] {
  const out: Path[] = [];
  const walk = (node: unknown, path: Path) => {
    if (path.length > 0) out.push(path);
    if (isMap(node)) for (const pair of node.items) walk(pair.value, [...path, isScalar(pair.key) ? String(pair.key.value) : '?']);
    else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(doc.contents, []);
  return out;
}

const show = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

function setValue(d: Draft, c: Chooser, value: () => unknown, filter: (p: Path, doc: Document) => boolean = () => true): void {
  const name = target(d, c);
  editDoc(d, name, 'set a value', (doc, paths) => {
    const candidates = paths.filter((p) => filter(p, doc));
    if (candidates.length === 0) return false;
    const path = c.pick(candidates);
    const v = value();
    doc.setIn(path, doc.createNode(v));
    d.notes.push(`${name}: ${path.join('.')} = ${show(v)}`);
  });
}

const isNumberAt = (p: Path, doc: Document) => typeof doc.getIn(p) === 'number';
const isDateAt = (p: Path, doc: Document) => {
  const v = doc.getIn(p);
  return typeof v === 'string' && /^\d{4}-\d{2}(-\d{2})?$/.test(v);
};

/** A `--set` path for a document path: events by id. */
function setPath(doc: Document, p: Path): string {
  if (p[0] === 'events' && typeof p[1] === 'number') {
    const id = doc.getIn(['events', p[1], 'id']);
    if (typeof id === 'string') return ['events', id, ...p.slice(2)].join('.');
  }
  return p.join('.');
}

const MUTATIONS: Record<MutationKind, (d: Draft, c: Chooser) => void> = {
  value: (d, c) => setValue(d, c, () => randomValue(c)),

  number: (d, c) =>
    setValue(
      d,
      c,
      () => c.pick(NUMBERS) * (c.chance(0.2) ? -1 : 1),
      (p, doc) => isNumberAt(p, doc),
    ),

  deleteKey: (d, c) => {
    const name = target(d, c);
    editDoc(d, name, 'deleted a key', (doc, paths) => {
      const keyed = paths.filter((p) => typeof p[p.length - 1] === 'string');
      if (keyed.length === 0) return false;
      const p = c.pick(keyed);
      doc.deleteIn(p);
      d.notes.push(`${name}: deleted ${p.join('.')}`);
    });
  },

  unknownKey: (d, c) => {
    const name = target(d, c);
    editDoc(d, name, 'added a key', (doc, paths) => {
      const maps = [[], ...paths].filter((p) => isMap(p.length === 0 ? doc.contents : doc.getIn(p, true)));
      if (maps.length === 0) return false;
      const p = c.pick(maps);
      const siblings = paths.filter((q) => q.length === p.length + 1 && q.slice(0, -1).join('.') === p.join('.')).map((q) => String(q[q.length - 1]));
      const typo = siblings.length > 0 ? c.pick(siblings) : 'start';
      const key = c.pick([typo.toUpperCase(), `${typo}s`, typo.slice(0, -1), 'foo', '__proto__', 'constructor', 'toString', '', ' ', '2021-01', 'capacityMW']);
      doc.setIn([...p, key], doc.createNode(randomValue(c)));
      d.notes.push(`${name}: added key ${JSON.stringify(key)} under ${p.join('.') || '(root)'}`);
    });
  },

  date: (d, c) =>
    setValue(
      d,
      c,
      () => c.pick(['2021-02-30', '2021-13-01', '1899-12-31', '2201-01-01', '0999-01-01', '9999-12', '0021-06', '2021-13', '1900-01', '2200-12', '2120-01', '1950-06', '2021-06-18', '2019-01', '2023-05-01', '2021-1-1', 20210618]),
      (p, doc) => isDateAt(p, doc),
    ),

  event: (d, c) => {
    const name = target(d, c);
    editDoc(d, name, 'changed the events', (doc) => {
      const events = doc.getIn(['events'], true);
      if (!isSeq(events)) {
        doc.setIn(['events'], doc.createNode([{ id: 'x', type: 'priceShock', from: '2021-01-01', multiply: 1000 }]));
        return;
      }
      const n = events.items.length;
      const what = c.pick(['duplicate', 'type', 'noRegions', 'swapDates', 'bigShocks', 'many', 'remove']);
      d.notes.push(`${name}: events ${what}`);
      if (what === 'duplicate' && n > 0) events.items.push(doc.createNode((events.items[c.int(0, n - 1)] as Node).toJSON()) as never);
      else if (what === 'type' && n > 0) doc.setIn(['events', c.int(0, n - 1), 'type'], c.pick(['ban', 'powerCut', 'capacity', 'tariff', 'priceShock', 'bann', 'Ban']));
      else if (what === 'noRegions' && n > 0) doc.setIn(['events', c.int(0, n - 1), 'regions'], doc.createNode(c.pick([[], ['XX'], 'CN', [['CN']]])));
      else if (what === 'swapDates' && n > 0) {
        const i = c.int(0, n - 1);
        const [a, b] = c.pick([['announced', 'effective'], ['effective', 'lifted'], ['from', 'to']]);
        const x = doc.getIn(['events', i, a]);
        const y = doc.getIn(['events', i, b]);
        if (x === undefined || y === undefined) return false;
        doc.setIn(['events', i, a], y);
        doc.setIn(['events', i, b], x);
      } else if (what === 'bigShocks') {
        for (let k = 0; k < c.int(2, 5); k++) events.items.push(doc.createNode({ id: `shock${k}`, type: 'priceShock', from: `2021-0${k + 1}-01`, multiply: c.pick([10, 1000, 999.9]) }) as never);
      } else if (what === 'many') {
        for (let k = 0; k < c.pick([50, 1001]); k++) events.items.push(doc.createNode({ id: `cut${k}`, type: 'powerCut', regions: ['US'], from: '2021-01-01', to: '2021-02-01', fraction: 0.5 }) as never);
      } else if (n > 0) {
        const [removed] = events.items.splice(c.int(0, n - 1), 1);
        // A child whose `remove` names the removed event is now refused there, rightly: blame it too.
        const id = isMap(removed) ? removed.get('id') : undefined;
        if (typeof id === 'string') for (const [file, text] of d.files) if (removesEvent(text, id)) d.blame.add(file);
      } else return false;
    });
  },

  syntax: (d, c) => {
    const name = target(d, c);
    const lines = (d.files.get(name) ?? '').split('\n');
    const i = c.int(0, Math.max(0, lines.length - 1));
    const what = c.pick(['tab', 'colon', 'bracket', 'brace', 'dupKey', 'quote', 'indent', 'dash', 'stray', 'nul', 'control']);
    const line = lines[i] ?? '';
    if (what === 'tab') lines[i] = `\t${line}`;
    else if (what === 'colon') lines[i] = line.replace(':', '');
    else if (what === 'bracket') lines[i] = `${line} [`;
    else if (what === 'brace') lines[i] = line.replace(':', ': {');
    else if (what === 'dupKey') lines.splice(i, 0, lines.find((l) => /^[a-z]+:/.test(l)) ?? 'start: 2021-01');
    else if (what === 'quote') lines[i] = line.replace(':', ': "');
    else if (what === 'indent') lines[i] = `   ${line}`;
    else if (what === 'dash') lines[i] = `- ${line}`;
    else if (what === 'stray') lines.splice(i, 0, c.pick([': x', '? x', '&', '*nope', '!!binary x', '!tag x', '%YAML 1.1', '---', '...', '|+9', '@x']));
    else if (what === 'nul') lines[i] = `${line}\u0000`;
    else lines[i] = `${line}\u0007\u001b[31m`;
    d.files.set(name, lines.join('\n'));
    d.blame.add(name);
    d.notes.push(`${name}: YAML ${what} at line ${i + 1}`);
  },

  anchors: (d, c) => {
    const name = target(d, c);
    const what = c.pick(['alias', 'bomb', 'undefined', 'merge']);
    if (what === 'bomb') {
      const levels = Array.from({ length: 9 }, (_, k) => `  l${k + 1}: &l${k + 1} [${Array(10).fill(`*l${k}`).join(', ')}]`);
      d.files.set(name, `${d.files.get(name)}\nbomb:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${levels.join('\n')}\n`);
    } else if (what === 'undefined') d.files.set(name, `${d.files.get(name)}\nfoo: *nope\n`);
    else if (what === 'merge') d.files.set(name, `${d.files.get(name)}\nbase: &base { threshold: 0.5 }\nother:\n  <<: *base\n`);
    else {
      editDoc(d, name, 'anchor and alias', (doc, paths) => {
        if (paths.length < 2) return false;
        const from = c.pick(paths);
        const to = c.pick(paths);
        const node = doc.getIn(from, true) as Node | undefined;
        if (!node || typeof node !== 'object') return false;
        node.anchor = 'a1';
        doc.setIn(to, doc.createAlias(node as never, 'a1'));
        d.notes.push(`${name}: ${to.join('.')} = *a1 (${from.join('.')})`);
      });
      return;
    }
    d.blame.add(name);
    d.notes.push(`${name}: anchors ${what}`);
  },

  size: (d, c) => {
    const name = target(d, c);
    const text = d.files.get(name) ?? '';
    const what = c.pick(['empty', 'comments', 'spaces', 'document', 'bom', 'crlf', 'huge', 'manyValues', 'deep', 'long']);
    const out: Record<string, () => string> = {
      empty: () => '',
      comments: () => '# nothing but a comment\n',
      spaces: () => '   \n\n  \n',
      document: () => '---\n...\n',
      bom: () => `\ufeff${text}`,
      crlf: () => text.replace(/\n/g, '\r\n'),
      huge: () => `${text}\n#${'x'.repeat(5_100_000)}\n`,
      manyValues: () => `${text}\nnote: [${Array(210_000).fill('1').join(',')}]\n`,
      deep: () => `${text}\nnote: ${'['.repeat(150)}${']'.repeat(150)}\n`,
      long: () => `${text}\ndescription: "${'x'.repeat(1_000_000)}"\n`,
    };
    d.files.set(name, out[what]());
    d.blame.add(name);
    d.notes.push(`${name}: ${what}`);
  },

  special: (d, c) => {
    const path = c.pick(SPECIAL_PATHS);
    const where = c.pick(['entry', 'extends', 'csv']);
    if (where === 'entry') {
      d.entry = path;
      d.blame.add(path);
    } else {
      const name = target(d, c);
      editDoc(d, name, `${where} = ${path}`, (doc) => {
        if (where === 'extends') doc.setIn(['extends'], path);
        else doc.setIn(['network', 'btcPriceUsd'], doc.createNode({ csv: path, column: 'btc_usd_mean' }));
      });
      // A special file that is read but is not text is its own mistake: a problem placed in it is well placed.
      d.blame.add(path);
    }
    d.notes.push(`${where}: ${path}`);
  },

  extendsChild: (d, c) => {
    const what = c.pick(['child', 'child', 'childEvent', 'cycle', 'chain']);
    if (what === 'cycle') {
      d.files.set('cycle-b.yaml', `extends: cycle-a.yaml\nend: 2021-12\n`);
      d.files.set('cycle-a.yaml', `extends: cycle-b.yaml\nstart: 2021-01\n`);
      d.entry = 'cycle-a.yaml';
      d.blame.add('cycle-a.yaml').add('cycle-b.yaml');
    } else if (what === 'chain') {
      const n = c.pick([10, 17, 30]);
      for (let k = 0; k < n; k++) d.files.set(`chain${k}.yaml`, `extends: ${k === n - 1 ? d.entry : `chain${k + 1}.yaml`}\n`);
      for (let k = 0; k < n; k++) d.blame.add(`chain${k}.yaml`);
      d.entry = 'chain0.yaml';
    } else if (what === 'childEvent') {
      const ids = [...(d.files.get(d.entry) ?? '').matchAll(/id: ([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
      const field = c.pick(['type', 'effective', 'announced', 'lifted', 'from', 'to', 'multiply', 'regions', 'enforcement', 'fraction']);
      const value = field === 'type' ? c.pick(['ban', 'powerCut', 'capacity', 'tariff', 'priceShock']) : randomValue(c);
      const event = stringify({ id: ids.length > 0 ? c.pick(ids) : 'new-event', [field]: value }, { collectionStyle: 'flow', lineWidth: 0 }).trim();
      d.files.set('child.yaml', `extends: ${d.entry}\nevents:\n  - ${event}\n`);
      d.entry = 'child.yaml';
      d.blame.add('child.yaml');
    } else {
      const parent = d.entry;
      const doc = parseDocument(d.files.get(parent) ?? '');
      const paths = doc.errors.length === 0 ? pathsOf(doc).filter((p) => !p.includes('events') && isScalar(doc.getIn(p, true))) : [];
      const lines = [`extends: ${parent}`];
      if (paths.length > 0) {
        const p = c.pick(paths);
        const child = parseDocument('{}');
        child.setIn(p, child.createNode(c.chance(0.5) ? randomValue(c) : c.pick(NUMBERS)));
        lines.push(child.toString({ lineWidth: 0 }).replace(/^\{\}\n?$/, ''));
        d.notes.push(`child.yaml: ${p.join('.')} overridden`);
      }
      if (c.chance(0.3)) lines.push(`remove: [${c.pick(['nope', 'sichuan-ban', 'kz-levy'])}]`);
      d.files.set('child.yaml', `${lines.join('\n')}\n`);
      d.entry = 'child.yaml';
      d.blame.add('child.yaml');
    }
    d.notes.push(`extends: ${what}`);
  },

  set: (d, c) => {
    const doc = parseDocument(d.files.get(d.entry) ?? '');
    const paths = doc.errors.length === 0 ? pathsOf(doc) : [];
    const what = c.pick(['value', 'value', 'value', 'path', 'syntax']);
    let spec: string;
    if (what === 'value' && paths.length > 0) {
      const v = randomValue(c);
      const text = typeof v === 'string' ? v : stringify(v, { collectionStyle: 'flow', lineWidth: 0 }).trim();
      spec = `${setPath(doc, c.pick(paths))}=${text}`;
    } else if (what === 'path') spec = `${c.pick(['regions.XX.capacityMw', 'network.btcPriceUSD', 'events.nope.effective', 'moves.routes.99.leadMonths', 'behaviour', 'foo.bar', '__proto__.x', 'constructor'])}=${c.pick(['1', 'x', '[1]'])}`;
    else spec = c.pick(['', '=', '=3', 'a..b=1', 'extends=/etc/passwd', 'remove=[x]', 'name', 'start=', 'end={', 'network.btcPriceUsd=[1,', 'start=2021-01\n2']);
    d.sets.push(spec);
    d.blame.add('--set');
    d.notes.push(`--set ${show(spec)}`);
  },

  csv: (d, c) => {
    const base = 'month,btc_usd_mean,days\n2020-01-01,8000,31\n2021-01-01,34000,31\n2022-01-01,41000,31\n';
    const what = c.pick(['cell', 'inf', 'header', 'month', 'empty', 'noRows', 'wide', 'quoted', 'crlf', 'binary']);
    const csv: Record<string, string> = {
      cell: base.replace('34000', 'abc'),
      inf: base.replace('34000', '1e400'),
      header: base.replace('month,btc_usd_mean,days\n', ''),
      month: base.replace('2021-01-01', '2021-13-01'),
      empty: '',
      noRows: 'month,btc_usd_mean\n',
      wide: `${['month', ...Array.from({ length: 5000 }, (_, k) => `c${k}`)].join(',')}\n2021-01,1\n`,
      quoted: base.replace('34000', '"34000"'),
      crlf: base.replace(/\n/g, '\r\n'),
      binary: `${base}\u0000\u0001`,
    };
    d.files.set('bad.csv', csv[what]);
    d.blame.add('bad.csv');
    const name = target(d, c);
    editDoc(d, name, `btcPriceUsd from a ${what} CSV`, (doc) => {
      doc.setIn(['network', 'btcPriceUsd'], doc.createNode({ csv: 'bad.csv', column: c.pick(['btc_usd_mean', 'btc_usd_mean', 'days', 'nope']) }));
    });
  },

  seed: (d, c) => {
    d.seed = c.pick([0, 2, 7, 123_456_789, 2 ** 32, Number.MAX_SAFE_INTEGER]);
    d.notes.push(`run seed ${d.seed}`);
  },
};

