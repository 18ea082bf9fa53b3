import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { withOverrides } from '../../../src/run/runScenario.ts';
import { loadScenario } from '../../../src/scenario/index.ts';
import { applyParameters, parameterBase, parameterOverrides, ParameterError, resolveParameters, withinBounds, type ParameterSpec } from '../../../src/calibrate/abc/parameters.ts';
import { parseParamOption } from '../../../src/calibrate/abc/paramOption.ts';

const small = loadScenario('scenarios/small.yaml');
const specs: ParameterSpec[] = [
  parseParamOption('behaviour.hideProbability=uniform(0,0.5)'),
  parseParamOption('events.sichuan-ban.enforcement=triangular(0,0.3,1)'),
  parseParamOption('network.opexUsdPerThMonth=lognormal(0.3,0.5)'),
];

function problems(list: ParameterSpec[]): string {
  try {
    resolveParameters(small, list);
  } catch (e) {
    expect(e).toBeInstanceOf(ParameterError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('calibrated parameters', () => {
  const params = resolveParameters(small, specs);
  const base = parameterBase(small, params);

  test('find the field and its bounds in the schema (events by id)', () => {
    expect(params.map((p) => p.segments)).toEqual([['behaviour', 'hideProbability'], ['events', 0, 'enforcement'], ['network', 'opexUsdPerThMonth']]);
    expect(params.slice(0, 2).map((p) => p.bounds)).toEqual([{ minimum: 0, maximum: 1 }, { minimum: 0, maximum: 1 }]);
    expect(params[2].bounds.minimum).toBe(0);
  });

  test('a particle applied without reading the file equals the same values given as --set overrides', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 5, noNaN: true }), (a, b, c) => {
        const theta = [a, b, c];
        const fast = applyParameters(base, params, theta);
        const slow = withOverrides(small, parameterOverrides(params, theta));
        expect(fast.data).toEqual(slow.data);
        expect(fast.hash).toBe(slow.hash);
        expect(fast.sets).toEqual(slow.sets);
      }),
      { numRuns: 15 },
    );
  });

  test('the base is never changed by a particle', () => {
    const before = JSON.stringify(base.data);
    applyParameters(base, params, [0.3, 0.9, 2]);
    expect(JSON.stringify(base.data)).toBe(before);
  });

  test('bounds: the truncated prior support', () => {
    expect(withinBounds(params, [0, 1, 0])).toBe(true);
    expect(withinBounds(params, [-0.01, 0.5, 1])).toBe(false);
    expect(withinBounds(params, [0.5, 1.01, 1])).toBe(false);
    expect(withinBounds(params, [0.5, 0.5, NaN])).toBe(false);
  });

  test('every mistake at once, each naming the --param', () => {
    expect(
      problems([
        parseParamOption('behaviour.hidProbability=uniform(0,0.4)'),
        parseParamOption('agents.count=uniform(1,5)'),
        parseParamOption('regions.CN-SC.capacityMw=uniform(1,2)'),
        parseParamOption('behaviour.hideProbability=normal(2,1)'),
        parseParamOption('events.nope.enforcement=uniform(0,1)'),
        parseParamOption('events.sichuan-ban.enforcement=uniform(0,1)'),
        parseParamOption('events.sichuan-ban.enforcement=uniform(0,0.5)'),
      ]),
    ).toBe(
      [
        '--param behaviour.hidProbability: unknown path: no key "hidProbability" in behaviour (did you mean "hideProbability"?)',
        '--param agents.count: expected a number field (e.g. behaviour.hideProbability), found an integer field',
        '--param regions.CN-SC.capacityMw: expected a field holding a number or a distribution, found a time path (a formula or a series) that a constant would replace',
        "--param behaviour.hideProbability: the prior's median must be a valid value: expected a number between 0 and 1, found 2",
        '--param events.nope.enforcement: unknown path: expected an event id of this scenario, found "nope"',
        '--param events.sichuan-ban.enforcement: given twice',
      ].join('\n'),
    );
  });

  test('--param needs PATH=PRIOR', () => {
    expect(() => parseParamOption('behaviour.hideProbability')).toThrow('--param: expected PATH=PRIOR (e.g. behaviour.hideProbability=uniform(0.02,0.3)), found "behaviour.hideProbability"');
    expect(() => parseParamOption('behaviour.hideProbability=')).toThrow(/^--param behaviour.hideProbability: expected a prior: /);
    expect(() => parseParamOption('behaviour.hideProbability=uniform(1,0)')).toThrow('--param behaviour.hideProbability: uniform needs min < max, found min 1 and max 0 (in "uniform(1,0)")');
  });
});
