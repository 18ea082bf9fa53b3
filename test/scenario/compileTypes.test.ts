/**
 * The scenario's types come from the schema (src/scenario/scenarioTypes.ts): the type-level cases below are
 * checked by `npx tsc --noEmit` (each `@ts-expect-error` fails the typecheck if the line it marks compiles),
 * and the runtime cases check the one claim the types add to the schema: a field marked `filled` is always
 * present after loading.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/resolve.ts';
import { FilledKind, ScenarioSchema } from '../../src/scenario/schema.ts';
import type { NumberData, PathStep, PathTo, ScenarioData, TimeData } from '../../src/scenario/scenarioTypes.ts';
import { isMap, walk, type Schema } from '../../src/scenario/schemaWalk.ts';
import { join } from 'node:path';
import { writeFiles } from './helpers.ts';

/** Accepts exactly the paths compile.ts's `num` accepts (a Number field that loading always fills in). */
const numberPath = <const P extends readonly PathStep[]>(segs: P & PathTo<P, NumberData>): readonly PathStep[] => segs;
/** Accepts exactly the paths compile.ts's `time` accepts. */
const timePath = <const P extends readonly PathStep[]>(segs: P & PathTo<P, TimeData>): readonly PathStep[] => segs;

describe('scenario types derived from the schema', () => {
  it('accept the fields compile.ts reads and reject misspelt, mistyped or possibly missing ones (checked by tsc)', () => {
    const ok = [
      numberPath(['behaviour', 'hideProbability']),
      numberPath(['regions', 'CN-SC', 'congestion', 'threshold']),
      numberPath(['events', 0, 'enforcement']),
      numberPath(['moves', 'withinCountry', 'tariffShare']),
      timePath(['network', 'btcPriceUsd']),
      timePath(['series', 'hydro']),
    ];
    // @ts-expect-error misspelt field
    numberPath(['behaviour', 'hidePropability']);
    // @ts-expect-error a field of another section
    numberPath(['network', 'hideProbability']);
    // @ts-expect-error a TimeValue is not a Number (it may vary by month)
    numberPath(['network', 'btcPriceUsd']);
    // @ts-expect-error optional without a default: it may be missing (compile.ts reads it with optionalNum)
    numberPath(['regions', 'CN-SC', 'banCompliance']);
    // @ts-expect-error a list is indexed by number
    numberPath(['events', 'sichuan-ban', 'enforcement']);
    // @ts-expect-error no event type has this field
    numberPath(['events', 0, 'enforcment']);
    const typeOnly = (d: ScenarioData): NumberData => {
      // @ts-expect-error misspelt property
      void d.behaviour.hidePropability;
      return d.regions['CN-SC'].initialShare; // filled in by loading: never undefined
    };
    void typeOnly;
    expect(ok.map((p) => p.join('.'))).toContain('events.0.enforcement');
  });

  it('every field marked filled is present after loading, in every map and list item that has it', () => {
    const dir = writeFiles({
      's.yaml': `
start: 2021-01
end: 2021-03
network: {btcPriceUsd: 30000, initialHashrateEhs: 150, initialJPerTh: 40}
regions:
  CN: {country: CN, initialShare: 1, powerPriceUsdPerKwh: 0.05, capacityMw: 10000}
  US: {country: US, powerPriceUsdPerKwh: {gbm: {initial: 0.05, driftPerYear: 0, volatilityPerYear: 0.1}}, capacityMw: 1000}
moves:
  routes: [{from: CN, to: US, leadMonths: 2}]
events:
  - {id: b, type: ban, regions: [CN], announced: 2021-01-15, effective: 2021-02-01, enforcement: 0.5}
  - {id: t, type: tariff, regions: [US], from: 2021-02-01}
observation: {}
`,
    });
    const data = loadScenario(join(dir, 's.yaml')).data;
    const missing: string[] = [];
    let checked = 0;
    walk(data, ScenarioSchema as Schema, [], (value, _declared, resolved, segs) => {
      if (!isMap(value) || !resolved?.properties) return;
      for (const [key, prop] of Object.entries(resolved.properties as Record<string, Schema>)) {
        if (!(FilledKind in prop)) continue;
        checked++;
        if (!(key in value)) missing.push([...segs, key].join('.'));
      }
    });
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });
});
