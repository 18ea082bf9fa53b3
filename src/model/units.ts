/**
 * Unit conversions, named once. Each constant says what it converts; the model never writes a bare 1e6.
 */

/** TH/s in one EH/s. Example: 150 EH/s is `150 * THS_PER_EHS` TH/s. */
export const THS_PER_EHS = 1e6;

/** Watts in one MW. Load in MW = TH/s x J/TH (= W) / WATTS_PER_MW. */
export const WATTS_PER_MW = 1e6;

/** MWh in one TWh. Energy in TWh = MW x hours / MWH_PER_TWH. */
export const MWH_PER_TWH = 1e6;

/** Emissions: Mt CO2 = TWh x g CO2 per kWh x MT_PER_TWH_TIMES_G_PER_KWH (1e9 kWh per TWh, 1e12 g per Mt). */
export const MT_PER_TWH_TIMES_G_PER_KWH = 1e9 / 1e12;

/** Hours in a day. */
export const HOURS_PER_DAY = 24;

/** Mean days in a month (365.25 / 12): converts lead times in months to days. */
export const DAYS_PER_MONTH = 365.25 / 12;

/** Months in a year (ban hazards are per year, decisions per month). */
export const MONTHS_PER_YEAR = 12;

/**
 * Lead time in whole days of `leadMonths` months (at least 0).
 * @example leadDays(0.5) // 15
 */
export function leadDays(leadMonths: number): number {
  return Math.max(0, Math.round(leadMonths * DAYS_PER_MONTH));
}
