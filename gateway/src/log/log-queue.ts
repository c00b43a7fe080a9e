/**
 * Log records wait here and are written in batches, off the request path. Nothing is dropped:
 * a full queue makes new requests wait for room (back-pressure), a failed write is retried with
 * the same records, and close() flushes everything before the store closes. A batch that keeps
 * failing is written one record at a time, and a record the store refuses on its own is handed
 * to `spill` (a file beside the store) so that one bad record cannot stop all logging.
 */
import type { LogRecord } from './log-record.js';

/** flush() gave up: the store kept failing (it may be unreachable). */
export class LogBacklogError extends Error {}

export interface LogSink {
  writeBatch(records: LogRecord[]): Promise<void>;
  /** Called once the queue has written everything, when it closes (a writer thread ends). */
  stop?(): Promise<void>;
}

export interface LogQueueOptions {
  /** Records per transaction. */
  batchSize?: number;
  /** How long a record may wait for its batch to fill. */
  flushIntervalMs?: number;
  /** Records held before new requests must wait. */
  maxQueued?: number;
  onError?: (error: unknown, pending: number) => void;
  /** Failed tries of a batch before its records are written one by one. */
  triesBeforeSplit?: number;
  /**
   * Whether an error will repeat however often the same records are written (a constraint or a
   * value the store cannot take), as opposed to passing (a lock, a full disk). Only then are the
   * records written one by one, and the refused ones spilled.
   */
  isPermanent?: (error: unknown) => boolean;
  /** Keeps a record the store refused on its own. */
  spill?: (record: LogRecord, error: unknown) => void;
  /**
   * 'wait' (the default): a full queue makes new requests wait for room. 'drop': requests never
   * wait; a record that finds the queue full is dropped and counted (a spool in front of a store
   * that may be away for a while).
   */
  whenFull?: 'wait' | 'drop';
  /** With 'drop': told when the queue fills (the first record dropped) and when it has room again. */
  onSpoolFull?: (state: { full: boolean; dropped: number; held: number }) => void;
}

export class LogQueue {
  private queue: LogRecord[] = [];
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly maxQueued: number;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private waiters: Array<() => void> = [];
  private retryDelayMs = 0;
  private failedTries = 0;
  /** Records ever enqueued and ever written (or spilled): a flush waits for a mark, not for an empty queue. */
  private enqueued = 0;
  private written = 0;
  private lastErrorPermanent = false;
  private closed = false;
  /** Records dropped since the queue last filled ('drop' mode). */
  private dropped = 0;
  /** Ids queued or being written, so a reused Helicone-Request-Id is caught before it is stored. */
  private readonly pendingIds = new Set<string>();

  constructor(
    private readonly sink: LogSink,
    private readonly options: LogQueueOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.flushIntervalMs = options.flushIntervalMs ?? 25;
    this.maxQueued = options.maxQueued ?? 20_000;
  }

  hasPending(requestId: string): boolean {
    return this.pendingIds.has(requestId);
  }

  /** Resolves at once while there is room; otherwise when a write has made room. */
  waitForRoom(): Promise<void> | undefined {
    if (this.queue.length < this.maxQueued || this.options.whenFull === 'drop') return undefined;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  enqueue(record: LogRecord): void {
    if (this.closed) throw new Error('log queue is closed');
    if (this.queue.length >= this.maxQueued && this.options.whenFull === 'drop') {
      if (this.dropped++ === 0) this.options.onSpoolFull?.({ full: true, dropped: 1, held: this.queue.length });
      return;
    }
    this.queue.push(record);
    this.enqueued++;
    this.pendingIds.add(record.requestId);
    if (this.queue.length >= this.batchSize) this.schedule(0);
    else this.schedule(this.flushIntervalMs);
  }

  private schedule(delayMs: number): void {
    if (this.writing) return; // the running write reschedules when it ends
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.writeNext();
    }, Math.max(delayMs, this.retryDelayMs));
  }

  private writeNext(): Promise<void> {
    if (this.writing || this.queue.length === 0) return this.writing ?? Promise.resolve();
    const batch = this.queue.slice(0, this.batchSize);
    const split = this.lastErrorPermanent && this.failedTries >= (this.options.triesBeforeSplit ?? 3);
    this.writing = (split ? this.writeOneByOne(batch) : this.sink.writeBatch(batch))
      .then(
        () => {
          this.queue.splice(0, batch.length);
          this.written += batch.length;
          for (const record of batch) this.pendingIds.delete(record.requestId);
          this.retryDelayMs = 0;
          this.failedTries = 0;
          this.lastErrorPermanent = false;
          this.releaseWaiters();
        },
        (error: unknown) => {
          // Keep the batch; try again later, slower each time (up to 5 s).
          this.failedTries++;
          this.lastErrorPermanent = this.options.isPermanent?.(error) ?? false;
          this.retryDelayMs = Math.min(Math.max(this.retryDelayMs * 2, 100), 5_000);
          this.options.onError?.(error, this.queue.length);
        },
      )
      .finally(() => {
        this.writing = undefined;
        if (this.queue.length > 0 && !this.closed) this.schedule(this.queue.length >= this.batchSize ? 0 : this.flushIntervalMs);
      });
    return this.writing;
  }

  /**
   * Writes each record alone; one the store refuses for good goes to `spill`. Records written
   * here are not written again if a later one fails for a passing reason.
   */
  private async writeOneByOne(batch: LogRecord[]): Promise<void> {
    while (batch.length > 0) {
      const record = batch[0]!;
      try {
        await this.sink.writeBatch([record]);
      } catch (error) {
        if (!this.options.spill || !this.options.isPermanent?.(error)) throw error;
        this.options.spill(record, error);
      }
      batch.shift();
      this.queue.shift();
      this.written++;
      this.pendingIds.delete(record.requestId);
    }
  }

  private releaseWaiters(): void {
    while (this.waiters.length > 0 && this.queue.length < this.maxQueued) this.waiters.shift()!();
    if (this.dropped > 0 && this.queue.length < this.maxQueued) {
      this.options.onSpoolFull?.({ full: false, dropped: this.dropped, held: this.queue.length });
      this.dropped = 0;
    }
  }

  /**
   * Writes everything queued before this call (records queued meanwhile do not keep it waiting,
   * so a query under steady traffic still answers). Rejects only if the store keeps failing after
   * records were split and spilled (`attempts` failed tries in a row).
   */
  async flush(attempts = (this.options.triesBeforeSplit ?? 3) + 5): Promise<void> {
    const target = this.enqueued;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    let failures = 0;
    while (this.written < target) {
      const before = this.written;
      await (this.writing ?? this.writeNext());
      if (this.written === before && !this.writing) {
        failures++;
        if (failures >= attempts) throw new LogBacklogError(`could not write ${this.queue.length} log records: the store keeps failing`);
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      }
    }
  }

  /**
   * flush() for a read that must see every record queued so far: refused at once (LogBacklogError)
   * while the store is failing, rather than waiting through the retries.
   */
  flushBeforeRead(): Promise<void> {
    if (this.failedTries > 0 && !this.lastErrorPermanent) {
      return Promise.reject(new LogBacklogError(`${this.queue.length} log records wait for the store, which is failing`));
    }
    return this.flush();
  }

  /** Stops taking records and writes what is left. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    this.releaseWaiters();
    await this.sink.stop?.();
  }
}
