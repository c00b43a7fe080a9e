/** A clock that moves only when told; timers fire in order as it passes them (bounded). */
import type { Clock } from '../../../gateway/src/webhooks/delivery-queue.js';

export const flushPromises = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

export class FakeClock implements Clock {
  private time = 0;
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 0;
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }
  async advance(to: number): Promise<void> {
    for (let guard = 0; guard < 1_000; guard++) {
      await flushPromises();
      const due = this.timers.filter((timer) => timer.at <= to).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = Math.max(this.time, to);
    await flushPromises();
  }
}
