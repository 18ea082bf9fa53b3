/**
 * `explainScenario`: the resolved scenario as YAML, each value followed by its origin as an end-of-line
 * comment (`# scenarios/x.yaml:12`, `# --set`, `# default`). The output is itself a valid scenario.
 */
import { stringify } from 'yaml';
import { displayPath, type Segments } from './paths.ts';
import type { ResolvedScenario } from './resolve.ts';
import { isMap } from './schemaWalk.ts';

function scalar(v: unknown): string {
  return stringify(v, { lineWidth: 0 }).trimEnd();
}

function key(k: string): string {
  return scalar(k);
}

const isScalar = (v: unknown) => v === null || typeof v !== 'object';
/** Lists of scalars and empty collections are written on one line (`[CN-SC, KZ]`, `{}`). */
const isInline = (v: unknown) =>
  isScalar(v) || (Array.isArray(v) && v.every(isScalar)) || (isMap(v) && Object.keys(v).length === 0);

function inline(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(scalar).join(', ')}]`;
  if (isMap(v)) return '{}';
  return scalar(v);
}

/**
 * Prints the resolved scenario with the origin of every value.
 * @example explainScenario(loadScenario('x.yaml')) // 'name: x # default\nstart: 2021-01 # x.yaml:3\n...'
 */
export function explainScenario(resolved: ResolvedScenario): string {
  const data = resolved.data;
  const comment = (segs: Segments) => {
    const o = resolved.origins.get(displayPath(data, segs));
    if (o === undefined) return '';
    return ` # ${o.replace(/:(\d+):\d+$/, ':$1')}`;
  };
  const lines: string[] = [
    `# Resolved scenario ${resolved.name} from ${resolved.file} (sha256 ${resolved.hash})`,
    '# Each value ends with its origin: file:line, --set, or default.',
  ];
  const emitMap = (map: Record<string, unknown>, segs: Segments, indent: string, firstPrefix?: string) => {
    let first = true;
    for (const [k, v] of Object.entries(map)) {
      const prefix = first && firstPrefix !== undefined ? firstPrefix : indent;
      first = false;
      const s = [...segs, k];
      if (isInline(v)) lines.push(`${prefix}${key(k)}: ${inline(v)}${comment(s)}`);
      else {
        lines.push(`${prefix}${key(k)}:${comment(s)}`);
        emit(v, s, `${indent}  `);
      }
    }
  };
  const emit = (v: unknown, segs: Segments, indent: string) => {
    if (isMap(v)) emitMap(v, segs, indent);
    else if (Array.isArray(v)) {
      v.forEach((item, i) => {
        const s = [...segs, i];
        if (isMap(item) && Object.keys(item).length > 0) emitMap(item, s, `${indent}  `, `${indent}- `);
        else if (isInline(item)) lines.push(`${indent}- ${inline(item)}${comment(s)}`);
        else {
          lines.push(`${indent}-${comment(s)}`);
          emit(item, s, `${indent}  `);
        }
      });
    }
  };
  emit(data, [], '');
  return `${lines.join('\n')}\n`;
}
