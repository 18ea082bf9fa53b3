/**
 * The golden test: the bytes of scenarios/small.yaml's output at seed 1 are pinned in test/golden/small/.
 * A change to the model or the formats that alters any byte fails here; if the change is intended,
 * regenerate with `npm run golden` and say why in the commit.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { renderOutputs } from '../../src/report/index.ts';
import { runScenario } from '../../src/run/index.ts';
import { loadScenario } from '../../src/scenario/index.ts';

describe('golden output of scenarios/small.yaml, seed 1', () => {
  const resolved = loadScenario('scenarios/small.yaml');
  const files = renderOutputs(runScenario(resolved, 1).trajectory, resolved);

  test('writes the six files', () => {
    expect([...files.keys()].sort()).toEqual(['countries.csv', 'events.jsonl', 'flows.csv', 'manifest.json', 'network.csv', 'regions.csv']);
  });

  for (const name of ['countries.csv', 'regions.csv', 'network.csv', 'flows.csv', 'events.jsonl', 'manifest.json']) {
    test(`${name} is byte-identical to test/golden/small/${name}`, () => {
      expect(files.get(name)).toBe(readFileSync(`test/golden/small/${name}`, 'utf8'));
    });
  }
});
