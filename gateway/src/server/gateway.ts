/**
 * The gateway's long-lived parts, built once at start and passed to every handler: config,
 * provider table, store, log queue, key verifier, and where the cache and rate limits live
 * (in-process by default; in Redis when configured, shared by several instances).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BodyUrlSigner } from '../api/signed-body-url.js';
import { KeyVerifier } from '../auth/gateway-keys.js';
import type { CacheStore } from '../cache/cache-store.js';
import { RedisCacheStore } from '../cache/redis-cache-store.js';
import type { GatewayConfig } from '../config.js';
import { LogQueue } from '../log/log-queue.js';
import { ThreadLogSink } from '../log/thread-log-sink.js';
import { type ProviderResolution, resolveProviders } from '../providers/catalog.js';
import { RateLimiter, setLimiter } from '../rate-limit/limiter.js';
import { RedisRateLimitStore } from '../rate-limit/redis-store.js';
import { RedisConnection } from '../redis/redis-connection.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { isPermanentStoreError } from '../store/store-errors.js';
import { createUpstreamPool } from '../upstream/send.js';
import type { Dispatcher } from 'undici';
import { notifyAfterWrite } from '../log/notify-after-write.js';
import { WebhookService } from '../webhooks/webhook-service.js';
import { webhookSettings } from '../webhooks/webhook-settings.js';
import { createExports, type Exports } from '../exports/exports.js';
import { AlertService } from '../alerts/alert-service.js';
import { alertSettings } from '../alerts/alert-settings.js';

export interface Gateway {
  config: GatewayConfig;
  providers: ReadonlyMap<string, ProviderResolution>;
  /** The log, keys and prompts: the SQLite file, or PostgreSQL. */
  store: Store;
  /** The response cache: the store, or Redis. */
  cache: CacheStore;
  /** The Redis connection for shared state, when configured. */
  redis: RedisConnection | null;
  logQueue: LogQueue;
  keys: KeyVerifier;
  /** Request ids being served now, so a reused Helicone-Request-Id is refused. */
  inFlightIds: Set<string>;
  /** Keep-alive connections to providers. */
  upstreamPool: Dispatcher;
  /** Signs the body links of query rows. */
  bodyUrls: BodyUrlSigner;
  /** Helicone's webhooks: their store, and delivery after each log batch is written. */
  webhooks: WebhookService;
  /** PostHog events and OTLP spans, sent after the answer and after the log write. */
  exports: Exports;
  /** Alert rules, evaluated on a timer (started with the server, stopped on close). */
  alerts: AlertService;
}

/** Chooses where log records go and how many may wait: see LogQueue. */
function createLogQueue(config: GatewayConfig, store: Store, webhooks: WebhookService, exports: Exports): LogQueue {
  const spillPath = join(config.dataDir, 'unwritten-log-records.jsonl');
  const shared = store.kind === 'postgres';
  // SQLite: records are written by a thread of their own (on its own connection), off the event
  // loop. PostgreSQL: the driver's I/O is asynchronous already.
  const sink = shared || config.dbPath === ':memory:' ? store : new ThreadLogSink(config.dbPath);
  return new LogQueue(notifyAfterWrite(notifyAfterWrite(sink, webhooks), exports), {
    batchSize: 2000,
    // A local file answers at once; a database server may be away for a while, and requests must
    // not wait for it: the queue is then a spool of `spoolRecords`.
    ...(shared ? { whenFull: 'drop' as const, maxQueued: config.spoolRecords, onSpoolFull: reportSpool } : {}),
    onError: (error, pending) =>
      console.error(JSON.stringify({ level: 'error', msg: 'log write failed; will retry', pending, error: (error as Error).message })),
    isPermanent: isPermanentStoreError,
    spill: (record, error) => {
      mkdirSync(config.dataDir, { recursive: true });
      appendFileSync(spillPath, `${JSON.stringify({ error: (error as Error).message, record })}\n`);
      console.error(JSON.stringify({ level: 'error', msg: 'log record refused by the store; kept in a file', requestId: record.requestId, file: spillPath, error: (error as Error).message }));
    },
  });
}

function reportSpool({ full, dropped, held }: { full: boolean; dropped: number; held: number }): void {
  if (full) {
    console.error(JSON.stringify({ level: 'error', msg: `log spool full: ${held} records wait for the store; new log records are DROPPED until it answers (raise SWITCHYARD_SPOOL_RECORDS to hold more)` }));
  } else {
    console.error(JSON.stringify({ level: 'warn', msg: `log spool has room again: ${dropped} log records were dropped while it was full`, dropped }));
  }
}

/** Opens the store (migrating it) and builds the rest; the keys are read before it returns. */
export async function createGateway(config: GatewayConfig): Promise<Gateway> {
  const settings = webhookSettings(config);
  const alerts = alertSettings(config);
  const store = await openStore(config);
  const bodyUrls = new BodyUrlSigner();
  const webhooks = new WebhookService(store.sql, bodyUrls, settings);
  const exports = createExports(config, settings.publicUrl);
  const logQueue = createLogQueue(config, store, webhooks, exports);
  const redis = config.redisUrl ? new RedisConnection(config.redisUrl, { prefix: config.redisPrefix }) : null;
  const gateway: Gateway = {
    config,
    providers: resolveProviders(config.env),
    store,
    cache: redis ? new RedisCacheStore(redis) : store,
    redis,
    logQueue,
    keys: new KeyVerifier(store),
    inFlightIds: new Set(),
    upstreamPool: createUpstreamPool(config.upstreamTimeoutMs),
    bodyUrls,
    webhooks,
    exports,
    alerts: new AlertService(store.sql, alerts, { flush: () => logQueue.flush() }),
  };
  if (redis) setLimiter(gateway, new RateLimiter(new RedisRateLimitStore(redis)));
  await gateway.keys.reload();
  return gateway;
}
