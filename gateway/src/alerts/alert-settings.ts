/**
 * Alert settings, from the environment, checked at start with errors naming the variable.
 * Notification URLs are chosen by key holders, so they follow the webhooks' destination rules:
 * public https only, unless SWITCHYARD_ALERT_ALLOW_PRIVATE=1 (or, when that is unset,
 * SWITCHYARD_WEBHOOK_ALLOW_PRIVATE=1, which already trusts key holders with local receivers).
 */
import { ConfigError, type GatewayConfig } from '../config.js';

export interface AlertSettings {
  /** How often every rule is evaluated; 0 turns the timer off (evaluation on demand only). */
  intervalMs: number;
  allowPrivate: boolean;
  /** One notification attempt's limit. */
  timeoutMs: number;
  /** Tries per notification, the first included. */
  maxAttempts: number;
  retryBaseMs: number;
  /** Notifications held; past it the oldest are dropped. */
  queueLimit: number;
}

function nonNegativeInt(env: NodeJS.ProcessEnv, name: string, fallback: number, what: string, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be an integer of at least ${min} (${what}), got "${raw}"`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!['0', '1', 'true', 'false'].includes(raw)) throw new ConfigError(`${name} must be 1 or 0, got "${raw}"`);
  return raw === '1' || raw === 'true';
}

export function alertSettings(config: GatewayConfig): AlertSettings {
  const env = config.env;
  return {
    intervalMs: nonNegativeInt(env, 'SWITCHYARD_ALERT_INTERVAL_MS', 10_000, 'milliseconds between evaluations; 0 for none'),
    allowPrivate: flag(env, 'SWITCHYARD_ALERT_ALLOW_PRIVATE') ?? flag(env, 'SWITCHYARD_WEBHOOK_ALLOW_PRIVATE') ?? false,
    timeoutMs: nonNegativeInt(env, 'SWITCHYARD_ALERT_TIMEOUT_MS', 10_000, 'milliseconds', 1),
    maxAttempts: nonNegativeInt(env, 'SWITCHYARD_ALERT_MAX_ATTEMPTS', 4, 'tries per notification', 1),
    retryBaseMs: nonNegativeInt(env, 'SWITCHYARD_ALERT_RETRY_BASE_MS', 1_000, 'milliseconds', 1),
    queueLimit: 500,
  };
}
