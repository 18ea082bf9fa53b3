/**
 * A value that changes on given days, averaged over each month by days: a capacity that is cut from the
 * 24th to the 31st, or a subsidy that halves on the 11th, counts for the days it held.
 */
export class DayWeightedValue {
  private current: number;
  private since: number;
  private area = 0;

  /** Starts at `value` on day `startDay`. */
  constructor(value: number, startDay: number) {
    this.current = value;
    this.since = startDay;
  }

  /** The value now (after the last `set`). */
  get value(): number {
    return this.current;
  }

  /** Changes the value from `day` on (a day before the current period counts from the period's start). */
  set(day: number, value: number): void {
    const from = Math.max(day, this.since);
    this.area += this.current * (from - this.since);
    this.since = from;
    this.current = value;
  }

  /**
   * Day-weighted mean from the previous `closeMonth` up to `endDay` (exclusive), then starts a new period.
   * Example: value 1 for 10 days then 0 for 20 days gives 1/3.
   */
  closeMonth(startDay: number, endDay: number): number {
    this.area += this.current * (endDay - this.since);
    const mean = endDay > startDay ? this.area / (endDay - startDay) : this.current;
    this.area = 0;
    this.since = endDay;
    return mean;
  }
}
