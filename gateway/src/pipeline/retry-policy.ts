/**
 * Helicone's retries: `Helicone-Retry-Enabled: true` retries one attempt (one provider) with
 * exponential backoff before the gateway fails over to the next attempt. The delay before retry i
 * (0-based) is min(maxTimeout, minTimeout * factor^i); a provider's `Retry-After` (seconds or an
 * HTTP date) is used instead, capped at maxTimeout. Defaults are Helicone's: 5 / 2 / 1000 / 10000.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { HeaderError } from '../contract/helicone-headers.js';

export interface RetryPolicy {
  /** Retries after the first try of one attempt (0..10). */
  retries: number;
  /** Backoff multiplier (≥ 1). */
  factor: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
}

export const retryHeaders = {
  enabled: 'helicone-retry-enabled',
  num: 'helicone-retry-num',
  factor: 'helicone-retry-factor',
  minTimeout: 'helicone-retry-min-timeout',
  maxTimeout: 'helicone-retry-max-timeout',
} as const;

export const defaultRetryPolicy: Readonly<RetryPolicy> = { retries: 5, factor: 2, minTimeoutMs: 1000, maxTimeoutMs: 10_000 };

export const maxRetries = 10;

type RawHeaders = Record<string, string | string[] | undefined>;

/** One value; repeated headers are refused, as for the other Helicone headers. */
function single(headers: RawHeaders, name: string, label: string): string | undefined {
  let value = headers[name];
  if (Array.isArray(value)) {
    if (value.length > 1) throw new HeaderError(label, `${label} was sent more than once; send it once`);
    value = value[0];
  }
  return value?.trim();
}

const integerPattern = /^\d+$/;
const decimalPattern = /^(\d+(\.\d*)?|\.\d+)$/;

function numberHeader(headers: RawHeaders, name: string, label: string, integer: boolean): number | undefined {
  const value = single(headers, name, label);
  if (value === undefined) return undefined;
  if (!(integer ? integerPattern : decimalPattern).test(value)) {
    const kind = integer ? 'a whole number' : 'a non-negative number';
    throw new HeaderError(label, `${label} must be ${kind}, got "${value}"`);
  }
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new HeaderError(label, `${label} is too large, got "${value}"`);
  return parsed;
}

/**
 * The retry policy the request asks for, or undefined when `Helicone-Retry-Enabled` is absent or
 * "false" (the other retry headers are then ignored, as Helicone does). Invalid values are a
 * HeaderError naming the header. Pass Node's `req.headersDistinct` (lowercased names).
 */
export function parseRetryPolicy(headers: RawHeaders): RetryPolicy | undefined {
  const enabled = headers[retryHeaders.enabled];
  if (enabled === undefined) return undefined;
  const flag = single(headers, retryHeaders.enabled, 'Helicone-Retry-Enabled') ?? '';
  if (flag.toLowerCase() === 'false') return undefined;
  if (flag.toLowerCase() !== 'true') throw new HeaderError('Helicone-Retry-Enabled', `Helicone-Retry-Enabled must be "true" or "false", got "${flag}"`);

  const retries = numberHeader(headers, retryHeaders.num, 'Helicone-Retry-Num', true) ?? defaultRetryPolicy.retries;
  if (retries > maxRetries) throw new HeaderError('Helicone-Retry-Num', `Helicone-Retry-Num must be at most ${maxRetries}, got ${retries}`);
  const factor = numberHeader(headers, retryHeaders.factor, 'Helicone-Retry-Factor', false) ?? defaultRetryPolicy.factor;
  if (factor < 1) throw new HeaderError('Helicone-Retry-Factor', `Helicone-Retry-Factor must be at least 1, got ${factor}`);
  const minSent = numberHeader(headers, retryHeaders.minTimeout, 'Helicone-Retry-Min-Timeout', false);
  const maxSent = numberHeader(headers, retryHeaders.maxTimeout, 'Helicone-Retry-Max-Timeout', false);
  const minTimeoutMs = minSent ?? defaultRetryPolicy.minTimeoutMs;
  const maxTimeoutMs = maxSent ?? defaultRetryPolicy.maxTimeoutMs;
  if (minTimeoutMs > maxTimeoutMs) {
    // Name the header the client sent; when both were sent, the minimum.
    const label = minSent === undefined ? 'Helicone-Retry-Max-Timeout' : 'Helicone-Retry-Min-Timeout';
    const note = (sent: number | undefined) => (sent === undefined ? ', the default' : '');
    throw new HeaderError(
      label,
      `Helicone-Retry-Min-Timeout (${minTimeoutMs} ms${note(minSent)}) must not be greater than Helicone-Retry-Max-Timeout (${maxTimeoutMs} ms${note(maxSent)})`,
    );
  }
  return { retries, factor, minTimeoutMs, maxTimeoutMs };
}

/** Whether a failed try is worth repeating: network errors (status 0), 429 and 5xx. */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 429 || status >= 500;
}

/**
 * A `Retry-After` value in ms: delay-seconds, or an HTTP date (a past date is 0). Undefined when
 * absent or unreadable.
 */
export function parseRetryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw) return undefined;
  if (decimalPattern.test(raw)) {
    const seconds = Number(raw);
    return Number.isFinite(seconds) ? Math.round(seconds * 1000) : undefined;
  }
  // Only dates with letters in them (e.g. "Wed, 21 Oct 2015 07:28:00 GMT"): "-5" or "1e3" are not dates.
  if (!/[a-z]/i.test(raw)) return undefined;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * The wait before retry `retryIndex` (0-based): min(maxTimeout, minTimeout * factor^i), or the
 * provider's Retry-After when it gave a readable one, capped at maxTimeout.
 */
export function retryDelayMs(policy: RetryPolicy, retryIndex: number, retryAfter?: string | string[], now = Date.now()): number {
  const fromHeader = parseRetryAfterMs(retryAfter, now);
  if (fromHeader !== undefined) return Math.min(policy.maxTimeoutMs, fromHeader);
  return Math.min(policy.maxTimeoutMs, policy.minTimeoutMs * policy.factor ** retryIndex);
}

/** Waits `ms`; rejects (with the signal's reason) as soon as the signal aborts. */
export async function backoff(ms: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  if (ms <= 0) return;
  await sleep(ms, undefined, { signal });
}
