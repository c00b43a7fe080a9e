/**
 * The cache key, after Helicone's formula (spec §3.1):
 * sha256(seed + path + bodyText + JSON.stringify(headers) + (idx >= 1 ? String(idx) : "")).
 */
import { createHash } from 'node:crypto';
import type { CachePolicy } from './cache-policy.js';

/** The body text that enters the key: the listed top-level keys removed (JSON objects only). */
export function keyedBodyText(bodyText: string, ignoreKeys: readonly string[]): string {
  if (ignoreKeys.length === 0) return bodyText;
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return bodyText;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return bodyText;
  const copy = { ...(parsed as Record<string, unknown>) };
  for (const key of ignoreKeys) delete copy[key];
  return JSON.stringify(copy);
}

export function cacheKey(policy: Pick<CachePolicy, 'seed' | 'ignoreKeys' | 'keyHeaders'>, path: string, bodyText: string, bucketIdx: number): string {
  return createHash('sha256')
    .update(policy.seed)
    .update(path)
    .update(keyedBodyText(bodyText, policy.ignoreKeys))
    .update(JSON.stringify(policy.keyHeaders))
    .update(bucketIdx >= 1 ? String(bucketIdx) : '')
    .digest('hex');
}
