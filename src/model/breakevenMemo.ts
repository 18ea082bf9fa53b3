/**
 * Each agent's breakeven bin (expectedHashprice.ts) at the power price it was last computed for. An agent's
 * efficiency never changes after the start and the opex is the plan's, so its breakeven cost changes only with
 * its power price; in most regions that price is the same as last month's, and the bin is then reused instead of
 * taking a logarithm again (the expectation visits every agent every month). Same inputs, same bin: the results
 * are identical to computing it every time.
 */
import { powerCostUsdPerThMonth } from './economics.ts';
import { breakevenBin } from './expectedHashprice.ts';

export class BreakevenMemo {
  /** Per agent id: the power price (USD/kWh) of its memorised bin; NaN when none. */
  private priceUsdPerKwh = new Float64Array(0);
  /** Per agent id: its breakeven bin at that price. */
  private bin = new Uint16Array(0);

  /**
   * Breakeven bin of agent `id` (efficiency `jPerTh` J/TH) at `priceUsdPerKwh`, with `opexUsdPerTh` per month:
   * `breakevenBin(powerCostUsdPerThMonth(jPerTh, priceUsdPerKwh) + opexUsdPerTh)`. The agent's efficiency and the
   * opex must be the same at every call for the same id.
   * @example memo.binOf(7, 30, 0.05, 0.3) // breakevenBin(1.08 + 0.3), a logarithm the first time only
   */
  binOf(id: number, jPerTh: number, priceUsdPerKwh: number, opexUsdPerTh: number): number {
    if (id >= this.bin.length) this.grow(id + 1);
    if (this.priceUsdPerKwh[id] === priceUsdPerKwh) return this.bin[id];
    const k = breakevenBin(powerCostUsdPerThMonth(jPerTh, priceUsdPerKwh) + opexUsdPerTh);
    this.priceUsdPerKwh[id] = priceUsdPerKwh;
    this.bin[id] = k;
    return k;
  }

  private grow(atLeast: number): void {
    const n = Math.max(atLeast, 2 * this.bin.length, 1024);
    const price = new Float64Array(n).fill(Number.NaN);
    price.set(this.priceUsdPerKwh);
    const bin = new Uint16Array(n);
    bin.set(this.bin);
    this.priceUsdPerKwh = price;
    this.bin = bin;
  }
}
