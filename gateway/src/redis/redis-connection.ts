/**
 * One ioredis client per gateway, set up to fail fast: no offline queue (a command while
 * disconnected fails at once), no resend after a disconnect, a short command timeout, and a
 * short pause after a timeout so that a hung Redis costs one request a timeout, not every one.
 * ioredis keeps reconnecting in the background; commands work again as soon as it is ready.
 */
import { createRequire } from 'node:module';
import type { Redis, RedisOptions } from 'ioredis';
import { FailureReport } from './failure-report.js';
import { SharedStateUnavailable } from './shared-state-unavailable.js';

export interface RedisConnectionOptions {
  /** Prepended to every key, e.g. "switchyard:". */
  prefix: string;
  commandTimeoutMs?: number;
  /** After a timed-out command, fail at once for this long. */
  pauseAfterTimeoutMs?: number;
  report?: FailureReport;
}

/** Our own timeout (not ioredis's): see `bounded`. */
class CommandTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

// Loaded on first use: ioredis takes ~50 ms to import, which a single instance should not pay.
const require = createRequire(import.meta.url);

export class RedisConnection {
  readonly client: Redis;
  readonly prefix: string;
  readonly report: FailureReport;
  private readonly commandTimeoutMs: number;
  private readonly pauseAfterTimeoutMs: number;
  private pausedUntil = 0;

  constructor(url: string, options: RedisConnectionOptions) {
    this.prefix = options.prefix;
    this.commandTimeoutMs = options.commandTimeoutMs ?? 50;
    this.pauseAfterTimeoutMs = options.pauseAfterTimeoutMs ?? 1_000;
    this.report = options.report ?? new FailureReport({ subject: 'Redis (shared cache and rate limits)' });
    const { Redis: RedisClient } = require('ioredis') as typeof import('ioredis');
    const clientOptions: RedisOptions = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      // A backstop that clears commands a hung Redis never answers; requests stop waiting at `bounded`.
      commandTimeout: 1_000,
      connectTimeout: 1_000,
      // Reconnect forever, at least once a second, so recovery needs no restart.
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    };
    this.client = new RedisClient(url, clientOptions);
    this.client.on('error', (error: unknown) => this.report.failure('connection', error));
    this.client.on('ready', () => this.report.recovered());
  }

  /** Runs commands when Redis is usable; otherwise, or when they fail, throws SharedStateUnavailable. */
  async run<T>(operation: string, commands: (client: Redis) => Promise<T>): Promise<T> {
    let cause: unknown;
    if (this.client.status !== 'ready') cause = new Error(`not connected (${this.client.status})`);
    else if (Date.now() < this.pausedUntil) cause = new Error('paused after a command timed out');
    else {
      try {
        const result = await this.bounded(commands(this.client));
        // A Redis that hung and resumed never reconnects: its first answer is the recovery.
        if (this.report.failing) this.report.recovered();
        return result;
      } catch (error) {
        if (error instanceof CommandTimeout) this.pausedUntil = Date.now() + this.pauseAfterTimeoutMs;
        cause = error;
      }
    }
    this.report.failure(operation, cause);
    throw new SharedStateUnavailable(operation, cause);
  }

  /**
   * Rejects with CommandTimeout when `work` has no answer after the timeout. When the timer fires
   * late because this process was busy, the answer may be waiting unread on the socket: it gets
   * the rest of the event loop's turn (setImmediate runs after I/O is read), so our own lag is
   * not taken for a slow Redis.
   */
  private bounded<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        finish();
      };
      const timer = setTimeout(() => setImmediate(() => settle(() => reject(new CommandTimeout(this.commandTimeoutMs)))), this.commandTimeoutMs);
      work.then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => settle(() => reject(error)),
      );
    });
  }

  /** Resolves true once connected, false on the first failure or after `timeoutMs`: start-up never waits long. */
  ready(timeoutMs = 2_000): Promise<boolean> {
    if (this.client.status === 'ready') return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (result: boolean) => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        this.client.off('error', onError);
        resolve(result);
      };
      const onReady = () => done(true);
      const onError = () => done(false);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.client.once('ready', onReady);
      this.client.once('error', onError);
    });
  }

  async close(): Promise<void> {
    if (this.client.status === 'ready') {
      try {
        await this.client.quit();
        return;
      } catch {
        // fall through to a hard disconnect
      }
    }
    this.client.disconnect();
  }
}

export { redactUrl as redactRedisUrl } from '../redact-url.js';
