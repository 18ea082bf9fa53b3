/**
 * Writes a run's files into a folder. Every file's text is built in memory first; each is then written to a
 * temporary name and renamed into place, so a failed run never leaves a half-written file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Writes the files into `dir` (created if missing) through temporary names; returns the paths written. */
export function writeOutputs(dir: string, files: Map<string, string>): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const temps: string[] = [];
  try {
    for (const [name, text] of files) {
      const temp = join(dir, `.${name}.${process.pid}.tmp`);
      writeFileSync(temp, text);
      temps.push(temp);
    }
    [...files.keys()].forEach((name, i) => {
      renameSync(temps[i], join(dir, name));
      written.push(join(dir, name));
    });
  } finally {
    for (const temp of temps) rmSync(temp, { force: true });
  }
  return written;
}
