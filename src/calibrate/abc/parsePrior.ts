/**
 * Priors as the command line writes them: `uniform(0.02,0.2)`, `normal(0.5,0.1)`, `lognormal(median,sigma)`,
 * `triangular(min,mode,max)`, or the scenario files' YAML syntax `{dist: normal, mean: 0.5, sd: 0.1}`.
 */
import { parse as parseYaml } from 'yaml';
import { checkPrior, type Prior } from './priors.ts';

/** What each distribution takes, in the order of the short form's arguments. */
export const PRIOR_ARGUMENTS: Record<Prior['dist'], readonly string[]> = {
  normal: ['mean', 'sd'],
  lognormal: ['median', 'sigma'],
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
};

/** The words of every "expected" message about a prior. */
export const PRIOR_EXPECTED =
  'a prior: uniform(min,max), normal(mean,sd), lognormal(median,sigma), triangular(min,mode,max) or {dist: normal, mean: 0.5, sd: 0.1}';

/** A prior that cannot be read, with a message saying what was expected and what was found. */
export class PriorError extends Error {}

/**
 * Reads a prior from its short form or its YAML form. Throws `PriorError` for anything else.
 * @example parsePrior('uniform(0.02, 0.2)') // {dist: 'uniform', min: 0.02, max: 0.2}
 * @example parsePrior('{dist: lognormal, median: 2, sigma: 0.5}') // {dist: 'lognormal', median: 2, sigma: 0.5}
 */
export function parsePrior(text: string): Prior {
  const trimmed = text.trim();
  const prior = trimmed.startsWith('{') ? fromYaml(trimmed) : fromCall(trimmed);
  const problem = checkPrior(prior);
  if (problem) throw new PriorError(`${problem} (in ${JSON.stringify(text)})`);
  return prior;
}

function fail(text: string): never {
  throw new PriorError(`expected ${PRIOR_EXPECTED}, found ${JSON.stringify(text)}`);
}

function isDist(name: string): name is Prior['dist'] {
  return Object.hasOwn(PRIOR_ARGUMENTS, name);
}

function fromCall(text: string): Prior {
  const m = /^([A-Za-z]+)\s*\(([^()]*)\)$/.exec(text);
  if (!m) fail(text);
  const name = m[1];
  if (!isDist(name)) {
    throw new PriorError(`expected a distribution named normal, lognormal, uniform or triangular, found "${name}" in ${JSON.stringify(text)}`);
  }
  const names = PRIOR_ARGUMENTS[name];
  const parts = m[2].split(',').map((s) => s.trim());
  if (parts.length !== names.length) {
    throw new PriorError(`${name} takes ${names.length} numbers (${names.join(', ')}), found ${parts.length} in ${JSON.stringify(text)}`);
  }
  const values = parts.map((p, i) => {
    const v = p === '' ? NaN : Number(p);
    if (!Number.isFinite(v)) throw new PriorError(`${name}: expected a number for ${names[i]}, found ${JSON.stringify(p)} in ${JSON.stringify(text)}`);
    return v;
  });
  return build(name, values);
}

function fromYaml(text: string): Prior {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch {
    fail(text);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(text);
  const map = value as Record<string, unknown>;
  const name = map.dist;
  if (typeof name !== 'string' || !isDist(name)) {
    throw new PriorError(`expected dist: normal, lognormal, uniform or triangular, found ${JSON.stringify(name ?? null)} in ${JSON.stringify(text)}`);
  }
  const names = PRIOR_ARGUMENTS[name];
  const extra = Object.keys(map).filter((k) => k !== 'dist' && !names.includes(k));
  if (extra.length > 0) throw new PriorError(`${name} takes ${names.join(', ')}, found an unknown key "${extra[0]}" in ${JSON.stringify(text)}`);
  const values = names.map((k) => {
    const v = map[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new PriorError(`${name}: expected a number for ${k}, found ${JSON.stringify(v ?? null)} in ${JSON.stringify(text)}`);
    return v;
  });
  return build(name, values);
}

function build(name: Prior['dist'], v: number[]): Prior {
  switch (name) {
    case 'normal':
      return { dist: 'normal', mean: v[0], sd: v[1] };
    case 'lognormal':
      return { dist: 'lognormal', median: v[0], sigma: v[1] };
    case 'uniform':
      return { dist: 'uniform', min: v[0], max: v[1] };
    case 'triangular':
      return { dist: 'triangular', min: v[0], mode: v[1], max: v[2] };
  }
}
