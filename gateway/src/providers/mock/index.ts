/**
 * The offline `mock` provider: answers in-process in OpenAI's wire format, so demos, tests and
 * benchmarks run with no key and no network. See directives.ts for how to drive it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatCompletion, ChatCompletionChunk } from '../../contract/chat.js';
import { openAICompatibleAdapter } from '../openai-compatible/index.js';
import type { AdapterContext, ProviderAdapter, UpstreamResponse } from '../types.js';
import { composeReply, type MockReply } from './compose-reply.js';
import { readDirectives } from './directives.js';

const encoder = new TextEncoder();

function usageOf(reply: MockReply) {
  return {
    prompt_tokens: reply.promptTokens,
    completion_tokens: reply.completionTokens,
    total_tokens: reply.promptTokens + reply.completionTokens,
  };
}

function completionOf(id: string, model: string, reply: MockReply): ChatCompletion {
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.content,
          ...(reply.toolCalls.length > 0 ? { tool_calls: reply.toolCalls } : {}),
        },
        finish_reason: reply.toolCalls.length > 0 ? 'tool_calls' : 'stop',
      },
    ],
    usage: usageOf(reply),
  };
}

/** The reply as OpenAI stream chunks: role, content word by word (or the tool call), finish, usage. */
function chunksOf(id: string, model: string, reply: MockReply): ChatCompletionChunk[] {
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: ChatCompletionChunk['choices'][0]['delta'], finish: ChatCompletionChunk['choices'][0]['finish_reason'] = null): ChatCompletionChunk => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const chunks = [chunk({ role: 'assistant', content: '' })];
  for (const [index, call] of reply.toolCalls.entries()) {
    chunks.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] }));
    chunks.push(chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments } }] }));
  }
  for (const word of reply.content?.match(/\S+\s*/g) ?? []) chunks.push(chunk({ content: word }));
  chunks.push(chunk({}, reply.toolCalls.length > 0 ? 'tool_calls' : 'stop'));
  chunks.push({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: usageOf(reply) });
  return chunks;
}

function jsonResponse(status: number, body: unknown): UpstreamResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: (async function* () {
      yield encoder.encode(JSON.stringify(body));
    })(),
  };
}

async function* streamBody(
  chunks: ChatCompletionChunk[],
  chunkDelayMs: number,
  cutAfter: number | undefined,
  signal: AbortSignal,
): AsyncGenerator<Uint8Array> {
  for (const [index, chunk] of chunks.entries()) {
    if (cutAfter !== undefined && index >= cutAfter) throw new Error('mock: connection dropped mid-stream (mock:cut-after)');
    if (index > 0 && chunkDelayMs > 0) await sleep(chunkDelayMs, undefined, { signal });
    yield encoder.encode(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  yield encoder.encode('data: [DONE]\n\n');
}

async function send(_request: unknown, ctx: AdapterContext, signal: AbortSignal): Promise<UpstreamResponse> {
  const { directives, text } = readDirectives(ctx.request.messages);
  if (directives.latencyMs > 0) await sleep(directives.latencyMs, undefined, { signal });
  if (directives.error !== undefined) {
    return jsonResponse(directives.error, {
      error: { message: `mock: simulated HTTP ${directives.error} (mock:error)`, type: 'mock_error', code: directives.error },
    });
  }
  const reply = composeReply(ctx.request, directives, text);
  const id = `chatcmpl-mock-${Date.now().toString(36)}`;
  if (!ctx.stream) return jsonResponse(200, completionOf(id, ctx.model, reply));
  return {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    body: streamBody(chunksOf(id, ctx.model, reply), directives.chunkDelayMs, directives.cutAfter, signal),
  };
}

export const mockAdapter: ProviderAdapter = {
  ...openAICompatibleAdapter,
  format: 'mock',
  // Nothing goes over the wire: send() reads the request from the context.
  buildRequest: () => ({ url: 'mock://switchyard/chat/completions', headers: {}, body: '' }),
  send,
};
