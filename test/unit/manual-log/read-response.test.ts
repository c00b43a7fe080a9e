import { describe, expect, it } from 'vitest';
import { readResponse } from '../../../gateway/src/manual-log/read-response.js';
import { jsonValuesInText } from '../../../gateway/src/manual-log/read-text-body.js';
import { fixtureChunks, fixtureJson } from '../../helpers/fixtures.js';
import { ndjsonText, sseText } from './helpers.js';

const zeroExtras = { cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, reasoningTokens: 0 };

describe('jsonValuesInText', () => {
  it('reads one JSON document, SSE data lines, or one JSON value per line', () => {
    expect(jsonValuesInText('{"a":1}')).toEqual([{ a: 1 }]);
    expect(jsonValuesInText('[{"a":1},{"b":2}]')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(jsonValuesInText('event: x\ndata: {"a":1}\n\n: comment\ndata:{"b":2}\n\ndata: [DONE]\n\n')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(jsonValuesInText('{"a":1}\r\n{"b":2}\r\n')).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('skips text that is not JSON', () => {
    expect(jsonValuesInText('Hello, world')).toEqual([]);
    expect(jsonValuesInText('')).toEqual([]);
    expect(jsonValuesInText('Error: boom\n    at x (y.js:1:1)\n\n{"partial":true}\n{"cut')).toEqual([{ partial: true }]);
  });
});

describe('readResponse: usage and model from stream text', () => {
  it('OpenAI SSE: the usage of the final chunk (captured Azure stream), with reasoning tokens', () => {
    const reading = readResponse({ json: {}, textBody: sseText('openai-chat/azure-model-router.1.chunks.txt', { done: true }) }, 200);
    expect(reading.usage).toEqual({ promptTokens: 15, completionTokens: 78, totalTokens: 93, ...zeroExtras, reasoningTokens: 64 });
    expect(reading.model).toBe('gpt-5-nano-2025-08-07');
    expect(reading.errorMessage).toBeNull();
  });

  it('OpenAI-compatible SSE with usage on the finishing chunk (Mistral)', () => {
    const reading = readResponse({ textBody: sseText('openai-compatible/issue-13703-mistral-thinking.chunks.txt', { done: true }) }, 200);
    expect(reading.usage).toEqual({ promptTokens: 28, completionTokens: 139, totalTokens: 167, ...zeroExtras });
  });

  it('OpenAI chunks one per line (what HeliconeLogBuilder and Stream.toReadableStream produce)', () => {
    const reading = readResponse({ json: {}, textBody: ndjsonText('openai-chat/azure-model-router.1.chunks.txt') }, 200);
    expect(reading.usage).toMatchObject({ promptTokens: 15, completionTokens: 78, totalTokens: 93 });
  });

  it('a stream without usage gives null usage', () => {
    expect(readResponse({ textBody: sseText('openai-compatible/tiny-chunks.chunks.txt', { done: true }) }, 200).usage).toBeNull();
  });

  it('Anthropic SSE: message_start usage merged with the final message_delta usage', () => {
    const reading = readResponse({ json: {}, textBody: sseText('anthropic/anthropic-text.chunks.txt', { named: true }) }, 200);
    expect(reading.usage).toEqual({ promptTokens: 12, completionTokens: 30, totalTokens: 42, ...zeroExtras });
    expect(reading.model).toBe('claude-sonnet-4-5-20250929');
  });

  it('Anthropic SSE: message_delta input tokens replace message_start ones', () => {
    const reading = readResponse({ textBody: sseText('anthropic/anthropic-message-delta-input-tokens.chunks.txt', { named: true }) }, 200);
    expect(reading.usage?.promptTokens).toBe(61);
  });

  it('Anthropic SSE with cache reads and writes (code execution stream)', () => {
    const reading = readResponse({ textBody: sseText('anthropic/anthropic-code-execution-20260120-prompt-cache.1.chunks.txt', { named: true }) }, 200);
    expect(reading.usage).toEqual({
      promptTokens: 6 + 6289 + 3337,
      completionTokens: 198,
      totalTokens: 6 + 6289 + 3337 + 198,
      cacheReadTokens: 6289,
      cacheWriteTokens: 3337,
      cacheWrite1hTokens: 0,
      reasoningTokens: 0,
    });
    expect(reading.model).toBe('claude-sonnet-5');
  });

  it('Anthropic with only output_tokens in message_delta (older API) keeps message_start input tokens', () => {
    const text = [
      { type: 'message_start', message: { model: 'claude-3-5-haiku-20241022', usage: { input_tokens: 25, output_tokens: 1 } } },
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 15 } },
      { type: 'message_stop' },
    ]
      .map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
      .join('');
    expect(readResponse({ textBody: text }, 200).usage).toEqual({ promptTokens: 25, completionTokens: 15, totalTokens: 40, ...zeroExtras });
  });

  it('OpenAI Responses SSE: the usage in response.completed', () => {
    const reading = readResponse({ textBody: sseText('openai-responses/issue-20047-openai-responses.chunks.txt', { named: true }) }, 200);
    expect(reading.usage).toEqual({ promptTokens: 12, completionTokens: 2, totalTokens: 14, ...zeroExtras });
    expect(reading.model).toBe('gpt-4o-mini-2024-07-18');
  });

  it('Gemini SSE: the last cumulative usageMetadata; model from modelVersion', () => {
    const reading = readResponse({ textBody: sseText('google/google-text.chunks.txt') }, 200);
    expect(reading.usage).toEqual({ promptTokens: 9, completionTokens: 208, totalTokens: 217, ...zeroExtras, reasoningTokens: 185 });
    expect(reading.model).toBe('gemini-3-pro-preview');
  });

  it('Gemini stream as one JSON array (non-SSE streamGenerateContent)', () => {
    const text = `[${fixtureChunks('google/google-text.chunks.txt').join(',\n')}]`;
    expect(readResponse({ textBody: text }, 200).usage?.totalTokens).toBe(217);
  });

  it('a whole JSON response sent as text (logSingleRequest)', () => {
    const reading = readResponse({ json: {}, textBody: JSON.stringify(fixtureJson('anthropic/anthropic-text.json')) }, 200);
    expect(reading.usage).toMatchObject({ promptTokens: 12, completionTokens: 29 });
    expect(reading.model).toBe('claude-sonnet-4-5-20250929');
  });

  it('plain text has no usage or model', () => {
    expect(readResponse({ json: {}, textBody: 'The answer is 4.' }, 200)).toEqual({ usage: null, model: null, errorMessage: null });
  });
});

describe('readResponse: error messages', () => {
  it('OpenAI/Anthropic/Gemini error.message for a failed status', () => {
    expect(readResponse({ json: { error: { message: 'Rate limit reached', type: 'rate_limit' } } }, 429).errorMessage).toBe('Rate limit reached');
    expect(readResponse({ json: fixtureJson('google/google-429-retry-info.json') }, 429).errorMessage).toMatch(/quota/i);
    expect(readResponse({ textBody: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' }, 529).errorMessage).toBe('Overloaded');
  });

  it('falls back to a string error, the first line of a text body, then "HTTP <status>"', () => {
    expect(readResponse({ json: { error: 'bad thing' } }, 400).errorMessage).toBe('bad thing');
    expect(readResponse({ json: {}, textBody: 'Error: boom\n    at foo (bar.js:1:1)\n\n' }, 500).errorMessage).toBe('Error: boom');
    expect(readResponse({ json: {} }, 502).errorMessage).toBe('HTTP 502');
  });

  it('is null for a success, even with an error-looking body', () => {
    expect(readResponse({ json: { error: { message: 'not really' } } }, 200).errorMessage).toBeNull();
  });

  it('names a cancelled request (status -3)', () => {
    expect(readResponse({ textBody: '' }, -3).errorMessage).toMatch(/cancelled/);
  });
});
