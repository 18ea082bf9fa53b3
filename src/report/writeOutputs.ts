/**
 * A run's output files: rendered in memory first (`renderOutputs`), then written as one set into their folder
 * (`writeOutputs`, through `writeFolderAtomically`), so a failed run never leaves a half-written result.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFolderAtomically, type FileContent } from './atomicFolder.ts';
import { assertFiniteOutputs } from './finite.ts';
import type { Trajectory } from '../model/trajectory.ts';
import { countriesCsv, eventsJsonl, flowsCsv, networkCsv, regionsCsv } from './tables.ts';
import { PROGRAM_VERSION } from './version.ts';

/** What the manifest records about the scenario. */
export interface ScenarioIdentity {
  name: string;
  file: string;
  hash: string;
  data: unknown;
}

/** The text of every output file of a run, by file name. */
export function renderOutputs(t: Trajectory, scenario: ScenarioIdentity): Map<string, string> {
  assertFiniteOutputs(t);
  const files = new Map<string, string>([
    ['countries.csv', countriesCsv(t)],
    ['regions.csv', regionsCsv(t)],
    ['network.csv', networkCsv(t)],
    ['flows.csv', flowsCsv(t)],
    ['events.jsonl', eventsJsonl(t)],
  ]);
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const manifest = {
    program: 'hashsim',
    version: PROGRAM_VERSION,
    scenario: scenario.name,
    scenarioFile: scenario.file.split('\\').join('/'),
    scenarioHash: scenario.hash,
    seed: t.seed,
    months: { start: t.months[0], end: t.months[t.months.length - 1] },
    draws: t.plan.draws,
    files: Object.fromEntries([...files].map(([name, text]) => [name, sha(text)])),
    resolvedScenario: scenario.data,
  };
  files.set('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  return files;
}

/**
 * Writes a run's files as the whole content of folder `dir`, atomically (`writeFolderAtomically`): a reader sees
 * the previous set or the new one, never a mix. An existing folder is replaced only if it holds nothing but a
 * previous run's outputs (the files its manifest lists, the manifest, and names of the new set). Throws
 * `FolderWriteError` when the folder cannot be written. Returns the paths written.
 * @example writeOutputs('results/small', renderOutputs(trajectory, resolved)) // ['results/small/countries.csv', ...]
 */
export function writeOutputs(dir: string, files: ReadonlyMap<string, FileContent>): string[] {
  const previous = previousOutputs(dir);
  const owns = (entry: string) =>
    entry === 'manifest.json' ||
    DERIVED_ENTRIES.includes(entry) ||
    previous.has(entry) ||
    [...files.keys()].some((n) => n === entry || n.startsWith(`${entry}/`));
  return writeFolderAtomically(dir, files, { owns });
}

/** What `run` or `hashsim report` derive from a run's files (src/report/charts/): replaced with the folder. */
const DERIVED_ENTRIES = ['charts', 'report.html'];

/** Top-level names of the files a previous run's manifest lists (none when there is no readable manifest). */
function previousOutputs(dir: string): Set<string> {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { program?: unknown; files?: unknown };
    if (manifest.program !== 'hashsim' || typeof manifest.files !== 'object' || manifest.files === null) return new Set();
    return new Set(Object.keys(manifest.files).map((name) => name.split('/')[0]));
  } catch {
    return new Set();
  }
}
