/**
 * One export attempt: POST a JSON body with undici over the exports' own connection pool (never
 * the providers'), within a time limit. It never throws, and its reasons never carry the URL's
 * path or the headers: PostHog keys travel in bodies and OTLP tokens in headers, and reasons are
 * printed.
 */
import { Agent, type Dispatcher, request } from 'undici';
import { publicOnlyLookup } from '../webhooks/destination.js';

export interface PostOutcome {
  ok: boolean;
  /** Why it failed: "HTTP 503", "timeout", the network error's code. */
  reason?: string;
  /** Worth trying again: a network failure, a timeout, 408, 429 or 5xx (not a 4xx refusal of the content). */
  retryable?: boolean;
}

export function createExportPool(timeoutMs: number, allowPrivate: boolean): Agent {
  return new Agent({
    keepAliveTimeout: 10_000,
    connections: 4,
    connectTimeout: Math.min(timeoutMs, 10_000),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    // A client picks the PostHog host: names resolving to private addresses are refused at connect time unless allowed.
    ...(allowPrivate ? {} : { connect: { lookup: publicOnlyLookup } }),
  });
}

export async function postJson(dispatcher: Dispatcher, url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostOutcome> {
  try {
    const response = await request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'switchyard-exports' },
      body,
      dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The answer is not used, but it must be read (or dropped) to free the connection.
    await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    const status = response.statusCode;
    if (status >= 200 && status < 300) return { ok: true };
    return { ok: false, reason: `HTTP ${status}`, retryable: status === 408 || status === 429 || status >= 500 };
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError' || name === 'HeadersTimeoutError' || name === 'BodyTimeoutError') return { ok: false, reason: 'timeout', retryable: true };
    const code = (error as NodeJS.ErrnoException)?.code;
    return { ok: false, reason: code ?? (error as Error)?.name ?? 'network error', retryable: true };
  }
}
