/**
 * Field paths as users read them: `regions.CN-SC.capacityMw`, `events.sichuan-ban.effective` (events by id),
 * `moves.routes[0].from` (other list items by index). The whole file is `(root)`.
 */

/** A path into the plain data: map keys and list indexes. */
export type Segments = (string | number)[];

const PLAIN = /^[A-Za-z0-9_-]+$/;

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The display name of an event at `index`: its id when it has a usable one. */
export function eventKey(event: unknown, index: number): string {
  const id = isMap(event) ? event.id : undefined;
  return typeof id === 'string' && PLAIN.test(id) ? id : `[${index}]`;
}

/**
 * Formats the path `segs` into `root` for messages and origins.
 * @example displayPath(data, ['events', 0, 'effective']) // 'events.sichuan-ban.effective'
 */
export function displayPath(root: unknown, segs: Segments): string {
  let out = '';
  let node: unknown = root;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    if (typeof seg === 'number') {
      const isEvents = i === 1 && segs[0] === 'events';
      const item = Array.isArray(node) ? node[seg] : undefined;
      const part = isEvents ? eventKey(item, seg) : `[${seg}]`;
      out += part.startsWith('[') ? part : `${out ? '.' : ''}${part}`;
      node = item;
    } else {
      const part = PLAIN.test(seg) ? seg : `[${JSON.stringify(seg).replace(/\s/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}]`;
      out += part.startsWith('[') ? part : `${out ? '.' : ''}${part}`;
      node = isMap(node) ? node[seg] : undefined;
    }
  }
  return out || '(root)';
}
