/** Helpers for the scenario tests: write scenario text to a temporary folder and collect formatted problems. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compileScenario, formatIssue, loadScenario, ScenarioError } from '../../src/scenario/index.ts';

/** A valid two-region scenario; the line numbers below are used by the exact-message tests. */
export const BASE = `name: t
start: 2021-01
end: 2021-12
network:
  btcPriceUsd: 40000
  initialHashrateEhs: 150
  initialJPerTh: 40
regions:
  CN-SC:
    country: CN
    initialShare: 0.6
    powerPriceUsdPerKwh: 0.05
    capacityMw: 2500
  KZ:
    country: KZ
    initialShare: 0.4
    powerPriceUsdPerKwh: 0.045
    capacityMw: 500
events:
  - id: sichuan-ban
    type: ban
    regions: [CN-SC]
    announced: 2021-06-18
    effective: 2021-06-20
    enforcement: 0.9
`;

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'hashsim-scenario-'));
}

/** Writes `files` (name -> text) into a fresh folder and returns the folder. */
export function writeFiles(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** `text` with `from` replaced by `to` (which must occur). */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`edit: ${JSON.stringify(from)} not found`);
  return text.replace(from, to);
}

/**
 * Loads and compiles `text` (written as x.yaml, next to `extra` files) and returns its problems, formatted, with
 * the temporary folder removed from file names; [] when the scenario is valid.
 */
export function problems(text: string, options: { sets?: string[]; extra?: Record<string, string>; file?: string } = {}): string[] {
  const name = options.file ?? 'x.yaml';
  const dir = writeFiles({ [name]: text, ...options.extra });
  try {
    const r = loadScenario(join(dir, name), { sets: options.sets });
    compileScenario(r, { seed: 1 });
    return [];
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return e.issues.map((i) => formatIssue(i).split(`${dir}/`).join(''));
  }
}
