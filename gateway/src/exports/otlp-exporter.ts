/**
 * Exports the gateway's requests as OTLP spans to a configured OTLP/HTTP JSON endpoint. It is
 * told about each log batch once the store has written it (log/notify-after-write.ts), queues the records
 * (bounded: the oldest dropped past the limit, with a warning) and sends them in batches from a
 * later turn, retried a bounded number of times: neither the log queue nor any request waits.
 * Headers (a collector's token) are sent, never printed; warnings name the endpoint's origin.
 */
import type { Agent } from 'undici';
import type { LogRecord } from '../log/log-record.js';
import type { WrittenListener } from '../log/notify-after-write.js';
import type { Clock } from '../webhooks/delivery-queue.js';
import type { WarnLine } from '../webhooks/throttled-log.js';
import { BatchQueue } from './batch-queue.js';
import { createExportPool, type PostOutcome, postJson } from './post-json.js';
import { type OtlpSpan, spanOf, traceRequestOf } from './otlp-spans.js';
import { settleWithin } from './posthog-exporter.js';
import { ingestedTracePath } from './trace-to-records.js';

export interface OtlpExporterOptions {
  endpoint: string;
  headers: Record<string, string>;
  serviceName?: string;
  version?: string;
  timeoutMs?: number;
  limit?: number;
  maxBatch?: number;
  maxAttempts?: number;
  retryBaseMs?: number;
  clock?: Clock;
  warn?: WarnLine;
  /** Replaces the HTTP POST (unit tests). */
  post?: (body: string) => Promise<PostOutcome>;
}

export class OtlpExporter implements WrittenListener {
  readonly queue: BatchQueue<OtlpSpan>;
  private readonly pool: Agent;

  constructor(options: OtlpExporterOptions) {
    const timeoutMs = options.timeoutMs ?? 10_000;
    // The operator chose the endpoint (a collector is often on this machine): no address rule.
    this.pool = createExportPool(timeoutMs, true);
    const post = options.post ?? ((body: string) => postJson(this.pool, options.endpoint, body, options.headers, timeoutMs));
    const origin = new URL(options.endpoint).origin;
    this.queue = new BatchQueue<OtlpSpan>((batch) => post(traceRequestOf(batch.items, options.serviceName ?? 'switchyard', options.version)), {
      name: 'OTLP',
      limit: options.limit ?? 10_000,
      maxBatch: options.maxBatch ?? 512,
      // One batch at a time keeps a collector's load and the gateway's sockets small.
      concurrency: 1,
      maxAttempts: options.maxAttempts ?? 4,
      retryBaseMs: options.retryBaseMs ?? 1_000,
      retryMaxMs: 30_000,
      describe: () => origin,
      clock: options.clock,
      warn: options.warn,
    });
  }

  notify(records: readonly LogRecord[]): void {
    for (const record of records) {
      // Spans received on /v1/trace/log came from an OpenTelemetry pipeline already; sending them
      // back out would loop if the endpoint leads back to this gateway.
      if (record.path === ingestedTracePath) continue;
      // Held as spans, not records: a span is small, a record carries the bodies.
      this.queue.add('otlp', spanOf(record));
    }
  }

  /** Gives what is queued (the log's last batch included) a bounded moment to go, then stops. */
  async stop(graceMs = 2_000): Promise<void> {
    await settleWithin(this.queue.idle(), graceMs);
    this.queue.stop();
    await this.pool.destroy().catch(() => undefined);
  }
}
