/**
 * The clock the outgoing queues (webhook deliveries, alert notifications, exports) run on, and one
 * timer that wakes a queue at the earliest time it was asked for: asking for a later time while an
 * earlier wake is set changes nothing, asking for an earlier one moves it.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    // A pending retry must not keep the process alive.
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class WakeTimer {
  private handle: unknown;
  private at = Number.POSITIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly wake: () => void,
  ) {}

  wakeAt(at: number): void {
    if (this.handle !== undefined && this.at <= at) return;
    this.cancel();
    this.at = at;
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      this.at = Number.POSITIVE_INFINITY;
      this.wake();
    }, Math.max(at - this.clock.now(), 0));
  }

  cancel(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
    this.at = Number.POSITIVE_INFINITY;
  }
}
