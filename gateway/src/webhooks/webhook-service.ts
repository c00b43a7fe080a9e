/**
 * Webhooks for the gateway: the store of webhooks (for the API) and delivery. After a log batch
 * is written, `notify` matches each record against the webhooks (sample rate, property filters),
 * builds and signs Helicone's body and hands it to the bounded delivery queue; nothing here is
 * awaited by the log queue or by requests. The webhook list is cached briefly so a busy gateway
 * reads it about once a second, not once a batch; changes made through this instance apply at once.
 */
import type { BodyUrlSigner } from '../api/signed-body-url.js';
import type { LogRecord } from '../log/log-record.js';
import type { SqlClient } from '../store/sql-client.js';
import type { Agent } from 'undici';
import { destinationOrigin, destinationProblem } from './destination.js';
import { type Clock, DeliveryQueue, systemClock } from './delivery-queue.js';
import { matchesProperties, sampled } from './filters.js';
import { buildPayload } from './payload.js';
import { createWebhookPool, sendWebhook } from './send-webhook.js';
import { signBody } from './signature.js';
import { consoleWarn, ThrottledWarnings, type WarnLine } from './throttled-log.js';
import { type DeliveryRule, deliveryRule } from './webhook-config.js';
import type { WebhookSettings } from './webhook-settings.js';
import { type WebhookRow, WebhookStore } from './webhook-store.js';

/** Helicone's request_response_url expires after 30 minutes. */
const bodyUrlLifetimeSeconds = 30 * 60;
const listCacheMs = 1_000;

interface ActiveWebhook {
  row: WebhookRow;
  rule: DeliveryRule;
  /** Why its destination is refused now (the private-host switch may have changed since it was made), or null. */
  problem: string | null;
}

export interface WebhookServiceOptions {
  clock?: Clock;
  /** Uniform in [0, 1): the sample-rate roll. */
  random?: () => number;
  warn?: WarnLine;
}

export class WebhookService {
  readonly store: WebhookStore;
  readonly queue: DeliveryQueue;
  private readonly pool: Agent;
  private cached: { at: number; hooks: ActiveWebhook[] } | undefined;
  private loading: Promise<ActiveWebhook[]> | undefined;
  /** Bumped by each change, so a read that started before it is not cached as current. */
  private generation = 0;
  private readonly random: () => number;
  private readonly clock: Clock;
  private readonly warnings: ThrottledWarnings;
  /** Batches being matched now, so a test (or a stop) can wait for them. */
  private readonly dispatching = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    sql: SqlClient,
    private readonly bodyUrls: BodyUrlSigner,
    readonly settings: WebhookSettings,
    options: WebhookServiceOptions = {},
  ) {
    this.store = new WebhookStore(sql);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.warnings = new ThrottledWarnings(options.warn ?? consoleWarn, () => this.clock.now());
    this.pool = createWebhookPool(settings.timeoutMs, settings.allowPrivate);
    this.queue = new DeliveryQueue((job) => sendWebhook(this.pool, job.destination, job.body, job.signature, settings.timeoutMs), {
      limit: settings.queueLimit,
      concurrency: settings.concurrency,
      perDestination: settings.perDestination,
      maxAttempts: settings.maxAttempts,
      retryBaseMs: settings.retryBaseMs,
      retryMaxMs: settings.retryMaxMs,
      clock: this.clock,
      warn: options.warn,
    });
  }

  /** The list changed through this instance: the next batch reads it anew. */
  invalidate(): void {
    this.generation++;
    this.cached = undefined;
    this.loading = undefined;
  }

  private async webhooks(): Promise<ActiveWebhook[]> {
    const now = this.clock.now();
    if (this.cached && now - this.cached.at < listCacheMs) return this.cached.hooks;
    if (this.loading) return this.loading;
    const generation = this.generation;
    const loading = this.store
      .list()
      .then((rows) => {
        const hooks = rows.map((row) => ({ row, rule: deliveryRule(row.config), problem: destinationProblem(row.destination, this.settings.allowPrivate) }));
        if (generation === this.generation) this.cached = { at: this.clock.now(), hooks };
        return hooks;
      })
      .finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
    this.loading = loading;
    return loading;
  }

  /** Called with each batch the store has written; returns at once (the matching runs after). */
  notify(records: readonly LogRecord[]): void {
    if (this.stopped || records.length === 0) return;
    const running: Promise<void> = this.dispatch(records).catch((error: unknown) => {
      this.warnings.warn('list-failed', { msg: 'webhooks: could not read the webhook list; these requests are not delivered', records: records.length, error: (error as Error)?.message });
    });
    this.dispatching.add(running);
    void running.finally(() => this.dispatching.delete(running));
  }

  private async dispatch(records: readonly LogRecord[]): Promise<void> {
    const hooks = await this.webhooks();
    if (hooks.length === 0 || this.stopped) return;
    for (const record of records) {
      for (const hook of hooks) this.consider(record, hook);
    }
  }

  private consider(record: LogRecord, { row, rule, problem }: ActiveWebhook): void {
    if (rule.sampleRate === null) {
      this.warnings.warn(`bad-config:${row.id}`, { msg: 'webhook skipped: its stored config has an invalid sampleRate or propertyFilters', webhookId: row.id });
      return;
    }
    if (!sampled(rule.sampleRate, this.random())) return;
    if (!matchesProperties(record.properties, rule.propertyFilters)) return;
    if (problem) {
      this.warnings.warn(`bad-destination:${row.id}`, { msg: `webhook skipped: its destination ${problem}`, webhookId: row.id, destination: destinationOrigin(row.destination) });
      return;
    }
    const bodyUrl = rule.includeData
      ? `${this.settings.publicUrl}/v1/request/${record.requestId}/body?${this.bodyUrls.query(record.requestId, this.clock.now(), bodyUrlLifetimeSeconds)}`
      : undefined;
    const body = JSON.stringify(buildPayload(record, rule.includeData, bodyUrl));
    this.queue.add({
      webhookId: row.id,
      requestId: record.requestId,
      destination: row.destination,
      origin: destinationOrigin(row.destination),
      body,
      signature: signBody(row.hmac_key, body),
      tries: 0,
      notBefore: 0,
    });
  }

  /** Resolves when the batches handed over so far are matched and every delivery is done (tests). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.dispatching]);
    await this.queue.idle();
  }

  /** At shutdown: deliveries still held are dropped (with one line), connections closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.dispatching]);
    const dropped = this.queue.stop();
    if (dropped > 0) consoleWarn({ msg: `webhooks: ${dropped} deliveries not yet sent were dropped at shutdown`, dropped });
    await this.pool.destroy().catch(() => undefined);
  }
}
