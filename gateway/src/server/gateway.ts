/**
 * The gateway's long-lived parts, built once at start and passed to every handler: config,
 * provider table, store, log queue, key verifier, and where the cache and rate limits live
 * (in-process by default; in Redis when configured, shared by several instances).
 */
import { appendFileSync } from 'node:fs';
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
import { SqliteStore } from '../store/sqlite-store.js';
import { createUpstreamPool } from '../upstream/send.js';
import type { Dispatcher } from 'undici';

export interface Gateway {
  config: GatewayConfig;
  providers: ReadonlyMap<string, ProviderResolution>;
  store: SqliteStore;
  /** The response cache: the SQLite store, or Redis. */
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
}

/** Errors that writing the same record again cannot fix: a constraint, a value SQLite cannot bind. */
function isPermanentStoreError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') return code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG';
  // A record the writer thread cannot be sent (DataCloneError) would fail the same way every time.
  return error instanceof TypeError || error instanceof RangeError || (error as Error)?.name === 'DataCloneError';
}

export function createGateway(config: GatewayConfig): Gateway {
  const store = new SqliteStore(config.dbPath);
  const spillPath = join(config.dataDir, 'unwritten-log-records.jsonl');
  // Log records are written by a thread of their own (on its own connection), off the event loop.
  const sink = config.dbPath === ':memory:' ? store : new ThreadLogSink(config.dbPath);
  const logQueue = new LogQueue(sink, {
    batchSize: 2000,
    onError: (error, pending) =>
      console.error(JSON.stringify({ level: 'error', msg: 'log write failed; will retry', pending, error: (error as Error).message })),
    isPermanent: isPermanentStoreError,
    spill: (record, error) => {
      appendFileSync(spillPath, `${JSON.stringify({ error: (error as Error).message, record })}\n`);
      console.error(JSON.stringify({ level: 'error', msg: 'log record refused by the store; kept in a file', requestId: record.requestId, file: spillPath, error: (error as Error).message }));
    },
  });
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
    bodyUrls: new BodyUrlSigner(),
  };
  if (redis) setLimiter(gateway, new RateLimiter(new RedisRateLimitStore(redis)));
  return gateway;
}
