/**
 * Relays a streaming answer to the client as it arrives: each upstream event is written as soon
 * as it is parsed. Native events (already in the client's format) go out as they came; others
 * become Chat Completions chunks, which the client's encoder writes in its format. The stream
 * ends with its final event only when upstream finished; a cut or an error event ends it with an
 * error event instead, and a client that leaves aborts the upstream call.
 */
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { ChatCompletionChunk } from '../contract/chat.js';
import { assembleCompletion } from '../log/assemble-completion.js';
import { type SseEvent, UpstreamStreamError } from '../providers/types.js';
import { eachChunk } from '../upstream/each-chunk.js';
import { SseParser } from '../upstream/sse-parser.js';
import type { StreamEncoder } from './client-dialect.js';
import type { AttemptSuccess } from './run-attempts.js';
import type { Outcome, RequestLog } from './request-log.js';
import { cancelledStatus } from '../log/log-record.js';
import type { ClientSignal } from './client-signal.js';

const finishedPattern = /"finish_reason"\s*:\s*"/;

export async function relayStream(
  success: AttemptSuccess,
  encoder: StreamEncoder,
  res: ServerResponse,
  log: RequestLog,
  signal: ClientSignal,
  responseHeaders: Record<string, string>,
): Promise<Outcome> {
  const { adapter, ctx, response, native } = success;
  res.writeHead(200, {
    ...responseHeaders,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  // The headers leave with the first event when it came with them (one packet, the usual case);
  // if it did not, they leave at the end of this turn of the event loop, so the client learns
  // the status without waiting for the provider's first token.
  let wrote = false;
  const flushHeaders = setImmediate(() => {
    if (!wrote && !res.destroyed) res.flushHeaders();
  });

  const parser = new SseParser();
  // Reads a provider that does not speak Chat Completions: for the log, and for translated clients.
  const converter = adapter.passthrough ? undefined : adapter.createStreamConverter(ctx);
  // Chat events relayed as they are get parsed only after the client is served.
  const rawEvents: string[] = [];
  const chunks: ChatCompletionChunk[] = [];
  let finished = false;

  // Set when the client's socket buffer is full: reading upstream pauses until it drains.
  let clientBehind = false;
  const write = (text: string) => {
    log.markFirstToken();
    wrote = true;
    if (!res.write(text)) clientBehind = true;
  };
  const take = (converted: ChatCompletionChunk[]) => {
    for (const chunk of converted) {
      chunks.push(chunk);
      if (chunk.choices?.some((choice) => choice.finish_reason)) finished = true;
    }
    return converted;
  };
  const handle = (events: SseEvent[]) => {
    for (const event of events) {
      if (converter) {
        const converted = take(converter.push(event));
        if (native) write(serializeEvent(event));
        else for (const chunk of converted) write(encoder.chunk(chunk));
        continue;
      }
      if (event.data === '[DONE]') {
        finished = true;
        continue;
      }
      if (event.data.startsWith('{"error"')) throw new UpstreamStreamError(errorMessageOf(event.data));
      if (native) {
        if (!finished && finishedPattern.test(event.data)) finished = true;
        rawEvents.push(event.data);
        write(serializeEvent(event));
      } else {
        for (const chunk of take(parseChunk(event.data))) write(encoder.chunk(chunk));
      }
    }
  };
  const relayChunk = (bytes: Uint8Array): void | Promise<void> => {
    handle(parser.push(bytes));
    if (!clientBehind) return;
    clientBehind = false;
    return once(res, 'drain', { signal: signal.asAbortSignal() }).then(() => undefined);
  };

  const partial = () => {
    const completion = assembleCompletion(rawEvents.length > 0 ? rawEvents.flatMap(parseChunk) : chunks);
    // A stream cut short has no usage chunk; some providers told the usage earlier.
    const usage = completion.usage ?? converter?.usageSoFar?.();
    return { completion: usage ? { ...completion, usage } : completion };
  };

  try {
    await eachChunk(response.body, relayChunk);
    handle(parser.end());
    if (converter) {
      const held = take(converter.flush());
      if (!native) for (const chunk of held) write(encoder.chunk(chunk));
    }
    if (!finished) throw new UpstreamStreamError(`${success.attempt.provider} ended the stream before the answer was complete`);
    // A native stream in another format than Chat Completions already sent its own last event.
    res.end(native && converter ? undefined : encoder.end());
    return { status: 200, ...partial() };
  } catch (error) {
    if (signal.aborted) {
      return { status: cancelledStatus, errorMessage: 'client closed the connection before the stream ended', ...partial() };
    }
    const message = error instanceof UpstreamStreamError ? error.message : `${success.attempt.provider} stream failed: ${(error as Error).message}`;
    const type = error instanceof UpstreamStreamError ? error.type : 'upstream_stream_error';
    if (!res.destroyed) res.end(encoder.error(message, type));
    return { status: 500, errorMessage: message, ...partial() };
  } finally {
    clearImmediate(flushHeaders);
  }
}

/** One upstream event as it came (the parser joined multi-line data with newlines). */
function serializeEvent(event: SseEvent): string {
  const data = `data: ${event.data.replaceAll('\n', '\ndata: ')}\n\n`;
  return event.event ? `event: ${event.event}\n${data}` : data;
}

function parseChunk(data: string): ChatCompletionChunk[] {
  try {
    return [JSON.parse(data) as ChatCompletionChunk];
  } catch {
    return [];
  }
}

function errorMessageOf(data: string): string {
  try {
    const parsed = JSON.parse(data) as { error?: { message?: string } | string };
    const message = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message;
    return message ? `upstream error mid-stream: ${message}` : 'upstream error mid-stream';
  } catch {
    return 'upstream error mid-stream';
  }
}
