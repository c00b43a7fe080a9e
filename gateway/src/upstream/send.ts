/**
 * Sends one attempt upstream over undici's pooled keep-alive connections (or in-process, for
 * adapters that answer themselves), and reads bodies.
 */
import { Agent, type Dispatcher, request } from 'undici';
import type { AdapterContext, ProviderAdapter, UpstreamRequest, UpstreamResponse } from '../providers/types.js';

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
  signal: AbortSignal,
  dispatcher: Dispatcher,
): Promise<UpstreamResponse> {
  if (adapter.send) return adapter.send(upstream, ctx, signal);
  const response = await request(upstream.url, {
    method: 'POST',
    headers: upstream.headers,
    body: upstream.body,
    signal,
    dispatcher,
  });
  return { status: response.statusCode, headers: response.headers, body: response.body };
}

export async function readBody(body: AsyncIterable<Uint8Array>, limitBytes = 64 * 1024 * 1024): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of body) {
    size += part.byteLength;
    if (size > limitBytes) throw new Error(`upstream body larger than ${limitBytes} bytes`);
    parts.push(Buffer.from(part.buffer, part.byteOffset, part.byteLength));
  }
  return Buffer.concat(parts).toString('utf8');
}
