/**
 * The shipped calibration, scenarios/china-2021-calibrated.yaml: the exact command in its header, run in a copy of
 * scenarios/ with the committed checkpoints (results/china-2021-calibration/checkpoints/, so no generation is
 * simulated again) and SOURCE_DATE_EPOCH at the header's date, writes the shipped file byte for byte, and the
 * committed calibration files too. And the model still gives the recorded distances: the best particles of the
 * last generation, simulated again with their seeds, land on the distances the checkpoint holds (a change of the
 * model or of china-2021.yaml after the calibration fails here, instead of leaving a stale posterior).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CHECKPOINT_FOLDER } from '../../../src/calibrate/abc/writeCalibration.ts';
import { candidateSeed } from '../../../src/calibrate/abc/proposals.ts';
import { ParticleSimulator } from '../../../src/calibrate/abc/particleSimulator.ts';
import { observedTarget } from '../../../src/calibrate/abc/target.ts';
import { parseWindow, windowFor } from '../../../src/calibrate/abc/window.ts';
import { parseParamOption } from '../../../src/calibrate/abc/paramOption.ts';
import { loadScenario } from '../../../src/scenario/index.ts';
import { parseMonth } from '../../../src/engine/calendar.ts';

const SHIPPED = 'scenarios/china-2021-calibrated.yaml';
const RESULTS = 'results/china-2021-calibration';

/** The words of a POSIX command line as the calibrate command quotes it (plain words and '...' with '\''). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /(?:[^\s']+|'(?:[^']*)')+/g;
  for (const m of line.matchAll(re)) words.push(m[0].replace(/'([^']*)'/g, '$1'));
  return words;
}

const text = readFileSync(SHIPPED, 'utf8');
const header = (key: string) => {
  const m = text.match(new RegExp(`^# ${key}: (.*)$`, 'm'));
  if (!m) throw new Error(`${SHIPPED}: no "# ${key}:" line`);
  return m[1];
};

function files(dir: string, sub = ''): string[] {
  return readdirSync(join(dir, sub))
    .sort()
    .flatMap((f) => (statSync(join(dir, sub, f)).isDirectory() ? files(dir, join(sub, f)) : [join(sub, f)]));
}

describe('the shipped calibration (scenarios/china-2021-calibrated.yaml)', () => {
  const words = shellWords(header('Command'));

  test('its header gives the command, a window ending by 2021-08 and a 2019-09 start', () => {
    expect(words.slice(0, 3)).toEqual(['hashsim', 'calibrate', 'scenarios/china-2021.yaml']);
    expect(words).toContain('--scenario-out');
    expect(words[words.indexOf('--scenario-out') + 1]).toBe(SHIPPED);
    expect(words[words.indexOf('--out') + 1]).toBe(RESULTS);
    expect(header('Window')).toMatch(/^2019-09\.\.2021-0[1-8] /);
    expect(text).toMatch(/^start: 2019-09$/m);
  });

  test('the header command, resumed from the committed checkpoints, writes the shipped file and calibration files byte for byte', { timeout: 300_000 }, () => {
    const root = mkdtempSync(join(tmpdir(), 'hashsim-shipped-calibration-'));
    cpSync('scenarios', join(root, 'scenarios'), { recursive: true });
    mkdirSync(join(root, RESULTS), { recursive: true });
    cpSync(join(RESULTS, CHECKPOINT_FOLDER), join(root, RESULTS, CHECKPOINT_FOLDER), { recursive: true });
    const date = header('Date').slice(0, 10);
    const r = spawnSync(process.execPath, [resolve('bin/hashsim.js'), ...words.slice(1)], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', SOURCE_DATE_EPOCH: String(Date.parse(`${date}T00:00:00Z`) / 1000) },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/generation \d+\/\d+: .*simulations in/); // every generation came from its checkpoint
    expect(readFileSync(join(root, SHIPPED), 'utf8')).toBe(text);
    // Committed: all but the charts and report.html (results/china-2021-calibration/.gitignore).
    const committed = files(RESULTS).filter((f) => !f.startsWith('charts') && f !== 'report.html' && f !== '.gitignore');
    expect(committed).toContain('posterior.csv');
    for (const f of committed) {
      expect(readFileSync(join(root, RESULTS, f), 'utf8'), f).toBe(readFileSync(join(RESULTS, f), 'utf8'));
    }
  });

  test('the model still gives the recorded distances of the last generation', { timeout: 300_000 }, () => {
    const last = files(join(RESULTS, CHECKPOINT_FOLDER)).at(-1)!;
    const body = JSON.parse(readFileSync(join(RESULTS, CHECKPOINT_FOLDER, last), 'utf8'));
    const { population, settings } = body;
    const sets = words.flatMap((w, i) => (words[i - 1] === '--set' ? [w] : []));
    const parameters = words.flatMap((w, i) => (words[i - 1] === '--param' ? [parseParamOption(w)] : []));
    const scenarioFile = words[2];
    const resolved = loadScenario(scenarioFile, { sets });
    const data = resolved.data as { start: string; end: string };
    const [start, end] = [parseMonth(data.start)!, parseMonth(data.end)!];
    const window = windowFor(parseWindow(String(settings.window)), start, end);
    const sim = new ParticleSimulator({ scenarioFile, sets, parameters, runsPerParticle: settings.runsPerParticle, target: observedTarget(window, start, end) });
    // The two closest particles (each simulated once more; a few seconds each).
    const order = population.distances.map((d: number, i: number) => [d, i]).sort((a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1]);
    for (const [distance, i] of order.slice(0, 2)) {
      const seed = candidateSeed(settings.seed, { generation: population.generation, particle: i, attempt: population.acceptedAttempts[i] });
      expect(sim.evaluate(population.particles[i], seed).distance, `particle ${i}`).toBeCloseTo(distance, 12);
    }
  });
});
