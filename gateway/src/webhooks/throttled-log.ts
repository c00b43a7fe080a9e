/**
 * Warnings about webhook delivery, at most one line per topic per interval, with a count of what
 * was left out: a dead destination under heavy traffic must not flood the gateway's log.
 */
export type WarnLine = (fields: Record<string, unknown>) => void;

export const consoleWarn: WarnLine = (fields) => console.error(JSON.stringify({ level: 'warn', ...fields }));

export class ThrottledWarnings {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly write: WarnLine,
    private readonly now: () => number,
    private readonly intervalMs = 10_000,
  ) {}

  warn(topic: string, fields: Record<string, unknown>): void {
    const now = this.now();
    const seen = this.last.get(topic);
    if (seen && now - seen.at < this.intervalMs) {
      seen.suppressed++;
      return;
    }
    this.write({ ...fields, ...(seen?.suppressed ? { suppressedSinceLast: seen.suppressed } : {}) });
    // Topics are webhook ids and a few fixed names; stale ones are forgotten so the map stays small.
    if (this.last.size > 1_000) this.last.clear();
    this.last.set(topic, { at: now, suppressed: 0 });
  }
}
