/**
 * The scenario schema: the single source of truth for the shape of a scenario file, its defaults and the
 * wording of "expected ..." in error messages (`errorMessage`, also shown by editors). Built with TypeBox,
 * validated with ajv (validate.ts), exported to `scenarios/schema.json` by writeSchema.ts.
 *
 * Annotations used by this module's readers (ignored by editors):
 * - `x-kind`: `Number` (a number or a distribution), `TimeValue` (anything that may vary by month), `formula`.
 * - `x-tag`: on a branch of a union, the key that identifies it (`dist`, `csv`, `gbm`, `type`); when that
 *   property is a constant (`dist: normal`), the constant selects the branch.
 * - `x-key`: what the keys of a map keyed by pattern must look like (`regions`, inline series, `series`).
 */
import { Type, type ObjectOptions, type TProperties, type TSchema } from '@sinclair/typebox';
import { DATE_PATTERN, MONTH_PATTERN } from './dates.ts';
import { MAX_AGENT_MONTHS, MAX_AGENTS, MAX_EVENTS, MAX_MAGNITUDE, MAX_MONTHS, MAX_REGIONS, MAX_SERIES, MAX_YEAR, MIN_YEAR, withCommas } from './limits.ts';

/** Region ids: `CN-SC`, `US`, `RU-IRK`, `OTHER`. */
export const REGION_ID_PATTERN = '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$';
/** Country codes: `CN`, `US`, `OTHER`. */
export const COUNTRY_PATTERN = '^[A-Z][A-Z0-9]*$';
/** Event ids: `sichuan-ban`, `kz_levy_2022` (no dots, so that `--set events.<id>.<field>` works). */
export const EVENT_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]*$';
/** Series names are identifiers usable in formulas. */
export const SERIES_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';
/** Scenario names become folder names. */
export const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]*$';

/**
 * Marks an optional field that loading always fills in (it has a schema `default`, see defaults.ts), so that
 * `Loaded` (scenarioTypes.ts) types it as present. A symbol: JSON Schema output and validation ignore it.
 */
export const FilledKind: unique symbol = Symbol('hashsim.filled');
/** Marks a map keyed by pattern (`regions`, `series`, an inline series) and holds the schema of its values, for `Loaded`. */
export const MapKind: unique symbol = Symbol('hashsim.map');

/**
 * An optional field that loading fills in with its schema default: `filled(NumberValue({}, {default: 0}))`.
 * Throws at module load when `schema` has no default (the type would then claim a value that may be missing).
 */
function filled<T extends TSchema>(schema: T) {
  if (schema.default === undefined) throw new Error(`filled(): a field without a default (${String(schema.errorMessage)})`);
  return Object.assign(Type.Optional(schema), { [FilledKind]: true as const });
}

/**
 * A map whose keys match `pattern` and whose values are all `value`: `{}` with `patternProperties`. Options
 * follow `patternProperties` in the written schema, as before.
 */
function patternMap<V extends TSchema>(pattern: string, value: V, options: ObjectOptions) {
  return Object.assign(Type.Object({}, { patternProperties: { [pattern]: value }, ...options }), { [MapKind]: value });
}

/** The items of a tuple, as a tuple type (for `Type.Union`): `tuple(a, b)` is `[A, B]`, not `(A | B)[]`. */
const tuple = <T extends TSchema[]>(...items: T): T => items;

/** Bounds of a number field. */
export interface Bounds {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

interface FieldOptions {
  description?: string;
  default?: unknown;
}

/** A bound as text: plain for ordinary numbers, `1e12` for powers of ten and very large or small ones. Example: `numberText(1e9)` is `"1e9"`. */
export function numberText(x: number): string {
  const abs = Math.abs(x);
  if (x === 0 || (abs >= 1e-3 && abs < 1e6)) return String(x);
  return x.toExponential().replace('e+', 'e');
}

/**
 * Words for bounds: `a number >= 0`, `a number between 0 and 1`, `a number > 0 and <= 1e6`, `a number <= 5`,
 * `a number`.
 */
export function numberWords(b: Bounds, noun = 'a number'): string {
  const [min, max, above] = [b.minimum, b.maximum, b.exclusiveMinimum].map((x) => (x === undefined ? undefined : numberText(x)));
  if (min !== undefined && max !== undefined) return `${noun} between ${min} and ${max}`;
  if (above !== undefined && max !== undefined) return `${noun} > ${above} and <= ${max}`;
  if (min !== undefined) return `${noun} >= ${min}`;
  if (above !== undefined) return `${noun} > ${above}`;
  if (max !== undefined) return `${noun} <= ${max}`;
  return noun;
}

/**
 * `b` completed with the default magnitude (limits.ts): every number has finite bounds, so that products of a
 * few of them stay finite. Example: `bounded({minimum: 0})` is `{minimum: 0, maximum: 1e12}`.
 */
export function bounded(b: Bounds): Bounds {
  return {
    ...(b.minimum === undefined && b.exclusiveMinimum === undefined ? { minimum: -MAX_MAGNITUDE } : {}),
    ...b,
    ...(b.maximum === undefined ? { maximum: MAX_MAGNITUDE } : {}),
  };
}

function plainNumber(b: Bounds) {
  return Type.Number({ ...bounded(b), errorMessage: numberWords(bounded(b)) });
}

const num = (b: Bounds = {}) => plainNumber(b);
const dist = <N extends string, P extends TProperties>(name: N, props: P, description: string) =>
  Type.Object(
    { dist: Type.Literal(name, { errorMessage: `"${name}"` }), ...props },
    { additionalProperties: false, 'x-tag': 'dist', description, errorMessage: `a ${name} distribution` },
  );

/** The four distributions a Number may be instead of a plain number (drawn once per run). */
function distributions() {
  return tuple(
    dist('normal', { mean: num(), sd: num({ minimum: 0 }) }, 'Normal: {dist: normal, mean, sd}'),
    dist('lognormal', { median: num({ exclusiveMinimum: 0 }), sigma: num({ minimum: 0 }) }, 'Lognormal: {dist: lognormal, median, sigma}'),
    dist('uniform', { min: num(), max: num() }, 'Uniform: {dist: uniform, min, max}'),
    dist('triangular', { min: num(), mode: num(), max: num() }, 'Triangular: {dist: triangular, min, mode, max}'),
  );
}

/** A Number: a plain number within `b`, or a distribution drawn once per run. */
export function NumberValue(b: Bounds = {}, o: FieldOptions = {}) {
  return Type.Union([plainNumber(b), ...distributions()], {
    ...o,
    'x-kind': 'Number',
    errorMessage: numberWords(bounded(b)),
  });
}

const Formula = Type.String({
  minLength: 1,
  'x-kind': 'formula',
  errorMessage: 'a formula',
  description: 'A mathjs formula of t (months since start, 0-based), month (1-12), year and the named series.',
});

function inlineSeries(b: Bounds) {
  return patternMap(MONTH_PATTERN, plainNumber(b), {
    additionalProperties: false,
    minProperties: 1,
    'x-key': MONTH_WORDS,
    errorMessage: 'a series {YYYY-MM: value, ...} with at least one point',
    description: 'Inline series {YYYY-MM: value}: linear between points, first value held before, last held after.',
  });
}

const CsvSeries = Type.Object(
  {
    csv: Type.String({ minLength: 1, errorMessage: 'a CSV file path (relative to the scenario file)' }),
    column: Type.String({ minLength: 1, errorMessage: 'a CSV column name' }),
  },
  {
    additionalProperties: false,
    'x-tag': 'csv',
    errorMessage: 'a CSV series {csv: file, column: name}',
    description: 'CSV series: the first column is the month (YYYY-MM or YYYY-MM-DD); rows of one month are averaged.',
  },
);

const Gbm = Type.Object(
  {
    gbm: Type.Object(
      {
        initial: NumberValue({ exclusiveMinimum: 0 }, { description: 'Value at the start month.' }),
        driftPerYear: NumberValue({ minimum: -10, maximum: 10 }, { description: 'Drift mu per year (0.1 = +10%/year).' }),
        volatilityPerYear: NumberValue({ minimum: 0, maximum: 10 }, { description: 'Volatility sigma per year (0.6 = 60%).' }),
      },
      { additionalProperties: false, errorMessage: 'a map {initial, driftPerYear, volatilityPerYear}' },
    ),
  },
  {
    additionalProperties: false,
    'x-tag': 'gbm',
    errorMessage: 'a gbm path {gbm: {initial, driftPerYear, volatilityPerYear}}',
    description: 'Geometric Brownian motion, one step per month from the seeded stream gbm:<field.path>.',
  },
);

/** A TimeValue: a Number, a formula, an inline series, a CSV series or a gbm path; values within `b`. */
export function TimeValue(b: Bounds = {}, o: FieldOptions = {}) {
  return Type.Union([plainNumber(b), ...distributions(), Formula, inlineSeries(b), CsvSeries, Gbm], {
    ...o,
    'x-kind': 'TimeValue',
    errorMessage: `${numberWords(bounded(b))}, a formula, a series or a gbm path`,
  });
}

const MONTH_WORDS = `a month YYYY-MM from ${MIN_YEAR}-01 to ${MAX_YEAR}-12`;
const Month = Type.String({ pattern: MONTH_PATTERN, errorMessage: MONTH_WORDS });
const DateText = Type.String({ pattern: DATE_PATTERN, errorMessage: `a date YYYY-MM-DD from ${MIN_YEAR}-01-01 to ${MAX_YEAR}-12-31` });
const Note = Type.Optional(Type.String({ errorMessage: 'a text', description: 'Free text, e.g. the source.' }));
const RegionName = Type.String({ pattern: REGION_ID_PATTERN, errorMessage: 'a region id or country code' });
const RegionNames = Type.Array(RegionName, {
  minItems: 1,
  errorMessage: 'a list of region ids or country codes',
  description: 'Region ids or country codes (a country code names all regions of that country).',
});
const EventId = Type.String({ pattern: EVENT_ID_PATTERN, errorMessage: 'an id of letters, digits, - and _' });

function event<T extends string, P extends TProperties>(type: T, props: P, description: string) {
  return Type.Object(
    { id: EventId, type: Type.Literal(type, { errorMessage: `"${type}"` }), note: Note, ...props },
    { additionalProperties: false, 'x-tag': 'type', description, errorMessage: `a ${type} event` },
  );
}

/** Event types and their fields (dates are YYYY-MM-DD). */
export const EVENT_TYPES = ['ban', 'powerCut', 'capacity', 'tariff', 'priceShock'] as const;

const Event = Type.Union(
  [
    event(
      'ban',
      {
        regions: RegionNames,
        announced: DateText,
        effective: DateText,
        enforcement: NumberValue({ minimum: 0, maximum: 1 }, { description: 'Share of covert hashrate (of an operation of mean size) caught per month when the campaign starts.' }),
        enforcementHalfLifeMonths: filled(NumberValue({ minimum: 0, maximum: 1200 }, { default: 0, description: 'Months in which enforcement halves after the ban takes effect (0: it never fades).' })),
        lifted: Type.Optional(DateText),
      },
      'Mining is banned in the regions from `effective` (announced earlier), optionally until `lifted`.',
    ),
    event(
      'powerCut',
      {
        regions: RegionNames,
        from: DateText,
        to: DateText,
        fraction: NumberValue({ minimum: 0, maximum: 1 }, { description: 'Share of capacity left.' }),
      },
      'Capacity falls to `fraction` from `from` (inclusive) to `to` (exclusive).',
    ),
    event('capacity', { regions: RegionNames, from: DateText, addMw: NumberValue({}, { description: 'MW added (negative: removed).' }) }, 'Capacity changes by `addMw` from a date.'),
    event(
      'tariff',
      {
        regions: RegionNames,
        from: DateText,
        to: Type.Optional(DateText),
        addUsdPerKwh: filled(NumberValue({}, { default: 0, description: 'USD/kWh added to the power price.' })),
        multiply: filled(NumberValue({ minimum: 0, maximum: 1000 }, { default: 1, description: 'Power price multiplier.' })),
      },
      'The power price changes from `from` (until `to`, if set).',
    ),
    event('priceShock', { from: DateText, multiply: NumberValue({ minimum: 0, maximum: 1000 }, { description: 'Bitcoin price multiplier.' }) }, 'The Bitcoin price is multiplied from a date on.'),
  ],
  { 'x-kind': 'Event', errorMessage: 'an event: a map with id, type and the fields of that type' },
);

const Region = Type.Object(
  {
    country: Type.String({ pattern: COUNTRY_PATTERN, errorMessage: 'a country code like CN, US or OTHER' }),
    initialShare: filled(NumberValue({ minimum: 0, maximum: 1 }, { default: 0, description: 'Share of the start hashrate.' })),
    powerPriceUsdPerKwh: TimeValue({ minimum: 0, maximum: 1000 }, { description: 'USD/kWh.' }),
    capacityMw: TimeValue({ minimum: 0, maximum: 1e9 }, { description: 'MW available to miners.' }),
    banHazardPerYear: filled(TimeValue({ minimum: 0, maximum: 1 }, { default: 0, description: 'Perceived ban risk per year.' })),
    carbonGPerKwh: filled(TimeValue({ minimum: 0, maximum: 1e5 }, { default: 500, description: 'g CO2 per kWh.' })),
    congestion: filled(
      Type.Object(
        {
          threshold: filled(NumberValue({ minimum: 0, maximum: 100 }, { default: 0.8, description: 'Utilisation above which the price rises.' })),
          slope: filled(NumberValue({ minimum: 0, maximum: 1000 }, { default: 0.5, description: 'price * (1 + slope * max(0, utilisation - threshold)).' })),
        },
        { additionalProperties: false, default: {}, errorMessage: 'a map {threshold, slope}' },
      ),
    ),
    buildOut: filled(
      Type.Object(
        {
          mwPerMonth: filled(NumberValue({ minimum: 0 }, { default: 0, description: 'Maximum MW of new hosting started in a month when the region is nearly full and margins pay for it (0: no build-out).' })),
          leadMonths: filled(NumberValue({ minimum: 0, maximum: MAX_MONTHS }, { default: 6, description: 'Months from the start of a build to its capacity coming online.' })),
          trigger: filled(NumberValue({ minimum: 0, maximum: 1 }, { default: 0.9, description: 'Share of capacity in use or reserved at or above which a build starts.' })),
        },
        { additionalProperties: false, default: {}, errorMessage: 'a map {mwPerMonth, leadMonths, trigger}' },
      ),
    ),
    banCompliance: Type.Optional(NumberValue({ minimum: 0, maximum: 1 }, { description: 'Share of operations that comply with a ban; the others consider covert mining (default: 1 - behaviour.hideProbability).' })),
    note: Note,
  },
  { additionalProperties: false, errorMessage: 'a region: a map with country, powerPriceUsdPerKwh, capacityMw, ...' },
);

const LEAD: Bounds = { minimum: 0, maximum: MAX_MONTHS };
const COST: Bounds = { minimum: 0, maximum: 1e6 };
const TARIFF: Bounds = { minimum: 0, maximum: 1000 };

function moveCosts(lead: number, cost: number, tariff: number) {
  return Type.Object(
    {
      leadMonths: filled(NumberValue(LEAD, { default: lead, description: 'Lead time, months.' })),
      costUsdPerTh: filled(NumberValue(COST, { default: cost, description: 'Freight and installation, USD per TH/s.' })),
      tariffShare: filled(NumberValue(TARIFF, { default: tariff, description: 'Import tariff as a share of machine value.' })),
    },
    { additionalProperties: false, default: {}, errorMessage: 'a map {leadMonths, costUsdPerTh, tariffShare}' },
  );
}

const RegionSet = Type.Union([RegionName, RegionNames], { errorMessage: 'a region id, a country code, or a list of them' });

const Route = Type.Object(
  {
    from: RegionSet,
    to: RegionSet,
    leadMonths: Type.Optional(NumberValue(LEAD)),
    costUsdPerTh: Type.Optional(NumberValue(COST)),
    tariffShare: Type.Optional(NumberValue(TARIFF)),
    note: Note,
  },
  { additionalProperties: false, errorMessage: 'a route {from, to, leadMonths?, costUsdPerTh?, tariffShare?}' },
);

const n = (b: Bounds, d: number, description: string) => filled(NumberValue(b, { default: d, description }));

const mapWeight = () => Type.Optional(num({ minimum: 0 }));
/**
 * What the CBECI map would have shown of the run (read by the backtest, never by the simulation; see
 * src/calibrate/observationModel.ts). Optional without a default, so scenarios without it resolve as before;
 * the backtest fills in the defaults of `DEFAULT_OBSERVATION`.
 */
const ObservationSection = Type.Object(
  {
    hiddenSeenShare: filled(NumberValue({ minimum: 0, maximum: 1 }, { default: 0.5, description: 'Share of concealed (covert, or declared-only) hashrate the map geolocates at proxyAt; the rest is unseen.' })),
    proxyAt: filled(
      Type.Object(
        Object.fromEntries(['CN', 'US', 'KZ', 'RU', 'CA', 'MY', 'IR', 'DE', 'IE', 'OTHER'].map((c) => [c, mapWeight()])),
        { additionalProperties: false, default: { DE: 0.5, IE: 0.5 }, errorMessage: 'a map of weights >= 0 by map country (CN, US, KZ, RU, CA, MY, IR, DE, IE, OTHER)', description: 'Where the map geolocates proxied hashrate (weights, normalised); DE and IE count as OTHER when scored.' },
      ),
    ),
    declaredOnlyBanShare: filled(NumberValue({ minimum: 0 }, { default: 0.5, description: "From a month whose first day has bans over at least this share of a country's start hashrate, the map sees its active hashrate as concealed too (above 1: never)." })),
    poolCoverage: filled(
      patternMap(COUNTRY_PATTERN, num({ minimum: 0 }), {
        additionalProperties: false,
        default: {},
        'x-key': 'a country code like CN, US or OTHER',
        errorMessage: 'a map of weights >= 0 by country code',
        description: "Relative weight of a simulated country's hashrate in the map's sampled pools (missing: 1).",
      }),
    ),
    mapSampleSize: filled(NumberValue({ minimum: 0, maximum: 1e9 }, { default: 0, description: "Independent units the map's shares rest on, for their sampling error: a share p has a relative error sqrt((1 - p) / (n p)) (0: no error)." })),
    hashrateNoise: filled(NumberValue({ minimum: 0, maximum: 1 }, { default: 0, description: 'Relative error of the network hashrate the blockchain shows (lognormal, mean 1; 0: none).' })),
    discrepancySampleSize: Type.Optional(NumberValue({ minimum: 0, maximum: 1e9 }, { description: "Model discrepancy of the map shares: as if the model's shares rested on this many units, a share p gets a persistent relative error sqrt((1 - p) / (n p)) (missing or 0: none; calibrate estimates it; src/calibrate/modelDiscrepancy.ts)." })),
    discrepancyShareCorrelation: Type.Optional(NumberValue({ minimum: 0, maximum: 0.99 }, { description: "Month-to-month correlation of the share discrepancy's errors (AR(1); missing: 0)." })),
    discrepancyHashrate: Type.Optional(NumberValue({ minimum: 0, maximum: 1 }, { description: 'Model discrepancy of the network hashrate: relative size of a persistent error (lognormal, mean 1; 0: none; calibrate estimates it).' })),
    discrepancyHashrateCorrelation: Type.Optional(NumberValue({ minimum: 0, maximum: 0.99 }, { description: "Month-to-month correlation of the hashrate discrepancy's errors (AR(1); missing: 0)." })),
    seenAtHome: filled(
      patternMap(COUNTRY_PATTERN, num({ minimum: 0, maximum: 1 }), {
        additionalProperties: false,
        default: {},
        'x-key': 'a country code like CN, US or IR',
        errorMessage: 'a map of shares 0..1 by country code',
        description: "Share of a country's concealed hashrate the map still geolocates at home (miners who never hid their addresses; missing: 0).",
      }),
    ),
  },
  { additionalProperties: false, errorMessage: 'a map of observation-model parameters', description: 'The observation model of the backtest: how the CBECI map saw the simulated world (src/calibrate/observationModel.ts).' },
);

/** The whole scenario file. */
export const ScenarioSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    name: Type.Optional(Type.String({ pattern: NAME_PATTERN, errorMessage: 'a name of letters, digits, ., - and _', description: 'Default: the file name without extension (never inherited).' })),
    description: filled(Type.String({ default: '', errorMessage: 'a text' })),
    extends: Type.Optional(Type.String({ minLength: 1, errorMessage: 'a scenario file path', description: 'Scenario to inherit, relative to this file.' })),
    remove: Type.Optional(Type.Array(EventId, { errorMessage: 'a list of event ids', description: 'Events of the parent to drop.' })),
    start: { ...Month, description: `First simulated month (${MIN_YEAR}-01 to ${MAX_YEAR}-12).` },
    end: { ...Month, description: `Last simulated month, on or after start and at most ${MAX_MONTHS} months (${MAX_MONTHS / 12} years) from it.` },
    seed: filled(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 1, errorMessage: `an integer from 0 to ${Number.MAX_SAFE_INTEGER}` })),
    series: filled(
      patternMap(SERIES_NAME_PATTERN, Type.Union([inlineSeries({}), CsvSeries], { errorMessage: 'a series {YYYY-MM: value, ...} or {csv: file, column: name}' }), {
        additionalProperties: false,
        maxProperties: MAX_SERIES,
        default: {},
        'x-key': 'a series name (letters, digits and _, not starting with a digit)',
        errorMessage: `a map of at most ${MAX_SERIES} named series`,
      }),
    ),
    network: Type.Object(
      {
        btcPriceUsd: TimeValue({ minimum: 0, maximum: 1e9 }, { description: 'Bitcoin price, USD.' }),
        feesBtcPerBlock: filled(TimeValue({ minimum: 0, maximum: 1000 }, { default: 0.5, description: 'BTC per block.' })),
        supplyEhsPerMonth: filled(TimeValue({ minimum: 0, maximum: 1e6 }, { default: 0, description: 'EH/s of new machines per month.' })),
        frontierJPerTh: filled(TimeValue({ exclusiveMinimum: 0, maximum: 1e6 }, { default: 30, description: 'J/TH of new machines.' })),
        machineValueUsdPerTh: filled(TimeValue({ minimum: 0, maximum: 1e6 }, { default: 30, description: 'USD per TH/s.' })),
        initialHashrateEhs: NumberValue({ exclusiveMinimum: 0, maximum: 1e6 }, { description: 'EH/s at the start month.' }),
        initialJPerTh: NumberValue({ exclusiveMinimum: 0, maximum: 1e6 }, { description: 'Mean J/TH of the start fleet.' }),
        initialJPerThSigma: n({ minimum: 0, maximum: 5 }, 0.3, 'Lognormal sigma of the start fleet efficiency.'),
        opexUsdPerThMonth: n({ minimum: 0, maximum: 1e6 }, 0.3, 'USD per TH/s per month.'),
        supplyOrigin: Type.Optional(Type.String({ pattern: REGION_ID_PATTERN, errorMessage: 'a region id', description: 'Region new machines are shipped from (they pay the freight and tariffs of the route from there); none: no freight or tariff.' })),
      },
      { additionalProperties: false, errorMessage: 'a map of network settings' },
    ),
    agents: filled(
      Type.Object(
        {
          count: filled(Type.Integer({ minimum: 1, maximum: MAX_AGENTS, default: 2000, errorMessage: `an integer from 1 to ${MAX_AGENTS}` })),
          sizeLognormalSigma: n({ minimum: 0, maximum: 5 }, 1, 'Lognormal sigma of agent sizes.'),
          newAgentSizeEhs: n({ minimum: 0, maximum: 1e6 }, 0, 'EH/s of agents created for new supply (0 = same mean as the start agents).'),
        },
        {
          additionalProperties: false,
          default: {},
          errorMessage: 'a map of agent settings',
          description: `Agents (mining operations). A run may create at most ${withCommas(MAX_AGENTS)} agents (start fleet and new supply) and ${withCommas(MAX_AGENT_MONTHS)} agent-months.`,
        },
      ),
    ),
    behaviour: filled(
      Type.Object(
        {
          horizonMonths: n({ minimum: 1, maximum: MAX_MONTHS }, 12, 'Months of expected margin summed when valuing a destination.'),
          logitScaleUsdPerTh: n({ exclusiveMinimum: 0, maximum: 1e6 }, 2, 'Logit scale, USD per TH/s.'),
          homeBiasUsdPerTh: n({ minimum: -1e6, maximum: 1e6 }, 2, 'Bonus for staying, USD per TH/s.'),
          reviewProbabilityPerMonth: n({ minimum: 0, maximum: 1 }, 0.05, 'Probability per month of a spontaneous review.'),
          switchHysteresis: n({ minimum: 0, maximum: 100 }, 0.05, 'Hysteresis of switching on/off, share of hashprice.'),
          retireAfterIdleMonths: n({ minimum: 0, maximum: MAX_MONTHS }, 12, 'Idle months before retirement.'),
          announcedLeaveProbabilityPerMonth: n({ minimum: 0, maximum: 1 }, 0.2, 'Leave probability per month after a ban is announced.'),
          hideProbability: n({ minimum: 0, maximum: 1 }, 0.15, 'Share of operations that do not comply with a ban (consider covert mining) where a region sets no banCompliance.'),
          hiddenPowerPriceMultiplier: n({ minimum: 0, maximum: 1000 }, 1.5, 'Power price multiplier paid by hidden miners.'),
          displacementPremium: n({ minimum: 0, maximum: 100 }, 0.5, 'How much more per MW (a share) a machine must earn to displace a hosted one.'),
          detectionSizeElasticity: n({ minimum: 0, maximum: 10 }, 0.5, 'Covert detection grows as (size / mean start size) to this power.'),
          hostingCapexUsdPerMw: n({ minimum: 0, maximum: 1e9 }, 300_000, 'Cost of hosting infrastructure, USD per MW: paid back by build-out.'),
          buildOutPaybackMonths: n({ minimum: 0, maximum: 1200 }, 24, 'Months of margin over which new hosting must pay for itself.'),
        },
        { additionalProperties: false, default: {}, errorMessage: 'a map of behaviour parameters' },
      ),
    ),
    regions: patternMap(REGION_ID_PATTERN, Region, {
      additionalProperties: false,
      minProperties: 1,
      maxProperties: MAX_REGIONS,
      'x-key': 'a region id like CN-SC or KZ (upper-case letters and digits, optionally -SUB)',
      errorMessage: `a map of regions by id, with 1 to ${MAX_REGIONS} regions`,
    }),
    moves: filled(
      Type.Object(
        {
          default: filled(moveCosts(3, 2, 0)),
          withinCountry: filled(moveCosts(1, 0.5, 0)),
          routes: filled(Type.Array(Route, { maxItems: MAX_EVENTS, default: [], errorMessage: `a list of at most ${MAX_EVENTS} routes` })),
          freightReferenceJPerTh: n({ exclusiveMinimum: 0, maximum: 1000 }, 30, 'J/TH of the machine costUsdPerTh is quoted for (freight per TH/s scales with J/TH, a proxy of weight per TH/s).'),
        },
        { additionalProperties: false, default: {}, errorMessage: 'a map {default, withinCountry, routes}' },
      ),
    ),
    events: filled(Type.Array(Event, { maxItems: MAX_EVENTS, default: [], errorMessage: `a list of at most ${MAX_EVENTS} events` })),
    observation: Type.Optional(ObservationSection),
  },
  { additionalProperties: false, errorMessage: 'a map of scenario settings' },
);

/**
 * The JSON Schema written to `scenarios/schema.json` (what editors read): `ScenarioSchema` with every repeated
 * subschema (a distribution, a CSV series, a gbm path...) moved to `definitions` and referenced, so that the file
 * stays readable. It validates exactly like `ScenarioSchema` (a referenced subschema is identical to the original).
 */
export function jsonSchema(): Record<string, unknown> {
  const root = JSON.parse(JSON.stringify(ScenarioSchema)) as Record<string, unknown>;
  const counts = new Map<string, number>();
  const count = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    const key = JSON.stringify(node);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const v of Object.values(node)) count(v);
  };
  for (const v of Object.values(root)) count(v);
  const definitions: Record<string, unknown> = {};
  const names = new Map<string, string>();
  const suffix = (b: Bounds | undefined) =>
    b === undefined
      ? ''
      : `${b.minimum !== undefined ? `Min${numberText(b.minimum)}` : ''}${b.maximum !== undefined ? `Max${numberText(b.maximum)}` : ''}${b.exclusiveMinimum !== undefined ? `Above${numberText(b.exclusiveMinimum)}` : ''}`
          .replace(/\./g, 'p')
          .replace(/-/g, 'Minus');
  const nameOf = (node: Record<string, any>): string => {
    const tag = node['x-tag'];
    const kind = node['x-kind'];
    const base =
      tag === 'dist' ? `${node.properties.dist.const}Distribution`
        : tag === 'csv' ? 'csvSeries'
          : tag === 'gbm' ? 'gbmPath'
            : tag === 'type' ? `${node.properties.type.const}Event`
              : kind === 'formula' ? 'formula'
                : kind === 'Number' || kind === 'TimeValue' ? `${kind === 'Number' ? 'number' : 'timeValue'}${suffix(node.anyOf[0])}`
                  : node.patternProperties?.[MONTH_PATTERN] ? `inlineSeries${suffix(node.patternProperties[MONTH_PATTERN])}`
                    : String(node.errorMessage ?? 'value').replace(/^an? /, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''));
    const taken = new Set(names.values());
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    return name;
  };
  const factor = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    if (Array.isArray(node)) return node.map(factor);
    const key = JSON.stringify(node);
    const big = key.length >= 120 && ((node as Record<string, unknown>).type !== undefined || (node as Record<string, unknown>).anyOf !== undefined);
    if (big && (counts.get(key) ?? 0) >= 2) {
      let name = names.get(key);
      if (!name) {
        name = nameOf(node as Record<string, unknown>);
        names.set(key, name);
        definitions[name] = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, factor(v)]));
      }
      return { $ref: `#/definitions/${name}` };
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, factor(v)]));
  };
  const body = factor(root) as Record<string, unknown>;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'hashsim scenario',
    description:
      'A hashsim scenario. See scenarios/README.md (its "Limits" section lists every limit validation enforces: calendar 1900-2200, 1200 months, ' +
      '100 regions, 1000 events, 10,000,000 agents and 20,000,000 agent-months per run, numbers within their ranges or +-1e12). ' +
      'Generated by src/scenario/writeSchema.ts from src/scenario/schema.ts; do not edit.',
    ...body,
    definitions,
  };
}
