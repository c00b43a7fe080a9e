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

/**
 * Answers an error as JSON, in OpenAI's shape (`{error: {message, …}}`) or Helicone's envelope
 * (`{data: null, error: "…"}`); when a stream has already begun, as a final error event.
 */
export function sendError(res: ServerResponse, error: GatewayError, headers: Record<string, string> = {}, shape: 'openai' | 'envelope' = 'openai'): void {
  if (res.destroyed || res.writableEnded) return;
  if (res.headersSent) {
    res.end(`data: ${JSON.stringify(error.toBody())}\n\n`);
    return;
  }
  sendJson(res, error.status, shape === 'openai' ? error.toBody() : { data: null, error: error.message }, headers);
}
