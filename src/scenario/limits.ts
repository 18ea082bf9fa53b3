/**
 * The limits validation enforces on what sizes a run's memory and work, and on numbers, so that `validate`
 * refuses what `run` cannot do (and a run never allocates without end, runs without end, or meets a number it
 * cannot hold). Single fields are bounded in the schema (schema.ts reads the constants here); what depends on
 * several fields (agents created over the run, agent-months, multipliers compounded by events) is checked on
 * each run's plan by `checkRunLimits`, and reported at the field written last among those involved, with the
 * seed when a drawn value is involved.
 *
 * | limit | value |
 * |---|---|
 * | calendar | months and dates from 1900-01 to 2200-12 |
 * | horizon (`start` to `end`) | 1200 months (100 years) |
 * | regions | 100 |
 * | events, move routes | 1000 each |
 * | named series | 100 |
 * | formula | 1000 characters, 100 levels of nesting (formula.ts) |
 * | scenario file | 5,000,000 bytes, 200,000 values, 100 levels (load.ts); 16 files in an extends chain |
 * | CSV file | 20,000,000 bytes (series.ts) |
 * | `agents.count` | 1 to 10,000,000 |
 * | agents over the run (start fleet + agents created for new supply) | 10,000,000 |
 * | agent-months (agents alive, summed over the months; an upper bound) | 20,000,000 (about 20 s) |
 * | any number without a tighter bound | -1e12 to 1e12 |
 * | product of the multipliers of all priceShock events, of all tariffs on a region | 1e6 |
 */
import { formatMonth } from '../engine/calendar.ts';
import type { Plan } from '../plan/plan.ts';
import type { IssueList, Pos } from './errors.ts';
import { displayPath, type Segments } from './paths.ts';
import type { ResolvedScenario } from './resolve.ts';
import { latestWithin, writtenLast } from './writtenOrder.ts';

/** First and last calendar years of months and dates (the engine's calendar is exact far beyond). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;
/** The longest run, in months (`start` to `end` inclusive): 100 years. */
export const MAX_MONTHS = 1200;
/** The most regions (flows are a months x regions x regions table). */
export const MAX_REGIONS = 100;
/** The most events of a scenario (and the most move routes). */
export const MAX_EVENTS = 1000;
/** The most named series (each formula's scope holds them all, every month). */
export const MAX_SERIES = 100;
/** The most agents: `agents.count`, and agents alive over a whole run (the start fleet plus new supply). */
export const MAX_AGENTS = 10_000_000;
/**
 * The most agent-months (agents alive in a month, summed over the months): about 20 s of simulation with model
 * v2's capacity market (about 1 M agent-months/s on these 2-core machines; 200 M under the old model took minutes).
 */
export const MAX_AGENT_MONTHS = 20_000_000;
/** Numbers without a bound of their own stay within +-this, so that every product of a few of them is finite. */
export const MAX_MAGNITUDE = 1e12;
/** The largest product of the multipliers of all priceShock events, or of all tariffs on one region. */
export const MAX_COMPOUND_MULTIPLIER = 1e6;

/** Agents and agent-months of a plan, as the model creates them (an upper bound: no agent retires). */
export interface RunSize {
  startAgents: number;
  newAgents: number;
  agentMonths: number;
  /** Mean size of a new agent, TH/s. */
  newAgentThs: number;
  supplyEhs: number;
}

/**
 * The number of agents a plan creates and the agent-months it simulates at most: the start fleet is split
 * into `max(1, round(count * share))` agents per region with a share, and each month's supply into
 * `max(1, round(supply / mean new size))` agents (model/world.ts and the supply phase).
 * @example runSize(plan).startAgents // 2000 for agents.count 2000 and shares summing to 1 (+ rounding)
 */
export function runSize(plan: Plan): RunSize {
  let startAgents = 0;
  for (const r of plan.regions) if (r.initialShare > 0) startAgents += Math.max(1, Math.round(plan.agents.count * r.initialShare));
  const newAgentThs = plan.agents.newAgentSizeEhs > 0 ? plan.agents.newAgentSizeEhs * 1e6 : (plan.network.initialHashrateEhs * 1e6) / plan.agents.count;
  let alive = startAgents;
  let newAgents = 0;
  let agentMonths = 0;
  let supplyEhs = 0;
  for (let s = 0; s < plan.months; s++) {
    agentMonths += alive;
    const supply = plan.network.supplyEhsPerMonth[s];
    if (supply > 0) {
      const n = Math.max(1, Math.round((supply * 1e6) / newAgentThs));
      newAgents += n;
      alive += n;
      supplyEhs += supply;
    }
  }
  return { startAgents, newAgents, agentMonths, newAgentThs, supplyEhs };
}

/**
 * Checks the limits that depend on several fields of one run's plan, adding one issue per limit exceeded, at
 * the field written last among those involved (a drawn value: at its distribution, naming the seed).
 */
export function checkRunLimits(plan: Plan, resolved: ResolvedScenario, issues: IssueList): void {
  const data = resolved.data as Record<string, any>;
  const latest = (segs: Segments) => latestWithin(resolved.origins, displayPath(data, segs), resolved.files);
  const drawn = (segs: Segments) => (Object.hasOwn(plan.draws, displayPath(data, segs)) ? ` (drawn with seed ${plan.seed})` : '');
  const add = (candidates: Segments[], message: (segs: Segments) => string) => {
    const segs = writtenLast(candidates, (c) => latest(c).rank);
    const { path } = latest(segs); // a point of a series written after the rest of it is blamed there
    issues.add(originPos(resolved.origins.get(path)) ?? positionOf(resolved, segs), path, message(segs));
  };

  const size = runSize(plan);
  const agents = size.startAgents + size.newAgents;
  if (agents > MAX_AGENTS || size.agentMonths > MAX_AGENT_MONTHS) {
    const sizeField: Segments = plan.agents.newAgentSizeEhs > 0 ? ['agents', 'newAgentSizeEhs'] : ['network', 'initialHashrateEhs'];
    const candidates: Segments[] = size.newAgents > size.startAgents ? [sizeField, ['network', 'supplyEhsPerMonth'], ['agents', 'count'], ['end']] : [['agents', 'count'], ['end'], sizeField, ['network', 'supplyEhsPerMonth']];
    const found =
      `${count(agents)} agents (${count(size.startAgents)} at the start, ${count(size.newAgents)} for ${round(size.supplyEhs)} EH/s of new machines ` +
      `in agents of ${round(size.newAgentThs / 1e6)} EH/s${plan.agents.newAgentSizeEhs > 0 ? '' : ' (initialHashrateEhs / agents.count)'}) ` +
      `and ${count(size.agentMonths)} agent-months over ${plan.months} months (${formatMonth(plan.startMonth)} to ${formatMonth(plan.startMonth + plan.months - 1)})`;
    add(candidates, (segs) => `expected a run of at most ${count(MAX_AGENTS)} agents and ${count(MAX_AGENT_MONTHS)} agent-months, found ${found}${drawn(segs)}`);
  }

  const shocks = plan.events.map((e, i) => ({ e, i })).filter(({ e }) => e.type === 'priceShock');
  const shockProduct = shocks.reduce((p, { e }) => p * (e.type === 'priceShock' ? e.multiply : 1), 1);
  if (shockProduct > MAX_COMPOUND_MULTIPLIER) {
    add(shocks.map(({ i }): Segments => ['events', i, 'multiply']), (segs) => `expected priceShock multipliers whose product is at most ${MAX_COMPOUND_MULTIPLIER}, found a product of ${shockProduct.toPrecision(3)}${drawn(segs)}`);
  }
  plan.regions.forEach((region, r) => {
    const tariffs = plan.events.map((e, i) => ({ e, i })).filter(({ e }) => e.type === 'tariff' && e.regions.includes(r));
    const product = tariffs.reduce((p, { e }) => p * (e.type === 'tariff' ? e.multiply : 1), 1);
    if (product > MAX_COMPOUND_MULTIPLIER) {
      add(tariffs.map(({ i }): Segments => ['events', i, 'multiply']), (segs) => `expected tariff multipliers on ${region.id} whose product is at most ${MAX_COMPOUND_MULTIPLIER}, found a product of ${product.toPrecision(3)}${drawn(segs)}`);
    }
  });
}

/** Where the value at `segs` was written (its origin), or the scenario file. */
function positionOf(resolved: ResolvedScenario, segs: Segments): Pos {
  for (let n = segs.length; n > 0; n--) {
    const pos = originPos(resolved.origins.get(displayPath(resolved.data, segs.slice(0, n))));
    if (pos) return pos;
  }
  return { file: resolved.file, line: 1, column: 1 };
}

/** The position an origin (`file:line:column` or `--set`) names; undefined for a default or no origin. */
function originPos(o: string | undefined): Pos | undefined {
  if (o === undefined || o === 'default') return undefined;
  if (o === '--set') return { file: '--set', line: 1, column: 1 };
  const m = /^(.*):(\d+):(\d+)$/.exec(o);
  return m ? { file: m[1], line: Number(m[2]), column: Number(m[3]) } : undefined;
}

/**
 * An integer with a comma every three digits, as `toLocaleString('en-US')` writes it, without starting ICU's number
 * formatting (20-40 ms at its first call; schema.ts writes its limits with it when loaded, at every start).
 * Example: `withCommas(1e7)` is `"10,000,000"`.
 */
export function withCommas(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

const count = (n: number) => (n >= 1e15 ? n.toPrecision(3) : withCommas(Math.round(n)));
const round = (x: number) => (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3) ? x.toPrecision(3) : String(Number(x.toPrecision(6))));
