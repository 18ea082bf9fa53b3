/**
 * The columnar agent store: one typed array per field, agents addressed by index (their id), visited in
 * id order. Grows by doubling; a million agents take about 48 MB (48 bytes each).
 */
import { efficiencyBin } from './efficiencyBins.ts';
import { ACTIVE } from './status.ts';

/** Traits and place of a new agent (`AgentStore.add`). */
export interface NewAgent {
  region: number;
  hashrateThs: number;
  jPerTh: number;
  riskTolerance: number;
  reviewProbability: number;
  reviewStep: number;
  /** Day from which the agent is in its first status (the start day, or its arrival day). */
  sinceDay: number;
}

export class AgentStore {
  /** Number of agents (ids 0 .. count-1). */
  count = 0;
  /** Region index: where the agent is, or its destination while in transit, or -1 while in a warehouse. */
  region: Int16Array;
  /** Region the agent last left (the origin of a move; for new machines, the factory region or its destination). */
  origin: Int16Array;
  /** Hashrate, TH/s. */
  hashrateThs: Float64Array;
  /** Efficiency, J/TH. */
  jPerTh: Float64Array;
  /** Efficiency bin (efficiencyBins.ts), kept with the efficiency. */
  jBin: Uint8Array;
  /** Status code (see status.ts). */
  status: Uint8Array;
  /** Day (day number) from which the agent has been in its current status and region, for day-weighted outputs. */
  sinceDay: Int32Array;
  /** Day a machine in transit arrives (day number). */
  arrivalDay: Int32Array;
  /** Step at which the agent next reviews its location on its own. */
  reviewStep: Int32Array;
  /** Consecutive months idle or waiting in a warehouse. */
  idleMonths: Int16Array;
  /** Risk tolerance, 0..1 (spreads the covert choice: risk-tolerant operators fear detection less). */
  riskTolerance: Float32Array;
  /** How often the agent reviews its location on its own: probability per month (a trait). */
  reviewProbability: Float32Array;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.region = new Int16Array(n);
    this.origin = new Int16Array(n);
    this.hashrateThs = new Float64Array(n);
    this.jPerTh = new Float64Array(n);
    this.jBin = new Uint8Array(n);
    this.status = new Uint8Array(n);
    this.sinceDay = new Int32Array(n);
    this.arrivalDay = new Int32Array(n);
    this.reviewStep = new Int32Array(n);
    this.idleMonths = new Int16Array(n);
    this.riskTolerance = new Float32Array(n);
    this.reviewProbability = new Float32Array(n);
  }

  /** Room for agents before the columns must grow. */
  get capacity(): number {
    return this.region.length;
  }

  /**
   * Appends an active agent and returns its id.
   * @example store.add({ region: 3, hashrateThs: 1500, jPerTh: 29.5, riskTolerance: 0.4, reviewProbability: 0.05, reviewStep: 7, sinceDay: 18628 })
   */
  add(a: NewAgent): number {
    if (this.count === this.capacity) this.grow();
    const id = this.count++;
    this.region[id] = a.region;
    this.origin[id] = a.region;
    this.hashrateThs[id] = a.hashrateThs;
    this.setEfficiency(id, a.jPerTh);
    this.status[id] = ACTIVE;
    this.sinceDay[id] = a.sinceDay;
    this.arrivalDay[id] = 0;
    this.reviewStep[id] = a.reviewStep;
    this.idleMonths[id] = 0;
    this.riskTolerance[id] = a.riskTolerance;
    this.reviewProbability[id] = a.reviewProbability;
    return id;
  }

  /** Sets agent `id`'s efficiency (J/TH) and its bin. */
  setEfficiency(id: number, jPerTh: number): void {
    this.jPerTh[id] = jPerTh;
    this.jBin[id] = efficiencyBin(jPerTh);
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
    this.jBin = grow(this.jBin, (k) => new Uint8Array(k));
    this.status = grow(this.status, (k) => new Uint8Array(k));
    this.sinceDay = grow(this.sinceDay, (k) => new Int32Array(k));
    this.arrivalDay = grow(this.arrivalDay, (k) => new Int32Array(k));
    this.reviewStep = grow(this.reviewStep, (k) => new Int32Array(k));
    this.idleMonths = grow(this.idleMonths, (k) => new Int16Array(k));
    this.riskTolerance = grow(this.riskTolerance, (k) => new Float32Array(k));
    this.reviewProbability = grow(this.reviewProbability, (k) => new Float32Array(k));
  }
}
