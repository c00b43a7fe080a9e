/**
 * `Helicone-RateLimit-Policy: quota;w=seconds[;u=request|cents][;s=user|<property>]`: parsing and
 * re-serialising. Parameters are positional, as upstream Helicone's parser requires.
 */
import { HeaderError } from '../contract/helicone-headers.js';

export const policyHeader = 'Helicone-RateLimit-Policy';
export const minWindowSeconds = 60;
export const maxWindowSeconds = 31_536_000;

export type RateLimitUnit = 'request' | 'cents';

export interface RateLimitPolicy {
  /** Requests, or cents when `unit` is `cents`, allowed per window. */
  quota: number;
  windowSeconds: number;
  unit: RateLimitUnit;
  /** `undefined`: global; `'user'`: per Helicone-User-Id; otherwise a property name, as written. */
  segment?: string;
}

// [UPSTREAM] Helicone's regex.
const policyPattern = /^(\d+(?:\.\d+)?);w=(\d+)(?:;u=(request|cents))?(?:;s=([\w-]+))?$/i;
const grammar = 'Expected "[quota];w=[window]" with optional ";u=[unit]" and ";s=[segment]", e.g. "100;w=3600;u=request;s=user" (quota > 0, window 60..31536000 seconds, unit request or cents, segment "user" or a property name)';

export function parsePolicy(value: string): RateLimitPolicy {
  const match = policyPattern.exec(value.trim());
  if (!match) throw new HeaderError(policyHeader, `Invalid ${policyHeader} "${value}". ${grammar}`);
  const quota = Number(match[1]);
  const windowSeconds = Number(match[2]);
  if (!(quota > 0)) throw new HeaderError(policyHeader, `${policyHeader} quota must be greater than 0, got "${match[1]}". ${grammar}`);
  if (windowSeconds < minWindowSeconds) {
    throw new HeaderError(policyHeader, `${policyHeader} window must be at least ${minWindowSeconds} seconds, got ${windowSeconds}. ${grammar}`);
  }
  if (windowSeconds > maxWindowSeconds) {
    throw new HeaderError(policyHeader, `${policyHeader} window must be at most ${maxWindowSeconds} seconds, got ${windowSeconds}. ${grammar}`);
  }
  const unit = (match[3]?.toLowerCase() ?? 'request') as RateLimitUnit;
  const segment = match[4];
  return { quota, windowSeconds, unit, ...(segment !== undefined ? { segment } : {}) };
}

/** [UPSTREAM] re-serialisation: `u=` omitted when request, `s=` omitted when global. */
export function formatPolicy(policy: RateLimitPolicy): string {
  let text = `${formatAmount(policy.quota)};w=${policy.windowSeconds}`;
  if (policy.unit !== 'request') text += `;u=${policy.unit}`;
  if (policy.segment !== undefined) text += `;s=${policy.segment}`;
  return text;
}

/** A quota or remaining amount for a header: at most 6 decimals, no trailing zeros. */
export function formatAmount(amount: number): string {
  return String(Number(amount.toFixed(6)));
}
