/**
 * Sends one attempt upstream over undici's pooled keep-alive connections (or in-process, for
 * adapters that answer themselves), and reads bodies.
 */
import { Agent, type Dispatcher } from 'undici';
import type { AdapterContext, ProviderAdapter, UpstreamRequest, UpstreamResponse } from '../providers/types.js';
import { BodyTooLarge, collectBytes } from './collect-bytes.js';
import { abortSignalOf, type CancelSignal } from '../pipeline/client-signal.js';

/** One pool of keep-alive connections per gateway, closed when the gateway stops. */
export function createUpstreamPool(timeoutMs: number): Dispatcher {
  return new Agent({
    keepAliveTimeout: 30_000,
    connections: 256,
    // Providers can take minutes to produce a long answer (the default is ten minutes); the
    // client's disconnect aborts earlier.
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
}

export async function sendUpstream(
  adapter: ProviderAdapter,
  upstream: UpstreamRequest,
  ctx: AdapterContext,
  signal: CancelSignal,
  dispatcher: Dispatcher,
): Promise<UpstreamResponse> {
  if (adapter.send) return adapter.send(upstream, ctx, abortSignalOf(signal));
  const { origin, path } = originAndPath(upstream.url);
  const response = await dispatcher.request({
    origin,
    path,
    method: 'POST',
    headers: upstream.headers,
    body: upstream.body,
    signal,
  });
  return { status: response.statusCode, headers: response.headers, body: response.body };
}

// undici's request(url) parses the URL on every call; the same few upstream URLs are parsed once.
const parsedUrls = new Map<string, { origin: string; path: string }>();

function originAndPath(url: string): { origin: string; path: string } {
  let parsed = parsedUrls.get(url);
  if (!parsed) {
    const { origin, pathname, search } = new URL(url);
    parsed = { origin, path: pathname + search };
    if (parsedUrls.size >= 1_000) parsedUrls.clear(); // model names reach some paths: keep it bounded
    parsedUrls.set(url, parsed);
  }
  return parsed;
}

export async function readBody(body: AsyncIterable<Uint8Array>, limitBytes = 64 * 1024 * 1024): Promise<string> {
  try {
    return (await collectBytes(body, limitBytes)).toString('utf8');
  } catch (error) {
    if (error instanceof BodyTooLarge) throw new Error(`upstream body larger than ${limitBytes} bytes`);
    throw error;
  }
}
