/**
 * Reports a failing dependency on stderr as JSON, at most once per interval: while Redis is down
 * every request fails over to the open path, and one line a request would drown the log.
 */
export interface FailureReportOptions {
  /** What failed, in the `msg` of every line. */
  subject: string;
  intervalMs?: number;
  now?: () => number;
  write?: (line: string) => void;
}

export class FailureReport {
  private lastLoggedAt = -Infinity;
  /** Failures since the last line (logged or not); null while healthy. */
  private failures: number | null = null;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly write: (line: string) => void;

  constructor(private readonly options: FailureReportOptions) {
    this.intervalMs = options.intervalMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.write = options.write ?? ((line) => console.error(line));
  }

  get failing(): boolean {
    return this.failures !== null;
  }

  /** Counts a failure; writes a line for the first one and then once per interval. */
  failure(operation: string, error: unknown): void {
    this.failures = (this.failures ?? 0) + 1;
    const now = this.now();
    if (now - this.lastLoggedAt < this.intervalMs) return;
    this.lastLoggedAt = now;
    this.write(
      JSON.stringify({
        level: 'error',
        msg: `${this.options.subject} unavailable; failing open`,
        operation,
        failuresSinceLastReport: this.failures,
        error: String((error as Error)?.message ?? error),
      }),
    );
    this.failures = 0;
  }

  /** Marks the dependency healthy again, with one line if it had been failing. */
  recovered(): void {
    if (this.failures === null) return;
    this.write(JSON.stringify({ level: 'info', msg: `${this.options.subject} available again`, failuresSinceLastReport: this.failures }));
    this.failures = null;
    this.lastLoggedAt = -Infinity;
  }
}
