/**
 * The columnar agent store: one typed array per field, agents addressed by index (their id), visited in
 * id order. Grows by doubling; a million agents take about 40 MB (39 bytes each).
 */
import { ACTIVE } from './status.ts';

export class AgentStore {
  /** Number of agents (ids 0 .. count-1). */
  count = 0;
  /** Region index: where the agent is, or its destination while in transit, or -1 while in a warehouse. */
  region: Int16Array;
  /** Region the agent last left (the origin of a move). */
  origin: Int16Array;
  /** Hashrate, TH/s. */
  hashrateThs: Float64Array;
  /** Efficiency, J/TH. */
  jPerTh: Float64Array;
  /** Status code (see status.ts). */
  status: Uint8Array;
  /** Step (0-based month) at which a machine in transit arrives. */
  arrivalStep: Int32Array;
  /** Step at which the agent next reviews its location on its own. */
  reviewStep: Int32Array;
  /** Consecutive months idle or waiting in a warehouse. */
  idleMonths: Int16Array;
  /** Risk tolerance, 0..1 (scales the chance of hiding from a ban). */
  riskTolerance: Float32Array;
  /** How often the agent reviews its location on its own: probability per month (a trait). */
  reviewProbability: Float32Array;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.region = new Int16Array(n);
    this.origin = new Int16Array(n);
    this.hashrateThs = new Float64Array(n);
    this.jPerTh = new Float64Array(n);
    this.status = new Uint8Array(n);
    this.arrivalStep = new Int32Array(n);
    this.reviewStep = new Int32Array(n);
    this.idleMonths = new Int16Array(n);
    this.riskTolerance = new Float32Array(n);
    this.reviewProbability = new Float32Array(n);
  }

  /** Room for agents before the columns must grow. */
  get capacity(): number {
    return this.region.length;
  }

  /** Appends an active agent and returns its id. Example: `store.add(3, 1500, 29.5, 0.4, 0.05, 7)`. */
  add(region: number, hashrateThs: number, jPerTh: number, riskTolerance: number, reviewProbability: number, reviewStep: number): number {
    if (this.count === this.capacity) this.grow();
    const id = this.count++;
    this.region[id] = region;
    this.origin[id] = region;
    this.hashrateThs[id] = hashrateThs;
    this.jPerTh[id] = jPerTh;
    this.status[id] = ACTIVE;
    this.arrivalStep[id] = 0;
    this.reviewStep[id] = reviewStep;
    this.idleMonths[id] = 0;
    this.riskTolerance[id] = riskTolerance;
    this.reviewProbability[id] = reviewProbability;
    return id;
  }

  private grow(): void {
    const n = this.capacity * 2;
    const grow = <A extends Int16Array | Int32Array | Float64Array | Float32Array | Uint8Array>(a: A, make: (n: number) => A): A => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.region = grow(this.region, (k) => new Int16Array(k));
    this.origin = grow(this.origin, (k) => new Int16Array(k));
    this.hashrateThs = grow(this.hashrateThs, (k) => new Float64Array(k));
    this.jPerTh = grow(this.jPerTh, (k) => new Float64Array(k));
    this.status = grow(this.status, (k) => new Uint8Array(k));
    this.arrivalStep = grow(this.arrivalStep, (k) => new Int32Array(k));
    this.reviewStep = grow(this.reviewStep, (k) => new Int32Array(k));
    this.idleMonths = grow(this.idleMonths, (k) => new Int16Array(k));
    this.riskTolerance = grow(this.riskTolerance, (k) => new Float32Array(k));
    this.reviewProbability = grow(this.reviewProbability, (k) => new Float32Array(k));
  }
}
