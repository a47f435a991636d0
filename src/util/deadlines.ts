/** setTimeout's longest delay; a longer wait is re-armed on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Callbacks due at a time, on one timer for all of them: 10,000 streams whose
 * tokens expire cost one pending timer, not 10,000 (each with its closure).
 * Due times are rounded up to `resolutionMs`: a callback never runs early,
 * and at most that much late; those due in the same slot share it.
 */
export class Deadlines {
  /** Callbacks by slot (its due time, a multiple of the resolution). */
  private readonly slots = new Map<number, Set<() => void>>();
  /** The slots' times, ascending. */
  private readonly times: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private armedFor: number | undefined;

  constructor(private readonly resolutionMs = 1_000) {}

  /** Runs `callback` once `at` (ms since epoch) has passed; answers a function that cancels it. */
  at(at: number, callback: () => void): () => void {
    // NaN (an invalid date) and the past both mean now.
    const due = Number.isFinite(at) ? Math.ceil(at / this.resolutionMs) * this.resolutionMs : 0;
    let slot = this.slots.get(due);
    if (!slot) {
      this.slots.set(due, (slot = new Set()));
      this.times.splice(this.insertionPoint(due), 0, due);
    }
    // One callback may be scheduled twice: each scheduling is its own entry.
    const entry = () => callback();
    slot.add(entry);
    this.arm();
    return () => {
      const current = this.slots.get(due);
      if (!current?.delete(entry) || current.size > 0) return;
      this.slots.delete(due);
      this.times.splice(this.times.indexOf(due), 1);
      if (this.times.length === 0) this.disarm();
    };
  }

  get size(): number {
    let total = 0;
    for (const slot of this.slots.values()) total += slot.size;
    return total;
  }

  private insertionPoint(due: number): number {
    let low = 0;
    let high = this.times.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.times[mid]! < due) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private arm(): void {
    const next = this.times[0];
    if (next === undefined || next === this.armedFor) return;
    this.disarm();
    this.armedFor = next;
    this.timer = setTimeout(() => this.fire(), Math.min(Math.max(next - Date.now(), 0), MAX_TIMER_MS));
    this.timer.unref();
  }

  private disarm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = undefined;
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = undefined;
    const now = Date.now();
    while (this.times.length > 0 && this.times[0]! <= now) {
      const due = this.times.shift()!;
      const slot = this.slots.get(due)!;
      this.slots.delete(due);
      for (const callback of slot) {
        try {
          callback();
        } catch {
          // One failing callback must not keep the others from running; each guards its own work.
        }
      }
    }
    this.arm();
  }
}

/** The process's deadlines: token expiries of sockets and streams. */
export const deadlines = new Deadlines();
