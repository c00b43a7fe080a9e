/**
 * Exports wait here, off the request and log paths: a bounded list of items, sent in batches of
 * items that share a destination (`group`), a few batches at a time. A failed batch is tried
 * again with exponential backoff, at most `maxAttempts` times; past `limit` held items the oldest
 * is dropped, with a (throttled) warning, so a dead destination costs bounded memory and nothing
 * ever waits for it. The clock is injected so tests can drive the schedule.
 */
import { retryDelayMs } from '../webhooks/backoff.js';
import { type Clock, systemClock, WakeTimer } from '../webhooks/wake-timer.js';
import { consoleWarn, ThrottledWarnings, type WarnLine } from '../webhooks/throttled-log.js';
import type { PostOutcome } from './post-json.js';

export interface Batch<T> {
  group: string;
  items: T[];
  tries: number;
  /** Not sent before this time (epoch ms): set after a failure. */
  notBefore: number;
}

export interface BatchQueueOptions {
  /** What is exported, for warnings: "PostHog", "OTLP". */
  name: string;
  /** Items held (waiting or waiting for a retry); past it the oldest are dropped. */
  limit: number;
  maxBatch: number;
  concurrency: number;
  /** Batches in flight to one destination (`describe(group)`), so a stuck one cannot take every slot. */
  perDestination?: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Where a group goes, for warnings: an origin, never a key. */
  describe: (group: string) => string;
  /** Which groups share the per-destination slots; default `describe`. */
  destinationOf?: (group: string) => string;
  clock?: Clock;
  warn?: WarnLine;
}

export type BatchSender<T> = (batch: Batch<T>) => Promise<PostOutcome>;

export class BatchQueue<T> {
  /** Items not yet in a batch, oldest first, with their group. */
  private waiting: Array<{ group: string; item: T }> = [];
  /** Failed batches waiting for their retry. */
  private retrying: Batch<T>[] = [];
  private inFlight = 0;
  private readonly perDestination = new Map<string, number>();
  private readonly timer: WakeTimer;
  private stopped = false;
  private readonly clock: Clock;
  private readonly warnings: ThrottledWarnings;
  private idleWaiters: Array<() => void> = [];
  /** Counts, for tests. */
  sent = 0;
  failed = 0;
  dropped = 0;

  constructor(
    private readonly send: BatchSender<T>,
    private readonly options: BatchQueueOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.timer = new WakeTimer(this.clock, () => this.pump());
    this.warnings = new ThrottledWarnings(options.warn ?? consoleWarn, () => this.clock.now());
  }

  /** Items held, waiting or waiting for a retry (not those in flight). */
  get size(): number {
    return this.waiting.length + this.retrying.reduce((sum, batch) => sum + batch.items.length, 0);
  }

  add(group: string, item: T): void {
    if (this.stopped) return;
    if (this.size >= this.options.limit) this.dropOldest();
    this.waiting.push({ group, item });
    // Sent on a later turn: the caller (a request's end, a written log batch) never waits, and
    // items added in the same turn go out together.
    this.timer.wakeAt(this.clock.now());
  }

  private dropOldest(): void {
    // Retries are older than anything waiting: they go first.
    const retry = this.retrying[0];
    let group: string;
    if (retry) {
      group = retry.group;
      retry.items.shift();
      if (retry.items.length === 0) this.retrying.shift();
    } else {
      group = this.waiting.shift()!.group;
    }
    this.dropped++;
    this.warnings.warn('queue-full', {
      msg: `${this.options.name} export queue full (${this.options.limit} held); the oldest was dropped (check the destination)`,
      destination: this.options.describe(group),
      droppedTotal: this.dropped,
    });
  }

  /** Starts every batch that is due while there are free slots; then waits for the next retry. */
  private pump(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    let nextDue = Number.POSITIVE_INFINITY;
    // Retries first, each at most once per pump (bounded by the held batches).
    for (let i = 0; i < this.retrying.length && this.inFlight < this.options.concurrency; ) {
      const batch = this.retrying[i]!;
      if (batch.notBefore > now) {
        nextDue = Math.min(nextDue, batch.notBefore);
        i++;
        continue;
      }
      if (!this.hasSlot(batch.group)) {
        i++;
        continue;
      }
      this.retrying.splice(i, 1);
      this.start(batch);
    }
    // New batches: the oldest item whose destination has a free slot, with up to maxBatch
    // waiting items of its group. Each pass removes items or ends, so the loop is bounded.
    while (this.inFlight < this.options.concurrency) {
      const group = this.waiting.find((entry) => this.hasSlot(entry.group))?.group;
      if (group === undefined) break;
      const items: T[] = [];
      const rest: Array<{ group: string; item: T }> = [];
      for (const entry of this.waiting) {
        if (entry.group === group && items.length < this.options.maxBatch) items.push(entry.item);
        else rest.push(entry);
      }
      this.waiting = rest;
      this.start({ group, items, tries: 0, notBefore: 0 });
    }
    if (nextDue < Number.POSITIVE_INFINITY) this.timer.wakeAt(nextDue);
    this.notifyIdle();
  }

  private destinationOf(group: string): string {
    return (this.options.destinationOf ?? this.options.describe)(group);
  }

  private hasSlot(group: string): boolean {
    return (this.perDestination.get(this.destinationOf(group)) ?? 0) < (this.options.perDestination ?? 1);
  }

  private start(batch: Batch<T>): void {
    this.inFlight++;
    const destination = this.destinationOf(batch.group);
    this.perDestination.set(destination, (this.perDestination.get(destination) ?? 0) + 1);
    batch.tries++;
    this.send(batch)
      .catch((error: unknown): PostOutcome => ({ ok: false, reason: (error as Error)?.name ?? 'error', retryable: true }))
      .then((outcome) => {
        this.inFlight--;
        const left = (this.perDestination.get(destination) ?? 1) - 1;
        if (left > 0) this.perDestination.set(destination, left);
        else this.perDestination.delete(destination);
        this.settle(batch, outcome);
        this.pump();
      });
  }

  private settle(batch: Batch<T>, outcome: PostOutcome): void {
    if (outcome.ok) {
      this.sent += batch.items.length;
      return;
    }
    if (this.stopped) return;
    if (outcome.retryable && batch.tries < this.options.maxAttempts) {
      batch.notBefore = this.clock.now() + retryDelayMs(batch.tries, this.options.retryBaseMs, this.options.retryMaxMs);
      this.retrying.push(batch);
      return;
    }
    this.failed += batch.items.length;
    const destination = this.options.describe(batch.group);
    this.warnings.warn(`gave-up:${destination}`, {
      msg: `${this.options.name} export failed after ${batch.tries} ${batch.tries === 1 ? 'try' : 'tries'}; ${batch.items.length} dropped`,
      destination,
      reason: outcome.reason,
    });
  }

  private notifyIdle(): void {
    if (this.inFlight > 0 || this.waiting.length > 0 || this.retrying.length > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves when nothing is held or in flight (tests; pending retries count as held). */
  idle(): Promise<void> {
    if (this.inFlight === 0 && this.waiting.length === 0 && this.retrying.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops sending and retrying; returns how many held items were dropped. */
  stop(): number {
    this.stopped = true;
    this.timer.cancel();
    const left = this.size;
    this.waiting = [];
    this.retrying = [];
    for (const resolve of this.idleWaiters.splice(0)) resolve();
    return left;
  }
}
