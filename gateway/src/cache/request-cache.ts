/**
 * The cache as the chat completions pipeline uses it: policy from the headers (400 on a bad one),
 * lookup and save failing open, the HIT answer and the response headers.
 */
import type { ServerResponse } from 'node:http';
import type { ChatCompletion } from '../contract/chat.js';
import type { RequestLog, Outcome } from '../pipeline/request-log.js';
import type { StreamEncoder } from '../pipeline/client-dialect.js';
import { sendJson } from '../server/respond.js';
import { completionChunks } from './completion-chunks.js';
import { cacheHeaders, type CachePolicy, mayUseCache, parseCachePolicy } from './cache-policy.js';
import type { CacheStore } from './cache-store.js';
import { type CacheDeps, cacheFailed, lookupCache, saveToCache } from './response-cache.js';

type RawHeaders = Record<string, string | string[] | undefined>;

export interface RequestCache {
  deps: CacheDeps;
  policy: CachePolicy;
  path: string;
  bodyText: string;
  /** Slot to save a miss into; null when nothing is to be saved. */
  saveSlot: number | null;
  hit?: { slot: number; body: string; completion: ChatCompletion };
}

/** Null without cache headers (no work); 400 on a bad one. */
export function cachePolicyOf(headers: RawHeaders): CachePolicy | null {
  if (!mayUseCache(headers)) return null;
  return parseCachePolicy(headers);
}

/** `decode` reads a stored answer (in the client's format) as a completion, for the log. */
export async function openRequestCache(
  store: CacheStore,
  policy: CachePolicy,
  path: string,
  bodyText: string,
  requestId: string,
  decode: (text: string) => ChatCompletion,
): Promise<RequestCache> {
  const cache: RequestCache = { deps: { store }, policy, path, bodyText, saveSlot: null };
  try {
    const lookup = await lookupCache(cache.deps, policy, path, bodyText);
    if (lookup.hit) {
      cache.hit = { slot: lookup.slot, body: lookup.body, completion: decode(lookup.body) };
    } else if (policy.save) {
      cache.saveSlot = lookup.emptySlot;
    }
  } catch (error) {
    cacheFailed('lookup', requestId, error);
  }
  return cache;
}

/**
 * Answers a HIT: the stored answer, priced as the first attempt would have been, cost 0 logged.
 * A streamed request gets it as a stream (`replay` writes the client's events), whole at once.
 */
export function answerFromCache(
  cache: RequestCache & { hit: NonNullable<RequestCache['hit']> },
  res: ServerResponse,
  log: RequestLog,
  firstAttempt: { provider: string; model: string } | undefined,
  headers: Record<string, string>,
  replay?: StreamEncoder,
): Outcome {
  log.cacheHit = true;
  log.provider = firstAttempt?.provider ?? null;
  log.answeredModel = firstAttempt?.model ?? null;
  const hitHeaders = { ...headers, [cacheHeaders.status]: 'HIT', [cacheHeaders.bucketIdx]: String(cache.hit.slot) };
  if (!replay) {
    sendJson(res, 200, cache.hit.body, hitHeaders);
    return { status: 200, completion: cache.hit.completion, responseText: cache.hit.body };
  }
  res.writeHead(200, { ...hitHeaders, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  log.markFirstToken();
  res.end(completionChunks(cache.hit.completion).map((chunk) => replay.chunk(chunk)).join('') + replay.end());
  return { status: 200, completion: cache.hit.completion };
}

export async function saveMiss(cache: RequestCache, answerText: string, requestId: string): Promise<void> {
  if (cache.saveSlot === null) return;
  try {
    await saveToCache(cache.deps, cache.policy, cache.path, cache.bodyText, cache.saveSlot, answerText);
  } catch (error) {
    cacheFailed('save', requestId, error);
  }
}

export const cacheMissHeaders = { [cacheHeaders.status]: 'MISS' } as const;
