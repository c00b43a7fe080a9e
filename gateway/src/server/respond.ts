import type { ServerResponse } from 'node:http';
import type { GatewayError } from '../contract/errors.js';

export function sendJson(res: ServerResponse, status: number, body: string | object, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** How an error body is written: OpenAI's shape, Helicone's envelope, or a client API's own. */
export type ErrorShape = 'openai' | 'envelope' | ((error: GatewayError) => object);

/**
 * Answers an error as JSON, in OpenAI's shape (`{error: {message, …}}`), Helicone's envelope
 * (`{data: null, error: "…"}`) or the shape a function gives (Anthropic's); when a stream has
 * already begun, as a final error event.
 */
export function sendError(res: ServerResponse, error: GatewayError, headers: Record<string, string> = {}, shape: ErrorShape = 'openai'): void {
  if (res.destroyed || res.writableEnded) return;
  if (res.headersSent) {
    res.end(`data: ${JSON.stringify(error.toBody())}\n\n`);
    return;
  }
  const body = typeof shape === 'function' ? shape(error) : shape === 'openai' ? error.toBody() : { data: null, error: error.message };
  sendJson(res, error.status, body, headers);
}
