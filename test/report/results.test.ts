/**
 * The committed outputs under results/ are the default runs of the shipped scenarios: regenerating each one
 * (its scenario file, its own seed) must give the same bytes. Regenerate with `npm run results`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { renderOutputs } from '../../src/report/index.ts';
import { runScenario } from '../../src/run/index.ts';
import { loadScenario } from '../../src/scenario/index.ts';

const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();

describe('results/ holds the default run of every shipped scenario', () => {
  test('there is a results folder for each scenario file', () => {
    const names = scenarios.map((f) => loadScenario(`scenarios/${f}`).name);
    for (const name of names) expect(existsSync(`results/${name}/manifest.json`), name).toBe(true);
  });

  for (const file of scenarios) {
    test(`regenerating scenarios/${file} gives the committed bytes`, () => {
      const resolved = loadScenario(`scenarios/${file}`);
      const files = renderOutputs(runScenario(resolved, resolved.defaultSeed).trajectory, resolved);
      for (const [name, text] of files) {
        expect(text, `results/${resolved.name}/${name}`).toBe(readFileSync(`results/${resolved.name}/${name}`, 'utf8'));
      }
    });
  }
});
