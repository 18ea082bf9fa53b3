/**
 * Outputs keep their promised format: fixed decimals, never an exponent, and never NaN or Infinity (a
 * non-finite number is an internal error before anything is written).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fixed, NonFiniteOutputError, renderOutputs } from '../../src/report/index.ts';
import { runScenario } from '../../src/run/index.ts';
import { loadScenario } from '../../src/scenario/index.ts';

describe('fixed(value, decimals)', () => {
  test('prints numbers of 1e21 and more with fixed decimals, exactly, never as 1e+21', () => {
    expect(fixed(1e21, 2)).toBe('1000000000000000000000.00');
    expect(fixed(-2.5e22, 0)).toBe('-24999999999999997902848'); // the exact value of the double, as toFixed prints below 1e21
    expect(Number(fixed(-2.5e22, 0))).toBe(-2.5e22);
    expect(fixed(1.7976931348623157e308, 1)).toMatch(/^179769313486231570\d{291}\.0$/);
  });

  test('refuses NaN and infinities', () => {
    for (const v of [NaN, Infinity, -Infinity]) expect(() => fixed(v, 3)).toThrow(NonFiniteOutputError);
  });

  test('every finite number gives digits, an optional point and exactly the decimals asked for', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 6 }), (v, d) => {
        const text = fixed(v, d);
        expect(text).toMatch(d === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${d}}$`));
        if (Math.abs(v) >= 1e21) expect(Number(text)).toBe(v);
        else expect(Math.abs(Number(text) - v)).toBeLessThanOrEqual(0.5 * 10 ** -d + Math.abs(v) * 1e-15);
      }),
    );
  });
});

describe('outputs are checked finite before anything is rendered', () => {
  const resolved = loadScenario('scenarios/small.yaml');
  test('a NaN anywhere in the trajectory is an internal error naming the series, month and region', () => {
    const { trajectory } = runScenario(resolved, 1);
    trajectory.region.energyTwh[3 * trajectory.regionCount + 1] = NaN;
    expect(() => renderOutputs(trajectory, resolved)).toThrow(
      new NonFiniteOutputError(`region.energyTwh is NaN in ${trajectory.months[3]} for region ${trajectory.plan.regions[1].id}; no output was written`),
    );
  });

  test('an infinite network value or draw is refused too', () => {
    const a = runScenario(resolved, 1).trajectory;
    a.network.btcPriceUsd[0] = Infinity;
    expect(() => renderOutputs(a, resolved)).toThrow(`network.btcPriceUsd is Infinity in ${a.months[0]}; no output was written`);
    const b = runScenario(resolved, 1).trajectory;
    (b.plan.draws as Record<string, number>)['behaviour.hideProbability'] = -Infinity;
    expect(() => renderOutputs(b, resolved)).toThrow('the draw of behaviour.hideProbability is -Infinity; no output was written');
  });
});
