/**
 * Compiling a resolved scenario into the `Plan` the simulation reads, in two steps:
 * - `compileTemplate` (once per scenario, seed-free): reads CSV files, compiles formulas and evaluates every
 *   value that does not depend on a draw into per-month arrays, and reports every problem found;
 * - `drawPlan` (once per run, cheap): draws the uncertain values (distributions, `gbm` paths and anything
 *   computed from them) from streams seeded by the run seed, reusing everything else from the template.
 * Dates become day numbers, region names become indexes into the regions sorted by id, and moves become R*R
 * matrices. The plan records the seed it was drawn with.
 */
import { dirname, isAbsolute, join } from 'node:path';
import { monthOfYear, yearOf } from '../engine/calendar.ts';
import { formatMonth, parseDate, parseMonth } from './dates.ts';
import { draw, stream } from './distributions.ts';
import { IssueList, ScenarioError, type Pos } from './errors.ts';
import { compileFormula, type FormulaScope } from './formula.ts';
import { gbmPath } from './gbm.ts';
import { displayPath, type Segments } from './paths.ts';
import type { MovesPlan, Plan, PlanEvent, RegionPlan } from '../plan/plan.ts';
import type { ResolvedScenario } from './resolve.ts';
import { numberWords, ScenarioSchema, type Bounds } from './schema.ts';
import type { EventData, NumberData, PathStep, PathTo, ScenarioData, TimeData } from './scenarioTypes.ts';
import { childSchema, isMap, resolveUnion, type Schema } from './schemaWalk.ts';
import { inlinePoints, interpolate, readCsvSeries, type SeriesPoint } from './series.ts';
import { checkRunLimits } from './limits.ts';
import { originRank, writtenLast } from './writtenOrder.ts';

/** Options of `compileScenario`. */
export interface CompileOptions {
  /** Run seed: every draw and gbm path comes from streams seeded by it. */
  seed: number;
}

/**
 * The seed-free part of a compiled scenario, shared by every run of an ensemble: the resolved scenario, the CSV
 * files read once, and every per-month array that no draw affects. Read only once built.
 */
export interface PlanTemplate {
  readonly resolved: ResolvedScenario;
  /** CSV series by `file\0column`. */
  readonly csv: Map<string, ReturnType<typeof readCsvSeries>>;
  /** Seed-free per-month arrays by field path (shared between plans: the simulation never writes to them). */
  readonly fixed: Map<string, Float64Array>;
  /** True when no value of the scenario is drawn: every plan differs only by its seed. */
  readonly seedFree: boolean;
}

/**
 * Compiles the seed-free template of a scenario, checking everything that can be checked without a draw (and
 * the draws of the scenario's default seed). Throws `ScenarioError` listing every problem.
 * @example drawPlan(compileTemplate(loadScenario('scenarios/china-2021.yaml')), 7).seed // 7
 */
export function compileTemplate(resolved: ResolvedScenario): PlanTemplate {
  const template: PlanTemplate = { resolved, csv: new Map(), fixed: new Map(), seedFree: !hasDraws(resolved.data) };
  drawPlan(template, resolved.defaultSeed);
  return template;
}

/**
 * One run's plan: the template's fixed arrays plus the values drawn from streams seeded by `seed`. Throws
 * `ScenarioError` for problems only a draw reveals (a drawn value that makes a formula give NaN).
 * @example drawPlan(template, 3).draws // { 'behaviour.hideProbability': 0.11 } for a scenario with one distribution
 */
export function drawPlan(template: PlanTemplate, seed: number): Plan {
  const c = new Compiler(template, seed);
  let plan: Plan;
  try {
    plan = c.plan();
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new ScenarioError([{ file: template.resolved.file, line: 1, column: 1, path: '(file)', message: `internal error while compiling the scenario (please report it): ${message}` }]);
  }
  if (c.issues.size === 0) checkRunLimits(plan, template.resolved, c.issues);
  c.issues.throwIfAny();
  return plan;
}

/**
 * Compiles a resolved scenario into the plan of one run (template and draw in one step).
 * @example compileScenario(loadScenario('scenarios/china-2021.yaml'), {seed: 1}).regions.map((r) => r.id)
 */
export function compileScenario(resolved: ResolvedScenario, options: CompileOptions): Plan {
  return drawPlan(compileTemplate(resolved), options.seed);
}

/** True if any value of the tree is a distribution or a gbm path. */
function hasDraws(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasDraws);
  if (!isMap(v)) return false;
  if ('dist' in v || 'gbm' in v) return true;
  return Object.values(v).some(hasDraws);
}

/** A child of a plain value: a key of a map or an index of a list; undefined for anything else. */
function childOf(v: unknown, seg: PathStep): unknown {
  return typeof v === 'object' && v !== null ? (v as Record<PathStep, unknown>)[seg] : undefined;
}

/** The members of a union `V` that declare the key `K` (a record such as an inline series does not). */
type WithKey<V, K extends string> = V extends unknown ? (K extends keyof V ? (string extends keyof V ? never : V) : never) : never;

/** True for a value written as a map with key `tag` (`dist`, `gbm`, `csv`): the branch of a union it means. */
function tagged<V, K extends string>(v: V, tag: K): v is WithKey<V, K> {
  return isMap(v) && tag in v;
}

class Compiler {
  readonly issues = new IssueList();
  private readonly data: ScenarioData;
  private readonly draws: Record<string, number> = {};
  private readonly series: Record<string, Float64Array> = Object.create(null); // names are the user's: no prototype
  /** Names of the `series` whose values are drawn (formulas using them are drawn too). */
  private readonly drawnSeries = new Set<string>();
  private readonly resolved: ResolvedScenario;
  private startMonth = 0;
  private months = 0;

  constructor(
    private readonly template: PlanTemplate,
    private readonly seed: number,
  ) {
    this.resolved = template.resolved;
    this.data = this.resolved.data as ScenarioData; // validated against the schema by loadScenario; read only
  }

  plan(): Plan {
    const d = this.data;
    this.startMonth = parseMonth(d.start)!;
    this.months = parseMonth(d.end)! - this.startMonth + 1;
    const series = d.series ?? {}; // filled in by loading; kept for a resolved scenario built by hand
    for (const name of Object.keys(series)) {
      if (hasDraws(series[name]) || this.usesDrawnSeries(series[name])) this.drawnSeries.add(name);
      this.series[name] = this.time(['series', name]);
    }

    const ids = Object.keys(d.regions).sort();
    const regions: RegionPlan[] = ids.map((id) => {
      const at = <K extends keyof ScenarioData['regions'][string]>(k: K) => ['regions', id, k] as const;
      return {
        id,
        country: d.regions[id].country,
        initialShare: this.num(at('initialShare')),
        powerPriceUsdPerKwh: this.time(at('powerPriceUsdPerKwh')),
        capacityMw: this.time(at('capacityMw')),
        banHazardPerYear: this.time(at('banHazardPerYear')),
        carbonGPerKwh: this.time(at('carbonGPerKwh')),
        congestionThreshold: this.num(['regions', id, 'congestion', 'threshold']),
        congestionSlope: this.num(['regions', id, 'congestion', 'slope']),
        buildOutMwPerMonth: this.num(['regions', id, 'buildOut', 'mwPerMonth']),
        buildOutLeadMonths: this.num(['regions', id, 'buildOut', 'leadMonths']),
        buildOutTrigger: this.num(['regions', id, 'buildOut', 'trigger']),
        banCompliance: this.optionalNum(at('banCompliance')) ?? 1 - this.num(['behaviour', 'hideProbability']),
      };
    });
    if (ids.some((id) => isMap(d.regions[id].initialShare))) {
      // Drawn shares are rescaled to sum to 1.
      const sum = regions.reduce((s, r) => s + r.initialShare, 0);
      if (sum > 0) for (const r of regions) r.initialShare /= sum;
      else this.fail(['regions'], 'expected initialShare values with a positive sum, found 0');
    }

    const net = <K extends keyof ScenarioData['network']>(k: K) => ['network', k] as const;
    const beh = (k: keyof ScenarioData['behaviour']) => this.num(['behaviour', k]);
    return {
      name: this.resolved.name,
      seed: this.seed,
      startMonth: this.startMonth,
      months: this.months,
      regions,
      network: {
        btcPriceUsd: this.time(net('btcPriceUsd')),
        feesBtcPerBlock: this.time(net('feesBtcPerBlock')),
        supplyEhsPerMonth: this.time(net('supplyEhsPerMonth')),
        frontierJPerTh: this.time(net('frontierJPerTh')),
        machineValueUsdPerTh: this.time(net('machineValueUsdPerTh')),
        initialHashrateEhs: this.num(net('initialHashrateEhs')),
        initialJPerTh: this.num(net('initialJPerTh')),
        initialJPerThSigma: this.num(net('initialJPerThSigma')),
        opexUsdPerThMonth: this.num(net('opexUsdPerThMonth')),
        supplyOriginRegion: this.supplyOrigin(ids),
      },
      agents: {
        count: d.agents.count,
        sizeLognormalSigma: this.num(['agents', 'sizeLognormalSigma']),
        newAgentSizeEhs: this.num(['agents', 'newAgentSizeEhs']),
      },
      behaviour: {
        horizonMonths: beh('horizonMonths'),
        logitScaleUsdPerTh: beh('logitScaleUsdPerTh'),
        homeBiasUsdPerTh: beh('homeBiasUsdPerTh'),
        reviewProbabilityPerMonth: beh('reviewProbabilityPerMonth'),
        switchHysteresis: beh('switchHysteresis'),
        retireAfterIdleMonths: beh('retireAfterIdleMonths'),
        announcedLeaveProbabilityPerMonth: beh('announcedLeaveProbabilityPerMonth'),
        hideProbability: beh('hideProbability'),
        hiddenPowerPriceMultiplier: beh('hiddenPowerPriceMultiplier'),
        displacementPremium: beh('displacementPremium'),
        detectionSizeElasticity: beh('detectionSizeElasticity'),
        hostingCapexUsdPerMw: beh('hostingCapexUsdPerMw'),
        buildOutPaybackMonths: beh('buildOutPaybackMonths'),
      },
      moves: this.moves(ids),
      events: d.events.map((ev, i) => this.event(ev, i, ids)),
      draws: this.draws,
    };
  }

  /** Region indexes named by region ids and country codes (a country names all its regions), ascending. */
  private expand(names: string | string[] | undefined, ids: string[]): number[] {
    const list = names === undefined ? [] : Array.isArray(names) ? names : [names];
    const out = new Set<number>();
    for (const name of list) {
      ids.forEach((id, i) => {
        if (this.data.regions[id].country === name) out.add(i);
      });
      const i = ids.indexOf(name);
      if (i >= 0 && !ids.some((id) => this.data.regions[id].country === name)) out.add(i);
    }
    return [...out].sort((a, b) => a - b);
  }

  /** Index of `network.supplyOrigin` among the sorted region ids, or -1 when not set. */
  private supplyOrigin(ids: string[]): number {
    const origin = this.data.network.supplyOrigin;
    if (origin === undefined) return -1;
    const i = ids.indexOf(origin);
    if (i < 0) this.fail(['network', 'supplyOrigin'], `expected a region id of this scenario, found ${JSON.stringify(origin)}`);
    return i;
  }

  private moves(ids: string[]): MovesPlan {
    const r = ids.length;
    const m: MovesPlan = {
      leadMonths: new Float64Array(r * r), costUsdPerTh: new Float64Array(r * r), tariffShare: new Float64Array(r * r),
      freightReferenceJPerTh: this.num(['moves', 'freightReferenceJPerTh']),
    };
    const fields = ['leadMonths', 'costUsdPerTh', 'tariffShare'] as const satisfies readonly (keyof MovesPlan)[];
    const base = (k: 'default' | 'withinCountry') => fields.map((f) => this.num(['moves', k, f]));
    const other = base('default');
    const within = base('withinCountry');
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < r; j++) {
        if (i === j) continue;
        const v = this.data.regions[ids[i]].country === this.data.regions[ids[j]].country ? within : other;
        fields.forEach((f, k) => (m[f][i * r + j] = v[k]));
      }
    }
    this.data.moves.routes.forEach((route, n) => {
      const from = this.expand(route.from, ids);
      const to = this.expand(route.to, ids);
      for (const f of fields) {
        const v = this.optionalNum(['moves', 'routes', n, f]);
        if (v === undefined) continue;
        for (const i of from) for (const j of to) if (i !== j) m[f][i * r + j] = v;
      }
    });
    return m;
  }

  private event(ev: EventData, i: number, ids: string[]): PlanEvent {
    const day = (text: string): number => parseDate(text)!;
    const at = <K extends string>(k: K) => ['events', i, k] as const;
    const base = { id: ev.id, regions: this.expand('regions' in ev ? ev.regions : undefined, ids) };
    switch (ev.type) {
      case 'ban':
        return {
          ...base, type: 'ban', announced: day(ev.announced), effective: day(ev.effective), enforcement: this.num(at('enforcement')),
          enforcementHalfLifeMonths: this.optionalNum(at('enforcementHalfLifeMonths')) ?? 0,
          ...(ev.lifted !== undefined ? { lifted: day(ev.lifted) } : {}),
        };
      case 'powerCut':
        return { ...base, type: 'powerCut', from: day(ev.from), to: day(ev.to), fraction: this.num(at('fraction')) };
      case 'capacity':
        return { ...base, type: 'capacity', from: day(ev.from), addMw: this.num(at('addMw')) };
      case 'tariff':
        return { ...base, type: 'tariff', from: day(ev.from), ...(ev.to !== undefined ? { to: day(ev.to) } : {}), addUsdPerKwh: this.num(at('addUsdPerKwh')), multiply: this.num(at('multiply')) };
      default:
        return { ...base, type: 'priceShock', from: day(ev.from), multiply: this.num(at('multiply')) };
    }
  }

  // ---- values -------------------------------------------------------------------------------------------

  /**
   * The value at `segs`, of type `V`: only called with a `segs` that `PathTo<P, V>` checked against the schema
   * (and the data is schema-valid).
   */
  private get<V>(segs: readonly PathStep[]): V {
    let v: unknown = this.data;
    for (const s of segs) v = childOf(v, s);
    return v as V;
  }

  /** The schema written at `segs` (a union stays a union). */
  private schemaAt(segs: Segments): Schema | undefined {
    let s: Schema | undefined = ScenarioSchema;
    let v: unknown = this.data;
    for (const seg of segs) {
      s = childSchema(resolveUnion(s, v), seg);
      v = childOf(v, seg);
    }
    return s;
  }

  private path(segs: Segments): string {
    return displayPath(this.data, segs);
  }

  /** Where the value at `segs` was written (from the origins), or the scenario file. */
  private pos(segs: Segments): Pos {
    for (let n = segs.length; n > 0; n--) {
      const o = this.resolved.origins.get(this.path(segs.slice(0, n)));
      if (o === undefined || o === 'default') continue;
      if (o === '--set') return { file: '--set', line: 1, column: 1 };
      const m = /^(.*):(\d+):(\d+)$/.exec(o);
      if (m) return { file: m[1], line: Number(m[2]), column: Number(m[3]) };
    }
    return { file: this.resolved.file, line: 1, column: 1 };
  }

  private fail(segs: Segments, message: string): void {
    this.issues.add(this.pos(segs), this.path(segs), message);
  }

  /**
   * The Number field at `segs` (a path of the schema to a Number: a wrong one does not compile).
   * @example this.num(['behaviour', 'hideProbability'])
   */
  private num<const P extends readonly PathStep[]>(segs: P & PathTo<P, NumberData>): number {
    return this.numAt([...segs], this.get<NumberData>(segs));
  }

  /** The optional Number field at `segs`, or undefined when it is not set. */
  private optionalNum<const P extends readonly PathStep[]>(segs: P & PathTo<P, NumberData | undefined>): number | undefined {
    const v = this.get<NumberData | undefined>(segs);
    return v === undefined ? undefined : this.numAt([...segs], v);
  }

  /** A Number `v` written at `segs`: the plain value, or a draw from stream `draw:<path>` (clamped to the field's bounds, recorded). */
  private numAt(segs: Segments, v: NumberData): number {
    if (typeof v === 'number') return v;
    const path = this.path(segs);
    const bounds: Bounds = this.schemaAt(segs)?.anyOf?.[0] ?? {};
    let x = draw(v, stream(this.seed, 'draw', path));
    if (bounds.minimum !== undefined) x = Math.max(x, bounds.minimum);
    if (bounds.maximum !== undefined) x = Math.min(x, bounds.maximum);
    if (bounds.exclusiveMinimum !== undefined && x <= bounds.exclusiveMinimum) x = bounds.exclusiveMinimum + 1e-9 * Math.max(1, Math.abs(bounds.exclusiveMinimum));
    this.draws[path] = x;
    return x;
  }

  /**
   * What made a time value go out of range when it was not written last itself: a named series its formula
   * uses, or a part of it (a gbm parameter, a series point), written later by a child file or a --set. The
   * mistake is reported there; undefined when the value itself was written last.
   */
  private culprit(segs: Segments, v: unknown): Segments | undefined {
    const rank = (s: Segments) => originRank(this.resolved.origins.get(this.path(s)), this.resolved.files ?? []);
    const used = typeof v === 'string' ? Object.keys(this.series).filter((name) => new RegExp(`(^|[^A-Za-z0-9_])${name}($|[^A-Za-z0-9_])`).test(v)) : [];
    const parts: Segments[] = [];
    const visit = (value: unknown, at: Segments, top: number) => {
      if (isMap(value)) for (const [k, sub] of Object.entries(value)) visit(sub, [...at, k], top);
      else if (at.length > top) parts.push(at);
    };
    visit(v, segs, segs.length);
    for (const name of used) visit(this.data.series[name], ['series', name], 1);
    const last = writtenLast([segs, ...used.map((name): Segments => ['series', name]), ...parts], rank);
    return last === segs ? undefined : last;
  }

  /** True if `v` is a formula that names a drawn series. */
  private usesDrawnSeries(v: unknown): boolean {
    if (typeof v !== 'string') return false;
    for (const name of this.drawnSeries) if (new RegExp(`(^|[^A-Za-z0-9_])${name}($|[^A-Za-z0-9_])`).test(v)) return true;
    return false;
  }

  /**
   * The TimeValue field at `segs` (a path of the schema to a TimeValue) as one value per simulated month,
   * checked finite and within the field's bounds. Values that no draw affects are computed once per template
   * and shared.
   * @example this.time(['network', 'btcPriceUsd'])
   */
  private time<const P extends readonly PathStep[]>(at: P & PathTo<P, TimeData>): Float64Array {
    const v = this.get<TimeData>(at);
    const segs: Segments = [...at];
    const path = this.path(segs);
    const fixed = !hasDraws(v) && !this.usesDrawnSeries(v);
    if (fixed) {
      const known = this.template.fixed.get(path);
      if (known) return known;
    }
    const out = this.evaluateTime(segs, v, path);
    if (fixed && this.issues.size === 0) this.template.fixed.set(path, out);
    return out;
  }

  private evaluateTime(segs: Segments, v: TimeData, path: string): Float64Array {
    let out: Float64Array;
    if (typeof v === 'number' || tagged(v, 'dist')) out = new Float64Array(this.months).fill(this.numAt(segs, v));
    else if (typeof v === 'string') out = this.formula(segs, v);
    else if (tagged(v, 'gbm')) {
      const g = (k: keyof typeof v.gbm) => this.numAt([...segs, 'gbm', k], v.gbm[k]);
      out = gbmPath(g('initial'), g('driftPerYear'), g('volatilityPerYear'), this.months, stream(this.seed, 'gbm', path));
    } else if (tagged(v, 'csv')) out = this.csv(segs, v.csv, v.column);
    else out = interpolate(inlinePoints(v), this.startMonth, this.months);

    const bounds: Bounds = this.schemaAt(segs)?.anyOf?.[0] ?? {};
    for (let i = 0; i < out.length; i++) {
      const x = out[i];
      const bad = !Number.isFinite(x)
        ? 'a finite number'
        : (bounds.minimum !== undefined && x < bounds.minimum) || (bounds.maximum !== undefined && x > bounds.maximum) || (bounds.exclusiveMinimum !== undefined && x <= bounds.exclusiveMinimum)
          ? numberWords(bounds)
          : undefined;
      if (bad) {
        const month = formatMonth(this.startMonth + i);
        const culprit = this.culprit(segs, v);
        if (culprit) this.fail(culprit, `expected a value with which ${path}${typeof v === 'string' ? ` = ${JSON.stringify(v)}` : ''} is ${bad} in every month, found ${x} in ${month}`);
        else this.fail(segs, `expected ${bad} in every month, found ${x} in ${month}`);
        break;
      }
    }
    return out;
  }

  private formula(segs: Segments, text: string): Float64Array {
    const out = new Float64Array(this.months);
    const f = compileFormula(text, Object.keys(this.series));
    if (!f.ok) {
      this.fail(segs, f.message);
      return out;
    }
    const scope: FormulaScope = Object.create(null);
    for (let i = 0; i < this.months; i++) {
      const m = this.startMonth + i;
      scope.t = i;
      scope.month = monthOfYear(m);
      scope.year = yearOf(m);
      for (const name in this.series) scope[name] = this.series[name][i];
      out[i] = f.evaluate(scope);
    }
    return out;
  }

  private csv(segs: Segments, rel: string, column: string): Float64Array {
    const origin = this.pos([...segs, 'csv']);
    const base = origin.file === '--set' ? this.resolved.file : origin.file;
    const file = isAbsolute(rel) ? rel : join(dirname(base), rel);
    const key = `${file}\0${column}`;
    let got = this.template.csv.get(key);
    if (!got) {
      got = readCsvSeries(file, column);
      this.template.csv.set(key, got);
    }
    if ('points' in got) return interpolate(got.points as SeriesPoint[], this.startMonth, this.months);
    if (got.where === 'csv' || got.where === 'column') this.fail([...segs, got.where], got.message);
    else this.issues.add({ file, line: got.where.line, column: got.where.column }, this.path([...segs, 'column']), got.message);
    return new Float64Array(this.months);
  }
}
