/**
 * Sends alert notifications off the evaluation path: the webhooks' bounded delivery queue (a few
 * at a time, retries with backoff, the oldest dropped past its bound) over a connection pool of
 * its own, each attempt within the timeout. Destinations are checked again at sending time, since
 * the private-host switch may have changed since the rule was made.
 */
import type { Agent } from 'undici';
import { createExportPool, postJson } from '../exports/post-json.js';
import { type Clock, DeliveryQueue } from '../webhooks/delivery-queue.js';
import { destinationOrigin, destinationProblem } from '../webhooks/destination.js';
import { consoleWarn, ThrottledWarnings, type WarnLine } from '../webhooks/throttled-log.js';
import { type AlertWindow, slackText, webhookBody } from './alert-message.js';
import type { AlertRule } from './alert-rule.js';
import type { AlertSettings } from './alert-settings.js';
import type { AlertEvent } from './alert-store.js';

export class AlertNotifier {
  private readonly pool: Agent;
  readonly queue: DeliveryQueue;
  private readonly warnings: ThrottledWarnings;

  constructor(
    private readonly settings: AlertSettings,
    options: { clock?: Clock; warn?: WarnLine } = {},
  ) {
    this.pool = createExportPool(settings.timeoutMs, settings.allowPrivate);
    this.warnings = new ThrottledWarnings(options.warn ?? consoleWarn, () => Date.now());
    this.queue = new DeliveryQueue(
      async (job) => {
        const outcome = await postJson(this.pool, job.destination, job.body, { 'user-agent': 'switchyard-alerts' }, settings.timeoutMs);
        // A 4xx refusal of the content will not change on a retry: it counts as delivered-and-refused.
        if (!outcome.ok && outcome.retryable === false) {
          this.warnings.warn(`refused:${job.webhookId}`, { msg: `alert notification refused (${outcome.reason}); not retried`, alertId: job.webhookId, destination: job.origin });
          return { ok: true };
        }
        return outcome;
      },
      {
        limit: settings.queueLimit,
        concurrency: 4,
        perDestination: 2,
        maxAttempts: settings.maxAttempts,
        retryBaseMs: settings.retryBaseMs,
        retryMaxMs: 60_000,
        clock: options.clock,
        warn: options.warn,
        what: { name: 'alert notification' },
      },
    );
  }

  /** Queues the event to the rule's webhook and Slack URLs; returns at once. */
  notify(rule: AlertRule, event: AlertEvent, window: AlertWindow): void {
    const targets: Array<[string | null, () => unknown]> = [
      [rule.webhook_url, () => webhookBody(rule, event, window)],
      [rule.slack_webhook_url, () => ({ text: slackText(rule, event) })],
    ];
    for (const [destination, body] of targets) {
      if (!destination) continue;
      const problem = destinationProblem(destination, this.settings.allowPrivate);
      if (problem) {
        this.warnings.warn(`bad-destination:${rule.id}`, { msg: `alert notification skipped: its URL ${problem}`, alertId: rule.id, destination: destinationOrigin(destination) });
        continue;
      }
      this.queue.add({
        webhookId: rule.id,
        requestId: event.id,
        destination,
        origin: destinationOrigin(destination),
        body: JSON.stringify(body()),
        signature: '',
        tries: 0,
        notBefore: 0,
      });
    }
  }

  /** Resolves when nothing is queued or in flight (tests). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  async stop(): Promise<void> {
    const dropped = this.queue.stop();
    if (dropped > 0) consoleWarn({ msg: `alerts: ${dropped} notifications not yet sent were dropped at shutdown`, dropped });
    await this.pool.destroy().catch(() => undefined);
  }
}
