/**
 * Relays a streaming answer to the client as it arrives: each upstream event is written as soon
 * as it is parsed (converted to an OpenAI chunk when the provider speaks another format). The
 * stream ends with [DONE] only when upstream finished; a cut or an error event ends it with an
 * error event instead, and a client that leaves aborts the upstream call.
 */
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { ChatCompletionChunk } from '../contract/chat.js';
import { assembleCompletion } from '../log/assemble-completion.js';
import { UpstreamStreamError } from '../providers/types.js';
import { SseParser } from '../upstream/sse-parser.js';
import type { AttemptSuccess } from './run-attempts.js';
import type { Outcome, RequestLog } from './request-log.js';
import { cancelledStatus } from '../log/log-record.js';

const finishedPattern = /"finish_reason"\s*:\s*"/;

export async function relayStream(
  success: AttemptSuccess,
  res: ServerResponse,
  log: RequestLog,
  signal: AbortSignal,
  responseHeaders: Record<string, string>,
): Promise<Outcome> {
  const { adapter, ctx, response } = success;
  res.writeHead(200, {
    ...responseHeaders,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();

  const parser = new SseParser();
  const converter = adapter.passthrough ? undefined : adapter.createStreamConverter(ctx);
  // Passthrough streams keep the raw event data and parse it only after the client is served.
  const rawEvents: string[] = [];
  const chunks: ChatCompletionChunk[] = [];
  let finished = false;

  const write = async (data: string) => {
    log.markFirstToken();
    if (!res.write(`data: ${data}\n\n`)) await once(res, 'drain', { signal });
  };
  const emit = async (converted: ChatCompletionChunk[]) => {
    for (const chunk of converted) {
      chunks.push(chunk);
      if (chunk.choices?.some((choice) => choice.finish_reason)) finished = true;
      await write(JSON.stringify(chunk));
    }
  };
  const handle = async (events: ReturnType<SseParser['push']>) => {
    for (const event of events) {
      if (converter) {
        await emit(converter.push(event));
        continue;
      }
      if (event.data === '[DONE]') {
        finished = true;
        continue;
      }
      if (event.data.startsWith('{"error"')) throw new UpstreamStreamError(errorMessageOf(event.data));
      if (!finished && finishedPattern.test(event.data)) finished = true;
      rawEvents.push(event.data);
      await write(event.data);
    }
  };

  const partial = () => {
    const completion = assembleCompletion(converter ? chunks : rawEvents.flatMap(parseChunk));
    // A stream cut short has no usage chunk; some providers told the usage earlier.
    const usage = completion.usage ?? converter?.usageSoFar?.();
    return { completion: usage ? { ...completion, usage } : completion };
  };

  try {
    for await (const bytes of response.body) await handle(parser.push(bytes));
    await handle(parser.end());
    if (converter) await emit(converter.flush());
    if (!finished) throw new UpstreamStreamError(`${success.attempt.provider} ended the stream before the answer was complete`);
    res.end('data: [DONE]\n\n');
    return { status: 200, ...partial() };
  } catch (error) {
    if (signal.aborted) {
      return { status: cancelledStatus, errorMessage: 'client closed the connection before the stream ended', ...partial() };
    }
    const message = error instanceof UpstreamStreamError ? error.message : `${success.attempt.provider} stream failed: ${(error as Error).message}`;
    const type = error instanceof UpstreamStreamError ? error.type : 'upstream_stream_error';
    if (!res.destroyed) {
      res.end(`data: ${JSON.stringify({ error: { message, type, code: type, param: null } })}\n\n`);
    }
    return { status: 500, errorMessage: message, ...partial() };
  }
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
