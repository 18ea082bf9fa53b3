/**
 * The calibrated scenario: a YAML file that `extends` the original and sets each calibrated parameter to its
 * posterior median, or (`--keep-uncertainty`) to a distribution fitted to its posterior (fitPosterior.ts), so that
 * an ensemble of it draws the parameters per run. The `--set` overrides the calibration ran with are written too,
 * so the file is the scenario that was calibrated. The header says how it was made: the command, the window, the
 * date, the program version, and each parameter's prior and posterior.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Document, parse as parseYaml, visit, type YAMLMap } from 'yaml';
import type { Population } from './abcSmc.ts';
import type { CalibratedDiscrepancy } from './calibratedDiscrepancy.ts';
import { fitMarginal } from './fitPosterior.ts';
import { ParameterError, type ScenarioParameter } from './parameters.ts';
import { decimalsFor, type ParameterSummary } from './posteriorSummary.ts';
import { formatPrior } from './priors.ts';

/** What the calibrated scenario is made from. */
export interface CalibratedScenarioInput {
  /** The original scenario's file and name. */
  scenarioFile: string;
  scenarioName: string;
  /** Where the calibrated file will be written (for the relative `extends` path). */
  outputFile: string;
  sets: readonly string[];
  parameters: readonly ScenarioParameter[];
  summaries: readonly ParameterSummary[];
  posterior: Population;
  keepUncertainty: boolean;
  /** Header lines: the command, the window, the date and version, how the run ended. */
  command: string;
  window: string;
  date: string;
  version: string;
  note: string;
  /** The model discrepancy measured for it (calibratedDiscrepancy.ts), written into its `observation` section. */
  discrepancy?: CalibratedDiscrepancy;
}

/**
 * A value rounded to `decimals` decimals, as a number (so YAML shows `0.0812`, not `0.08120000000000001`).
 * @example roundTo(0.081234567, 4) // 0.0812
 */
export function roundTo(x: number, decimals: number): number {
  return Number(x.toFixed(decimals)) + 0;
}

type Tree = Record<string, unknown>;

/** Path of `target` relative to the folder of `file`, with `/` separators (`./schema.json` for a neighbour). */
function relativeTo(file: string, target: string): string {
  const r = relative(dirname(resolve(file)), resolve(target)).split(sep).join('/');
  return r.startsWith('.') ? r : `./${r}`;
}

/** Puts `value` at the dotted `path` of `tree`: events by id (a list item `{id, ...}`), everything else as nested maps. */
function setPath(tree: Tree, path: string, value: unknown): void {
  const segs = path.split('.');
  if (segs[0] === 'events' && segs.length >= 2) {
    const events = (tree.events ??= []) as Tree[];
    let item = events.find((e) => e.id === segs[1]);
    if (!item) events.push((item = { id: segs[1] }));
    if (segs.length === 2) throw new ParameterError(`${path}: cannot write a whole event into the calibrated scenario; set its fields`);
    setNested(item, segs.slice(2), value, path);
    return;
  }
  setNested(tree, segs, value, path);
}

function setNested(node: Tree, segs: string[], value: unknown, path: string): void {
  for (const s of segs.slice(0, -1)) {
    if (/^\d+$/.test(s)) throw new ParameterError(`${path}: a field inside a list (other than events) cannot be written into the calibrated scenario`);
    const next = node[s];
    node = (typeof next === 'object' && next !== null && !Array.isArray(next) ? next : (node[s] = {})) as Tree;
  }
  node[segs[segs.length - 1]] = value;
}

/**
 * The calibrated scenario's YAML text.
 * @example calibratedScenarioYaml({...}) // '# china-2021-calibrated: ...\nextends: china-2021.yaml\n...'
 */
export function calibratedScenarioYaml(input: CalibratedScenarioInput): string {
  const name = `${input.scenarioName}-calibrated`;
  const extendsPath = relativeTo(input.outputFile, input.scenarioFile);
  const tree: Tree = {
    extends: extendsPath,
    name,
    description: `${input.scenarioName} with ${input.parameters.length} behaviour parameter${input.parameters.length === 1 ? '' : 's'} calibrated by ABC-SMC on the record over ${input.window} (${input.keepUncertainty ? 'posterior distributions' : 'posterior medians'}).`,
  };
  for (const spec of input.sets) {
    const eq = spec.indexOf('=');
    setPath(tree, spec.slice(0, eq).trim(), parseYaml(spec.slice(eq + 1)));
  }
  input.parameters.forEach((p, k) => {
    const decimals = decimalsFor(p.prior);
    const s = input.summaries[k];
    const values = input.posterior.particles.map((t) => t[k]);
    const value = input.keepUncertainty ? fitMarginal(p.prior, values, input.posterior.weights, (x) => roundTo(x, decimals)) : roundTo(s.median, decimals);
    setPath(tree, p.path, value);
  });

  const d = input.discrepancy?.params;
  if (d) {
    setPath(tree, 'observation.discrepancySampleSize', Math.round(d.discrepancySampleSize));
    setPath(tree, 'observation.discrepancyShareCorrelation', roundTo(d.discrepancyShareCorrelation, 2));
    setPath(tree, 'observation.discrepancyHashrate', roundTo(d.discrepancyHashrate, 4));
    setPath(tree, 'observation.discrepancyHashrateCorrelation', roundTo(d.discrepancyHashrateCorrelation, 2));
  }

  const doc = new Document(tree);
  visit(doc, {
    Map(_, node: YAMLMap) {
      if (node.items.some((pair) => (pair.key as { value?: unknown })?.value === 'dist' || (pair.key as { value?: unknown })?.value === 'id')) node.flow = true;
    },
  });
  const header = [
    `${name}: ${input.scenarioName} calibrated by ABC-SMC (hashsim calibrate; README "Calibration").`,
    '',
    `Command: ${input.command}`,
    `Window: ${input.window} (observations of no month after 2021-08 were used)`,
    `Date: ${input.date}; hashsim ${input.version}`,
    input.note,
    '',
    `Posterior (weighted median [90% interval]) against the prior; ${input.keepUncertainty ? 'values below: fitted distributions (fitPosterior.ts)' : 'values below: posterior medians'}:`,
    ...input.summaries.map((s, k) => {
      const d = decimalsFor(input.parameters[k].prior);
      return `  ${s.path}: ${roundTo(s.median, d)} [${roundTo(s.p05, d)}, ${roundTo(s.p95, d)}]; prior ${formatPrior(s.prior)}, 90% [${roundTo(s.priorP05, d)}, ${roundTo(s.priorP95, d)}]`;
    }),
  ];
  if (input.discrepancy) {
    header.push(
      '',
      `Model discrepancy (observation.discrepancy*; src/calibrate/modelDiscrepancy.ts): measured from the residuals of ${input.discrepancy.runs} runs`,
      `of this scenario without it (master seed ${input.discrepancy.masterSeed}) over the window, in the map view, beyond the record's measurement error.`,
    );
  }
  const schema = join(dirname(resolve(input.scenarioFile)), 'schema.json');
  const schemaLine = existsSync(schema) ? `# yaml-language-server: $schema=${relativeTo(input.outputFile, schema)}\n#\n` : '';
  return `${schemaLine}${header.map((l) => (l ? `# ${l}` : '#')).join('\n')}\n\n${doc.toString({ lineWidth: 0 })}`;
}
