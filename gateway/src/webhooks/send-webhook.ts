/**
 * One delivery attempt: POST the signed body with undici, over the webhooks' own connection pool
 * (never the providers'), within the timeout. It never throws: the outcome says whether the
 * destination took it (2xx) and, if not, why.
 */
import { Agent, type Dispatcher, request } from 'undici';
import { publicOnlyLookup } from './destination.js';
import { signatureHeader } from './signature.js';

export interface DeliveryOutcome {
  ok: boolean;
  /** Why it failed: "HTTP 503", "timeout", the network error's message. */
  reason?: string;
}

export function createWebhookPool(timeoutMs: number, allowPrivate: boolean): Agent {
  return new Agent({
    keepAliveTimeout: 10_000,
    connections: 8,
    connectTimeout: Math.min(timeoutMs, 10_000),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    // Names resolving to private addresses are refused at connect time unless allowed.
    ...(allowPrivate ? {} : { connect: { lookup: publicOnlyLookup } }),
  });
}

export async function sendWebhook(
  dispatcher: Dispatcher,
  destination: string,
  body: string,
  signature: string,
  timeoutMs: number,
): Promise<DeliveryOutcome> {
  try {
    const response = await request(destination, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [signatureHeader]: signature, 'user-agent': 'switchyard-webhooks' },
      body,
      dispatcher,
      // The whole attempt, including a body that trickles in; the pool's timeouts cover idle gaps.
      signal: AbortSignal.timeout(timeoutMs),
      // undici follows no redirect here: a 3xx is a failed delivery, never a hop to another host.
    });
    // The answer's body is not used, but it must be read (or dropped) to free the connection.
    await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true };
    return { ok: false, reason: `HTTP ${response.statusCode}` };
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError' || name === 'HeadersTimeoutError' || name === 'BodyTimeoutError') return { ok: false, reason: 'timeout' };
    return { ok: false, reason: (error as Error)?.message ?? String(error) };
  }
}
