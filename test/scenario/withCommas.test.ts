/**
 * schema.ts and limits.ts write their limits and counts with `withCommas` (limits.ts) instead of `toLocaleString('en-US')` (whose first call starts ICU's
 * number formatting: 20-40 ms of every start-up): the same text for every integer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withCommas } from '../../src/scenario/limits.ts';
import { ScenarioSchema } from '../../src/scenario/schema.ts';

describe('withCommas', () => {
  it("writes integers as toLocaleString('en-US') does (property)", () => {
    fc.assert(fc.property(fc.maxSafeNat(), (n) => withCommas(n) === n.toLocaleString('en-US')));
    expect([0, 999, 1000, 10_000_000].map(withCommas)).toEqual(['0', '999', '1,000', '10,000,000']);
  });

  it('gives the agents section its description', () => {
    expect((ScenarioSchema.properties as Record<string, { description?: string }>).agents.description).toContain('at most 10,000,000 agents (start fleet and new supply) and 20,000,000 agent-months');
  });
});
