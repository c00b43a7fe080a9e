/**
 * A chat completion stream as chunks: server-sent events parsed with the gateway's own SseParser,
 * ending at `data: [DONE]`. An error event (what the gateway sends when the provider fails
 * mid-stream) or a stream that ends without [DONE] throws a GatewayClientError.
 */
import type { ChatCompletionChunk } from '../contract/chat.js';
import { SseParser } from '../upstream/sse-parser.js';
import { GatewayClientError, serverMessage } from './errors.js';
import { displayUrl, type OpenResponse, transportError } from './http.js';

/** The status an error event is reported with: the status the gateway logs such a request with. */
const streamErrorStatus = 500;
/** An event that is not JSON: the server answered something that is not a chat stream. */
const malformedStatus = 502;

function eventError(open: OpenResponse, status: number, message: string, body: unknown): GatewayClientError {
  return new GatewayClientError({ method: open.call.method, path: open.call.path, status, message, body });
}

/** Reads the stream of an open 2xx answer. Leaving the loop early cancels the request. */
export async function* readChatStream(open: OpenResponse): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  const body = open.response.body;
  if (!body) throw eventError(open, malformedStatus, 'the answer has no body to stream', null);
  const reader = body.getReader();
  const parser = new SseParser();
  try {
    for (;;) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await reader.read();
        open.timeout.restart();
      } catch (error) {
        throw transportError(error, open.call, open.timeout, true);
      }
      const events = read.done ? parser.end() : parser.push(read.value);
      for (const event of events) {
        if (event.data === '[DONE]') {
          return;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(event.data);
        } catch {
          throw eventError(open, malformedStatus, `the stream sent an event that is not JSON: ${serverMessage(undefined, event.data, '')}`, event.data);
        }
        if (event.event === 'error' || (parsed !== null && typeof parsed === 'object' && 'error' in parsed && (parsed as { error: unknown }).error)) {
          throw eventError(open, streamErrorStatus, serverMessage(parsed, event.data, 'the stream failed'), parsed);
        }
        yield parsed as ChatCompletionChunk;
      }
      if (read.done) break;
    }
    throw eventError(open, 0, `the stream from ${displayUrl(open.call.url)} ended before [DONE]`, null);
  } finally {
    // Whatever ended the loop ([DONE], an error, the caller's break): release the connection.
    reader.cancel().catch(() => undefined);
  }
}
