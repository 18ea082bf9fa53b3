/**
 * `hashsim compare <A> <B>`: the comparison's files (compare_*.csv and manifest.json), and writing them with their
 * charts and report as one set into a folder.
 */
import { createHash } from 'node:crypto';
import { writeFolderAtomically, type FileContent } from '../atomicFolder.ts';
import { chartSet } from '../charts/writeCharts.ts';
import { PROGRAM_VERSION } from '../version.ts';
import { commonMonths, compareTables } from './compareTables.ts';
import { readSide, type Side } from './sides.ts';
import { ResultsError } from '../charts/resultsError.ts';

/** How a side is named in the manifest and titles: `china-2021 (seed 1)`, `china-2021 (ensemble of 200 runs)`. */
export function sideTitle(s: Side): string {
  const m = s.manifest;
  if (s.kind === 'ensemble') return `${s.label} (ensemble${m?.runs !== undefined ? ` of ${m.runs} runs` : ''})`;
  return m?.seed !== undefined ? `${s.label} (seed ${m.seed})` : s.label;
}

function identity(s: Side) {
  const m = s.manifest ?? {};
  return {
    dir: s.dir.split('\\').join('/'),
    kind: s.kind,
    scenario: s.label,
    scenarioHash: m.scenarioHash,
    ...(m.seed !== undefined ? { seed: m.seed } : {}),
    ...(m.masterSeed !== undefined ? { masterSeed: m.masterSeed } : {}),
    ...(m.runs !== undefined ? { runs: m.runs } : {}),
    version: m.version,
  };
}

/**
 * The comparison of the results in `dirA` and `dirB` (A minus B): compare_countries.csv, compare_network.csv,
 * compare_totals.csv, compare_flows.csv (two runs) and manifest.json. Throws a `ResultsError` when a folder is
 * not a run's or an ensemble's, or when the two share no month.
 * @example compareResults('results/china-2021', 'results/no-ban').get('compare_totals.csv')
 */
export function compareResults(dirA: string, dirB: string): Map<string, string> {
  const a = readSide(dirA);
  const b = readSide(dirB);
  const months = commonMonths(a, b);
  if (months.length === 0) throw new ResultsError(`${dirA} and ${dirB}: expected results with months in common, found ${a.months[0]}..${a.months[a.months.length - 1]} and ${b.months[0]}..${b.months[b.months.length - 1]}`);
  const files = compareTables(a, b);
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const manifest = {
    program: 'hashsim',
    version: PROGRAM_VERSION,
    command: 'compare',
    comparison: `${sideTitle(a)} minus ${sideTitle(b)}`,
    a: identity(a),
    b: identity(b),
    months: { start: months[0], end: months[months.length - 1] },
    files: Object.fromEntries([...files].map(([name, text]) => [name, sha(text)])),
  };
  files.set('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  return files;
}

/**
 * Compares `dirA` with `dirB` and writes the files, their charts (SVG, PNG, Vega-Lite specs) and report.html into
 * `outDir`, as one set (the folder is replaced as a whole). Returns the paths written.
 * @example await writeComparison('results/china-2021', 'results/no-ban', 'results/compare-china-2021-vs-no-ban')
 */
export async function writeComparison(dirA: string, dirB: string, outDir: string): Promise<string[]> {
  const tables = compareResults(dirA, dirB);
  const files = new Map<string, FileContent>(tables);
  for (const [name, content] of await chartSet(outDir, tables)) files.set(name, content);
  const owned = new Set(['manifest.json', 'charts', 'report.html', ...tables.keys()]);
  return writeFolderAtomically(outDir, files, { owns: (entry) => owned.has(entry) || entry.startsWith('compare_') });
}
