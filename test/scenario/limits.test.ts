/**
 * Limits: whatever sizes a run's memory or work is bounded and checked where it is written, so that
 * `validate` refuses what `run` cannot do; numbers that cannot be simulated with finite numbers are refused.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTemplate, drawPlan, loadScenario, ScenarioError } from '../../src/scenario/index.ts';
import { MAX_AGENT_MONTHS, MAX_AGENTS, MAX_MONTHS, MAX_REGIONS, MAX_YEAR, MIN_YEAR, runSize } from '../../src/scenario/limits.ts';
import { MONTH_PATTERN } from '../../src/scenario/dates.ts';
import { runScenario } from '../../src/run/index.ts';
import { BASE, edit, problems, writeFiles } from './helpers.ts';

const WITH_SUPPLY = edit(BASE, 'initialJPerTh: 40', 'initialJPerTh: 40\n  supplyEhsPerMonth: 5');
const tooMany = /^expected a run of at most 10,000,000 agents and 20,000,000 agent-months, found /;

describe('agents and agent-months', () => {
  it('a tiny initialHashrateEhs (new agents sized from it) is refused at that field, not crashed on', () => {
    const found = problems(edit(WITH_SUPPLY, 'initialHashrateEhs: 150', 'initialHashrateEhs: 0.000000001'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^x\.yaml:6:23 network\.initialHashrateEhs: expected a run of at most 10,000,000 agents/);
    expect(found[0]).toContain('for 60 EH/s of new machines in agents of 5.00e-13 EH/s (initialHashrateEhs / agents.count)');
  });

  it('a tiny agents.newAgentSizeEhs is refused at that field', () => {
    const found = problems(`${WITH_SUPPLY}agents:\n  newAgentSizeEhs: 0.0000001\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^x\.yaml:28:20 agents\.newAgentSizeEhs: expected a run of at most 10,000,000 agents/);
    expect(found[0]).toContain('600,000,000 for 60 EH/s of new machines in agents of 1.00e-7 EH/s');
  });

  it('one point of the supply series set with --set is blamed there, not where the series was written (found by fuzzing: 7:5003)', () => {
    const found = problems(edit(BASE, 'initialJPerTh: 40', 'initialJPerTh: 40\n  supplyEhsPerMonth: {2021-01: 5, 2021-06: 5}'), { sets: ['network.supplyEhsPerMonth.2021-06=1000000'] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^--set network\.supplyEhsPerMonth\.2021-06: expected a run of at most 10,000,000 agents/);
  });

  it('agents.count and the horizon bound agent-months: refused at the field written last', () => {
    const found = problems(edit(`${BASE}agents:\n  count: 9000000\n`, 'end: 2021-12', 'end: 2045-12'));
    expect(found).toEqual([
      'x.yaml:27:10 agents.count: expected a run of at most 10,000,000 agents and 20,000,000 agent-months, found 9,000,000 agents (9,000,000 at the start, 0 for 0 EH/s of new machines in agents of 0.0000167 EH/s (initialHashrateEhs / agents.count)) and 2,700,000,000 agent-months over 300 months (2021-01 to 2045-12)',
    ]);
  });

  it('runSize counts the start fleet and each month of supply as the model creates them', () => {
    const resolved = loadScenario(join(writeFiles({ 'x.yaml': WITH_SUPPLY }), 'x.yaml'));
    const size = runSize(drawPlan(compileTemplate(resolved), 1));
    // 2000 agents of 0.075 EH/s at the start; 5 EH/s a month is 67 agents of that mean size, for 12 months.
    expect(size).toEqual({ startAgents: 2000, newAgents: 12 * 67, agentMonths: 12 * 2000 + 67 * 66, newAgentThs: 75_000, supplyEhs: 60 });
    // The largest start fleet that agents.count allows can run for at least a month.
    expect(MAX_AGENT_MONTHS).toBeGreaterThanOrEqual(MAX_AGENTS);
  });

  it('a distribution wide enough to draw a size that is too small is refused at the distribution, naming the seed', () => {
    const text = `${WITH_SUPPLY}agents:\n  newAgentSizeEhs: {dist: uniform, min: 0.000000001, max: 0.000000002}\n`;
    const found = problems(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^x\.yaml:28:3 agents\.newAgentSizeEhs: expected a run of at most/);
    expect(found[0]).toMatch(/ \(drawn with seed 1\)$/);
  });

  it('a run with another seed whose draw is too small fails as bad input (a ScenarioError), never a crash', () => {
    const text = `${WITH_SUPPLY}agents:\n  newAgentSizeEhs: {dist: lognormal, median: 0.001, sigma: 5}\n`;
    const resolved = loadScenario(join(writeFiles({ 'x.yaml': text }), 'x.yaml'));
    const template = compileTemplate(resolved);
    let refused = 0;
    let simulated = 0;
    for (let seed = 1; seed <= 40; seed++) {
      try {
        // runScenario = drawPlan (where a draw is refused) + simulate. Accepted draws are simulated up to 2M
        // agent-months (this distribution also draws runs of millions of tiny agents, minutes each in the model
        // v2 market, which is not what this test is about).
        const plan = drawPlan(template, seed);
        if (runSize(plan).agentMonths <= 2_000_000) {
          runScenario(template, seed);
          simulated++;
        }
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioError);
        expect((e as ScenarioError).issues[0].message).toMatch(new RegExp(`${tooMany.source.slice(1)}.* \\(drawn with seed ${seed}\\)$`));
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(simulated).toBeGreaterThan(10);
  });
});

describe('the calendar and the horizon', () => {
  it('months and dates run from 1900-01 to 2200-12', () => {
    expect([MIN_YEAR, MAX_YEAR]).toEqual([1900, 2200]);
    const month = new RegExp(MONTH_PATTERN);
    expect(['1900-01', '2021-06', '2200-12'].every((m) => month.test(m))).toBe(true);
    expect(['1899-12', '2201-01', '0999-01', '9999-12'].some((m) => month.test(m))).toBe(false);
    expect(problems(edit(BASE, 'end: 2021-12', 'end: 9999-12'))).toEqual(['x.yaml:3:6 end: expected a month YYYY-MM from 1900-01 to 2200-12, found "9999-12"']);
    expect(problems(edit(BASE, 'start: 2021-01', 'start: 0999-01'))).toEqual(['x.yaml:2:8 start: expected a month YYYY-MM from 1900-01 to 2200-12, found "0999-01"']);
    expect(problems(edit(BASE, 'effective: 2021-06-20', 'effective: 0021-06-20'))).toEqual([
      'x.yaml:24:16 events.sichuan-ban.effective: expected a date YYYY-MM-DD from 1900-01-01 to 2200-12-31, found "0021-06-20"',
    ]);
  });

  it(`a run is at most ${MAX_MONTHS} months (100 years) long`, () => {
    expect(problems(edit(BASE, 'end: 2021-12', 'end: 2120-12'))).toEqual([]);
    expect(problems(edit(BASE, 'end: 2021-12', 'end: 2121-01'))).toEqual(['x.yaml:3:6 end: expected a month at most 1200 months (100 years) from start (2021-01), found "2121-01"']);
  });
});

describe('numbers that cannot be simulated with finite numbers are refused', () => {
  it.each([
    ['initialHashrateEhs: 150', 'initialHashrateEhs: 1e308', 'x.yaml:6:23 network.initialHashrateEhs: expected a number > 0 and <= 1e6, found 1e+308'],
    ['btcPriceUsd: 40000', 'btcPriceUsd: 1e21', 'x.yaml:5:16 network.btcPriceUsd: expected a number between 0 and 1e9, found 1e+21'],
    ['btcPriceUsd: 40000', 'btcPriceUsd: "1e10 * (t + 1)"', 'x.yaml:5:16 network.btcPriceUsd: expected a number between 0 and 1e9 in every month, found 10000000000 in 2021-01'],
    ['initialJPerTh: 40', 'initialJPerTh: 40\n  initialJPerThSigma: 1000', 'x.yaml:8:23 network.initialJPerThSigma: expected a number between 0 and 5, found 1000'],
    ['capacityMw: 500', 'capacityMw: 1e300', 'x.yaml:18:17 regions.KZ.capacityMw: expected a number between 0 and 1e9, found 1e+300'],
  ])('%s -> %s', (from, to, message) => {
    expect(problems(edit(BASE, from, to))).toEqual([message]);
  });

  it('agents.sizeLognormalSigma and every other number without its own bound stay within +-1e12', () => {
    expect(problems(`${BASE}agents:\n  sizeLognormalSigma: 1000\n`)).toEqual(['x.yaml:27:23 agents.sizeLognormalSigma: expected a number between 0 and 5, found 1000']);
    expect(problems(`${BASE}behaviour:\n  homeBiasUsdPerTh: -1e300\n`)).toEqual(['x.yaml:27:21 behaviour.homeBiasUsdPerTh: expected a number between -1e6 and 1e6, found -1e+300']);
    expect(problems(edit(BASE, 'btcPriceUsd: 40000', 'btcPriceUsd: {dist: normal, mean: 40000, sd: 1e300}'))).toEqual([
      'x.yaml:5:48 network.btcPriceUsd.sd: expected a number between 0 and 1e12, found 1e+300',
    ]);
  });

  it('priceShock multipliers may not compound beyond 1e6', () => {
    const shocks = [1, 2, 3].map((i) => `  - { id: shock${i}, type: priceShock, from: 2021-0${i + 1}-01, multiply: 1000 }`).join('\n');
    expect(problems(`${BASE}${shocks}\n`)).toEqual(['x.yaml:26:65 events.shock1.multiply: expected priceShock multipliers whose product is at most 1000000, found a product of 1.00e+9']);
  });

  it(`at most ${MAX_REGIONS} regions`, () => {
    const many = Array.from({ length: MAX_REGIONS + 1 }, (_, i) => `  R${i}: { country: R${i}, initialShare: ${i === 0 ? 1 : 0}, powerPriceUsdPerKwh: 0.05, capacityMw: 10 }`).join('\n');
    const text = `start: 2021-01\nend: 2021-02\nnetwork: { btcPriceUsd: 40000, initialHashrateEhs: 1, initialJPerTh: 40 }\nregions:\n${many}\n`;
    expect(problems(text)).toEqual(['x.yaml:5:3 regions: expected a map of regions by id, with 1 to 100 regions, found a map']);
  });
});
