/**
 * Webhook deliveries wait here, off the request and log paths: a bounded list of jobs, sent a few
 * at a time (and a few per destination, so one slow destination cannot take every slot), failed
 * ones retried with exponential backoff up to `maxAttempts` tries. Past `limit` held jobs, the
 * oldest is dropped with a (throttled) warning, so a dead destination costs bounded memory.
 * The clock is injected so tests can drive the schedule.
 */
import { retryDelayMs } from './backoff.js';
import type { DeliveryOutcome } from './send-webhook.js';
import { type Clock, systemClock, WakeTimer } from './wake-timer.js';
import { consoleWarn, ThrottledWarnings, type WarnLine } from './throttled-log.js';

export interface DeliveryJob {
  webhookId: string;
  requestId: string;
  destination: string;
  /** For log lines: the destination without path or query. */
  origin: string;
  body: string;
  signature: string;
  /** Tries made so far. */
  tries: number;
  /** Not sent before this time (epoch ms): set after a failure. */
  notBefore: number;
}

export { type Clock, systemClock } from './wake-timer.js';

export interface DeliveryQueueOptions {
  limit: number;
  concurrency: number;
  perDestination: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  clock?: Clock;
  warn?: WarnLine;
  /** What is delivered, for warnings ("webhook delivery", "alert notification"), and the setting that bounds the queue. */
  what?: { name: string; limitSetting?: string };
}

export type Sender = (job: DeliveryJob) => Promise<DeliveryOutcome>;

export class DeliveryQueue {
  private jobs: DeliveryJob[] = [];
  private inFlight = 0;
  private readonly perDestination = new Map<string, number>();
  private readonly timer: WakeTimer;
  private stopped = false;
  private readonly clock: Clock;
  private readonly what: { name: string; limitSetting?: string };
  private readonly warnings: ThrottledWarnings;
  private idleWaiters: Array<() => void> = [];
  /** Counts, for tests and the shutdown line. */
  delivered = 0;
  failed = 0;
  dropped = 0;

  constructor(
    private readonly send: Sender,
    private readonly options: DeliveryQueueOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.timer = new WakeTimer(this.clock, () => this.pump());
    this.what = options.what ?? { name: 'webhook delivery', limitSetting: 'SWITCHYARD_WEBHOOK_QUEUE_LIMIT' };
    this.warnings = new ThrottledWarnings(options.warn ?? consoleWarn, () => this.clock.now());
  }

  /** Jobs held: waiting to be sent or to be retried (not those in flight). */
  get size(): number {
    return this.jobs.length;
  }

  get active(): number {
    return this.inFlight;
  }

  add(job: DeliveryJob): void {
    if (this.stopped) return;
    this.hold(job);
    this.pump();
  }

  private hold(job: DeliveryJob): void {
    if (this.jobs.length >= this.options.limit) {
      const oldest = this.jobs.shift()!;
      this.dropped++;
      this.warnings.warn('queue-full', {
        msg: `${this.what.name} queue full (${this.options.limit} held); the oldest was dropped (${this.what.limitSetting ? `raise ${this.what.limitSetting}, or ` : ''}check the destination)`,
        webhookId: oldest.webhookId,
        destination: oldest.origin,
        requestId: oldest.requestId,
        droppedTotal: this.dropped,
      });
    }
    this.jobs.push(job);
  }

  /** Starts every job that is due and has a free slot; then waits for the next due one. */
  private pump(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    let nextDue = Number.POSITIVE_INFINITY;
    // One pass over the held jobs (bounded by `limit`): started jobs are removed as it goes.
    for (let i = 0; i < this.jobs.length && this.inFlight < this.options.concurrency; ) {
      const job = this.jobs[i]!;
      if (job.notBefore > now) {
        nextDue = Math.min(nextDue, job.notBefore);
        i++;
        continue;
      }
      if ((this.perDestination.get(job.origin) ?? 0) >= this.options.perDestination) {
        i++;
        continue;
      }
      this.jobs.splice(i, 1);
      this.start(job);
    }
    if (nextDue < Number.POSITIVE_INFINITY) this.timer.wakeAt(nextDue);
    this.notifyIdle();
  }

  private start(job: DeliveryJob): void {
    this.inFlight++;
    this.perDestination.set(job.origin, (this.perDestination.get(job.origin) ?? 0) + 1);
    job.tries++;
    this.send(job)
      .catch((error: unknown): DeliveryOutcome => ({ ok: false, reason: String((error as Error)?.message ?? error) }))
      .then((outcome) => {
        this.inFlight--;
        const left = (this.perDestination.get(job.origin) ?? 1) - 1;
        if (left > 0) this.perDestination.set(job.origin, left);
        else this.perDestination.delete(job.origin);
        this.settle(job, outcome);
        this.pump();
      });
  }

  private settle(job: DeliveryJob, outcome: DeliveryOutcome): void {
    if (outcome.ok) {
      this.delivered++;
      return;
    }
    if (this.stopped) return;
    if (job.tries < this.options.maxAttempts) {
      job.notBefore = this.clock.now() + retryDelayMs(job.tries, this.options.retryBaseMs, this.options.retryMaxMs);
      this.hold(job);
      return;
    }
    this.failed++;
    this.warnings.warn(`gave-up:${job.webhookId}`, {
      msg: `${this.what.name} failed after ${job.tries} tries; giving up`,
      webhookId: job.webhookId,
      destination: job.origin,
      requestId: job.requestId,
      reason: outcome.reason,
    });
  }

  private notifyIdle(): void {
    if (this.inFlight > 0 || this.jobs.length > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves when nothing is held or in flight (tests; retries pending count as held). */
  idle(): Promise<void> {
    if (this.inFlight === 0 && this.jobs.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops sending and retrying; returns how many held deliveries were dropped. */
  stop(): number {
    this.stopped = true;
    this.timer.cancel();
    const left = this.jobs.length;
    this.jobs = [];
    for (const resolve of this.idleWaiters.splice(0)) resolve();
    return left;
  }
}
