/**
 * Helicone's cache headers (spec §1.1, §3.1) → one typed policy, or null when caching is off.
 * Only read when a `helicone-cache-*` header is present, so requests without them do no work.
 */
import { HeaderError } from '../contract/helicone-headers.js';

export const cacheHeaders = {
  enabled: 'helicone-cache-enabled',
  save: 'helicone-cache-save',
  read: 'helicone-cache-read',
  bucketMaxSize: 'helicone-cache-bucket-max-size',
  seed: 'helicone-cache-seed',
  ignoreKeys: 'helicone-cache-ignore-keys',
  cacheControl: 'cache-control',
  /** Response headers. */
  status: 'helicone-cache',
  bucketIdx: 'helicone-cache-bucket-idx',
} as const;

export const defaultTtlSeconds = 604_800; // 7 days
export const maxTtlSeconds = 31_536_000; // 365 days
export const maxBucketSize = 20;

export interface CachePolicy {
  /** Write misses to the cache (`enabled || save`). */
  save: boolean;
  /** Serve hits from the cache (`enabled || read`). */
  read: boolean;
  bucketSize: number;
  ttlSeconds: number;
  seed: string;
  ignoreKeys: string[];
  /** The headers that enter the key: `helicone-cache*`, `helicone-auth`, `authorization`, sorted by name. */
  keyHeaders: Array<[string, string]>;
}

type RawHeaders = Record<string, string | string[] | undefined>;

function value(headers: RawHeaders, name: string): string | undefined {
  const raw = headers[name];
  if (raw === undefined) return undefined;
  return Array.isArray(raw) ? raw.join(', ') : raw;
}

const flag = (headers: RawHeaders, name: string) => value(headers, name)?.trim().toLowerCase() === 'true';

/** TTL from Cache-Control: s-maxage wins over max-age; default 7 days; clamped to 365 days. */
export function parseTtlSeconds(cacheControl: string | undefined): number {
  if (!cacheControl) return defaultTtlSeconds;
  let maxAge: number | undefined;
  let sMaxAge: number | undefined;
  for (const directive of cacheControl.split(',')) {
    const match = /^\s*(s-maxage|max-age)\s*=\s*"?(\d+)"?\s*$/i.exec(directive);
    if (!match) continue;
    const seconds = Number(match[2]);
    if (match[1]!.toLowerCase() === 's-maxage') sMaxAge = seconds;
    else maxAge = seconds;
  }
  const ttl = sMaxAge ?? maxAge ?? defaultTtlSeconds;
  return Math.min(ttl, maxTtlSeconds);
}

export function parseBucketSize(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 1;
  if (!/^\s*\d+\s*$/.test(raw)) {
    throw new HeaderError('Helicone-Cache-Bucket-Max-Size', 'Helicone-Cache-Bucket-Max-Size must be a whole number from 1 to 20');
  }
  const size = Number(raw);
  if (size > maxBucketSize) throw new HeaderError('Helicone-Cache-Bucket-Max-Size', 'Cache bucket size cannot be greater than 20');
  return Math.max(1, size);
}

/** Google OAuth access tokens change every hour: upstream leaves them out of the key. */
const isGoogleToken = (authorization: string) => /^bearer\s+ya29\./i.test(authorization.trim());

/** The cache policy of a request, or null when neither enabled, save nor read is "true". */
export function parseCachePolicy(headers: RawHeaders): CachePolicy | null {
  const enabled = flag(headers, cacheHeaders.enabled);
  const save = enabled || flag(headers, cacheHeaders.save);
  const read = enabled || flag(headers, cacheHeaders.read);
  if (!save && !read) return null;
  const keyHeaders: Array<[string, string]> = [];
  for (const name of Object.keys(headers).sort()) {
    const lower = name.toLowerCase();
    if (!(lower.startsWith('helicone-cache') || lower === 'helicone-auth' || lower === 'authorization')) continue;
    const text = value(headers, name);
    if (text === undefined) continue;
    if (lower === 'authorization' && isGoogleToken(text)) continue;
    keyHeaders.push([lower, text]);
  }
  return {
    save,
    read,
    bucketSize: parseBucketSize(value(headers, cacheHeaders.bucketMaxSize)),
    ttlSeconds: parseTtlSeconds(value(headers, cacheHeaders.cacheControl)),
    seed: value(headers, cacheHeaders.seed) ?? '',
    ignoreKeys: (value(headers, cacheHeaders.ignoreKeys) ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean),
    keyHeaders,
  };
}

/** Cheap test for the hot path: any header that could turn caching on. */
export function mayUseCache(headers: RawHeaders): boolean {
  return headers[cacheHeaders.enabled] !== undefined || headers[cacheHeaders.save] !== undefined || headers[cacheHeaders.read] !== undefined;
}
