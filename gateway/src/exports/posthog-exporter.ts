/**
 * Sends requests that carried Helicone-Posthog-Key to PostHog, after their answer: `capture`
 * only builds the event and queues it; batches go to `<host>/batch/` (PostHog's capture API, one
 * POST per project key and host) from the bounded queue. The key lives only in the queued item
 * and the outgoing body: it is never logged, and warnings name the host's origin only.
 * A client chooses the host, so unless SWITCHYARD_POSTHOG_ALLOW_PRIVATE is set only https hosts
 * that resolve to public addresses are reached.
 */
import type { Agent } from 'undici';
import type { PosthogDestination } from '../contract/helicone-headers.js';
import type { LogRecord } from '../log/log-record.js';
import { isPrivateAddress } from '../webhooks/destination.js';
import type { Clock } from '../webhooks/delivery-queue.js';
import { consoleWarn, ThrottledWarnings, type WarnLine } from '../webhooks/throttled-log.js';
import { BatchQueue } from './batch-queue.js';
import { createExportPool, type PostOutcome, postJson } from './post-json.js';
import { type PosthogEvent, posthogEvent } from './posthog-event.js';

export interface PosthogExporterOptions {
  allowPrivate: boolean;
  /** The gateway's address, for each event's link back to its request. */
  publicUrl: string;
  timeoutMs?: number;
  limit?: number;
  maxAttempts?: number;
  retryBaseMs?: number;
  clock?: Clock;
  warn?: WarnLine;
  /** Replaces the HTTP POST (unit tests). */
  post?: (url: string, body: string) => Promise<PostOutcome>;
}

const localNames = /^(localhost|.*\.localhost|.*\.local|.*\.internal)$/i;

/** Why events cannot go to `host` under this policy, or null. */
export function posthogHostProblem(host: string, allowPrivate: boolean): string | null {
  if (allowPrivate) return null;
  const url = new URL(host);
  if (url.protocol !== 'https:') return 'is not https (set SWITCHYARD_POSTHOG_ALLOW_PRIVATE=1 to allow http and private hosts)';
  const name = url.hostname.replace(/^\[|\]$/g, '');
  if (localNames.test(name) || isPrivateAddress(name)) return 'is a private or loopback host (set SWITCHYARD_POSTHOG_ALLOW_PRIVATE=1 to allow it)';
  return null;
}

/** Queue groups are "<host> <key>"; only the host part is ever shown. */
const originOf = (group: string): string => new URL(group.slice(0, group.indexOf(' '))).origin;

export class PosthogExporter {
  readonly queue: BatchQueue<PosthogEvent>;
  private readonly pool: Agent;
  private readonly warnings: ThrottledWarnings;

  constructor(private readonly options: PosthogExporterOptions) {
    const timeoutMs = options.timeoutMs ?? 10_000;
    this.pool = createExportPool(timeoutMs, options.allowPrivate);
    const post = options.post ?? ((url: string, body: string) => postJson(this.pool, url, body, {}, timeoutMs));
    this.warnings = new ThrottledWarnings(options.warn ?? consoleWarn, () => (options.clock ?? { now: Date.now }).now());
    this.queue = new BatchQueue<PosthogEvent>(
      (batch) => {
        const at = batch.group.indexOf(' ');
        const host = batch.group.slice(0, at);
        return post(`${host}/batch/`, JSON.stringify({ api_key: batch.group.slice(at + 1), batch: batch.items }));
      },
      {
        name: 'PostHog',
        limit: options.limit ?? 5_000,
        maxBatch: 100,
        concurrency: 4,
        maxAttempts: options.maxAttempts ?? 3,
        retryBaseMs: options.retryBaseMs ?? 1_000,
        retryMaxMs: 30_000,
        describe: originOf,
        // A host with its path prefix is one PostHog (several may share an origin behind a proxy).
        destinationOf: (group) => group.slice(0, group.indexOf(' ')),
        clock: options.clock,
        warn: options.warn,
      },
    );
  }

  /** Queues the request's event; never throws, never waits. */
  capture(record: LogRecord, destination: PosthogDestination): void {
    try {
      const problem = posthogHostProblem(destination.host, this.options.allowPrivate);
      if (problem) {
        this.warnings.warn(`refused:${new URL(destination.host).origin}`, { msg: `PostHog export skipped: Helicone-Posthog-Host ${problem}`, destination: new URL(destination.host).origin, requestId: record.requestId });
        return;
      }
      const event = posthogEvent(record, `${this.options.publicUrl}/v1/request/${record.requestId}`);
      this.queue.add(`${destination.host} ${destination.apiKey}`, event);
    } catch (error) {
      this.warnings.warn('capture-failed', { msg: 'PostHog export: an event could not be built', requestId: record.requestId, error: (error as Error)?.name });
    }
  }

  /** Gives what is queued a bounded moment to go, then stops. */
  async stop(graceMs = 2_000): Promise<void> {
    await settleWithin(this.queue.idle(), graceMs);
    this.queue.stop();
    // Past the grace, a send still in flight is abandoned rather than waited for.
    await this.pool.destroy().catch(() => undefined);
  }
}

/** Waits for `promise`, at most `ms`. */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
