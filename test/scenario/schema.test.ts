import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.ts';
import { SCHEMA_FILE, schemaText } from '../../src/scenario/writeSchema.ts';

const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof AjvModule.default;

describe('scenarios/schema.json', () => {
  it('is up to date with src/scenario/schema.ts (run `npx tsx src/scenario/writeSchema.ts` to refresh it)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText());
  });

  it('accepts a resolved scenario and refuses a wrong one, like the validator does', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
    const data = loadScenario('test/fixtures/scenarios/minimal.yaml').data as Record<string, any>;
    expect(validate(data)).toBe(true);
    expect(validate({ ...data, regions: { ...data.regions, KZ: { ...data.regions.KZ, capacityMw: 'lots' } } })).toBe(true); // a formula, checked later
    expect(validate({ ...data, regions: { ...data.regions, KZ: { ...data.regions.KZ, capacityMw: -1 } } })).toBe(false);
    expect(validate({ ...data, start: '2021-13' })).toBe(false);
    expect(validate({ ...data, events: [{ id: 'x', type: 'bann' }] })).toBe(false);
  });
});
