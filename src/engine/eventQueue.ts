/**
 * A priority queue of dated events with stable tie-breaking: events pop in order of
 * (day, priority, scheduling order). Same pushes in the same order always give the same pops.
 * A binary heap over parallel arrays; `T` is the payload.
 */
export class EventQueue<T> {
  private days: number[] = [];
  private priorities: number[] = [];
  private seqs: number[] = [];
  private payloads: T[] = [];
  private nextSeq = 0;

  /** Number of queued events. */
  get size(): number {
    return this.days.length;
  }

  /**
   * Schedules `payload` on `day`; lower `priority` pops first among events of the same day.
   * Example: `q.push(18800, 1, 'ban')`.
   */
  push(day: number, priority: number, payload: T): void {
    this.days.push(day);
    this.priorities.push(priority);
    this.seqs.push(this.nextSeq++);
    this.payloads.push(payload);
    this.siftUp(this.days.length - 1);
  }

  /** Day of the next event, or +Infinity when empty. */
  peekDay(): number {
    return this.days.length > 0 ? this.days[0] : Number.POSITIVE_INFINITY;
  }

  /** Removes and returns the next event with its day, or undefined when empty. */
  pop(): { day: number; payload: T } | undefined {
    const n = this.days.length;
    if (n === 0) return undefined;
    const day = this.days[0];
    const payload = this.payloads[0];
    this.swap(0, n - 1);
    this.days.pop();
    this.priorities.pop();
    this.seqs.pop();
    this.payloads.pop();
    if (n > 1) this.siftDown(0);
    return { day, payload };
  }

  private less(a: number, b: number): boolean {
    if (this.days[a] !== this.days[b]) return this.days[a] < this.days[b];
    if (this.priorities[a] !== this.priorities[b]) return this.priorities[a] < this.priorities[b];
    return this.seqs[a] < this.seqs[b];
  }

  private swap(a: number, b: number): void {
    [this.days[a], this.days[b]] = [this.days[b], this.days[a]];
    [this.priorities[a], this.priorities[b]] = [this.priorities[b], this.priorities[a]];
    [this.seqs[a], this.seqs[b]] = [this.seqs[b], this.seqs[a]];
    [this.payloads[a], this.payloads[b]] = [this.payloads[b], this.payloads[a]];
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.days.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
