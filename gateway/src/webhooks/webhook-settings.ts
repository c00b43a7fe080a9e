/**
 * Webhook delivery settings, from the environment, checked at start with errors naming the
 * variable. Defaults follow Helicone's documented behaviour (2-minute timeout) and keep memory
 * bounded (at most `queueLimit` deliveries held, each ≤ ~21 KB: bodies are truncated to 10 KB).
 */
import { ConfigError, type GatewayConfig } from '../config.js';

export interface WebhookSettings {
  /** http and private/loopback destinations allowed (SWITCHYARD_WEBHOOK_ALLOW_PRIVATE=1). */
  allowPrivate: boolean;
  /** One delivery attempt's limit, connection to last byte. */
  timeoutMs: number;
  /** Tries per delivery, the first included. */
  maxAttempts: number;
  /** First retry delay; doubles each time up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Deliveries held (queued or waiting for a retry); past it the oldest are dropped. */
  queueLimit: number;
  /** Deliveries in flight at once, and to one destination at once. */
  concurrency: number;
  perDestination: number;
  /** Where links in webhook bodies point (request_response_url); defaults to the listen address. */
  publicUrl: string;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, what: string): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name} must be a positive integer (${what}), got "${raw}"`);
  return value;
}

export function webhookSettings(config: GatewayConfig): WebhookSettings {
  const env = config.env;
  const allow = env.SWITCHYARD_WEBHOOK_ALLOW_PRIVATE;
  if (allow !== undefined && !['', '0', '1', 'true', 'false'].includes(allow)) {
    throw new ConfigError(`SWITCHYARD_WEBHOOK_ALLOW_PRIVATE must be 1 or 0, got "${allow}"`);
  }
  const publicUrl = env.SWITCHYARD_PUBLIC_URL;
  if (publicUrl && !/^https?:$/.test(URL.canParse(publicUrl) ? new URL(publicUrl).protocol : '')) {
    throw new ConfigError(`SWITCHYARD_PUBLIC_URL must be an http(s) URL, e.g. https://gateway.example.com, got "${publicUrl}"`);
  }
  // An unspecified listen address (0.0.0.0, ::) is no address to link to; this machine's is the best guess.
  const host = ['0.0.0.0', '::', '[::]'].includes(config.host) ? '127.0.0.1' : config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
  return {
    allowPrivate: allow === '1' || allow === 'true',
    timeoutMs: positiveInt(env, 'SWITCHYARD_WEBHOOK_TIMEOUT_MS', 120_000, 'milliseconds'),
    maxAttempts: positiveInt(env, 'SWITCHYARD_WEBHOOK_MAX_ATTEMPTS', 5, 'tries per delivery'),
    retryBaseMs: positiveInt(env, 'SWITCHYARD_WEBHOOK_RETRY_BASE_MS', 1_000, 'milliseconds'),
    retryMaxMs: positiveInt(env, 'SWITCHYARD_WEBHOOK_RETRY_MAX_MS', 60_000, 'milliseconds'),
    queueLimit: positiveInt(env, 'SWITCHYARD_WEBHOOK_QUEUE_LIMIT', 2_000, 'deliveries'),
    concurrency: 16,
    perDestination: 4,
    publicUrl: (publicUrl || `http://${host}:${config.port}`).replace(/\/+$/, ''),
  };
}
