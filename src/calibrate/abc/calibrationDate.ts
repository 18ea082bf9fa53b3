/**
 * The date written into a calibration's header and manifest: today (UTC), or the day of `SOURCE_DATE_EPOCH`
 * (seconds since 1970-01-01 UTC, the reproducible-builds convention) when it is set, so that rerunning a shipped
 * calibration's command gives its file byte for byte on another day.
 */

/** A `SOURCE_DATE_EPOCH` that is not whole seconds since 1970 (bad input: exit 2). */
export class CalibrationDateError extends Error {}

/**
 * The calibration's date, `YYYY-MM-DD` (UTC).
 * @example calibrationDate({ SOURCE_DATE_EPOCH: '1764460800' }, new Date()) // '2025-11-30'
 * @example calibrationDate({}, new Date('2026-11-30T07:00:00Z')) // '2026-11-30'
 */
export function calibrationDate(env: Record<string, string | undefined>, now: Date): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return now.toISOString().slice(0, 10);
  const seconds = /^\d{1,12}$/.test(epoch) ? Number(epoch) : NaN;
  const date = new Date(seconds * 1000);
  if (!Number.isFinite(seconds) || Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999) {
    throw new CalibrationDateError(`SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01 UTC (e.g. 1764460800), found ${JSON.stringify(epoch.slice(0, 40))}`);
  }
  return date.toISOString().slice(0, 10);
}
