import { describe, expect, it } from 'vitest';
import { geminiAdapter } from '../../../../gateway/src/providers/gemini/index.js';
import { UpstreamStreamError } from '../../../../gateway/src/providers/types.js';
import { makeContext, readChunkFixture, runStream } from './helpers.js';

const ctx = makeContext({}, { stream: true, model: 'gemini-fallback' });
const convert = (payloads: string[]) => runStream(geminiAdapter.createStreamConverter(ctx), payloads);

describe('gemini stream conversion', () => {
  it('converts google-text.chunks.txt into content deltas, a finish chunk and a usage chunk', () => {
    const chunks = convert(readChunkFixture('google-text.chunks.txt'));
    expect(chunks.map((c) => c.choices)).toEqual([
      [{ index: 0, delta: { role: 'assistant', content: 'There are **3**' }, finish_reason: null }],
      [{ index: 0, delta: { content: ' "r"s in strawberry.\n\nst**r**awbe**rr**y' }, finish_reason: null }],
      [{ index: 0, delta: {}, finish_reason: 'stop' }],
      [],
    ]);
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        id: 'bH6LaZW8Fp_3nsEPqtaSwQ4',
        object: 'chat.completion.chunk',
        model: 'gemini-3-pro-preview',
        created: chunks[0]?.created,
      });
    }
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 9,
      completion_tokens: 208,
      total_tokens: 217,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 185 },
    });
  });

  it('converts google-tool-call.chunks.txt into one complete tool call', () => {
    const chunks = convert(readChunkFixture('google-tool-call.chunks.txt'));
    expect(chunks).toHaveLength(3);
    const [callChunk, finishChunk, usageChunk] = chunks;
    const delta = callChunk?.choices[0]?.delta;
    expect(delta?.role).toBe('assistant');
    expect(delta?.tool_calls).toHaveLength(1);
    expect(delta?.tool_calls?.[0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
    });
    expect(delta?.tool_calls?.[0]?.id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(delta?.tool_calls?.[0]).toHaveProperty('extra_content.google.thought_signature');
    expect(finishChunk?.choices).toEqual([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]);
    expect(usageChunk?.usage).toMatchObject({ prompt_tokens: 29, completion_tokens: 60, total_tokens: 89 });
  });

  it('reassembles Vertex partialArgs (google-stream-tool-call-arguments.chunks.txt)', () => {
    const chunks = convert(readChunkFixture('google-stream-tool-call-arguments.chunks.txt'));
    const calls = chunks.flatMap((c) => c.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
    expect(calls.map((call) => [call.index, call.function?.name, JSON.parse(call.function?.arguments ?? '')])).toEqual([
      [0, 'getWeather', { location: 'Boston' }],
      [1, 'getWeather', { location: 'San Francisco' }],
    ]);
    expect(calls[0]?.id).not.toBe(calls[1]?.id);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks[1]?.choices[0]?.delta.role).toBeUndefined();
    expect(chunks.every((c) => c.id === 'dqHOab6xGLzWodAPkPuViA4' && c.model === 'gemini-3.1-pro-preview')).toBe(true);

    const finish = chunks.at(-2);
    expect(finish?.choices).toEqual([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]);
    // Only the final chunk has token counts; the interim trafficType-only metadata is ignored.
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 26,
      completion_tokens: 155,
      total_tokens: 181,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 132 },
    });
  });

  it('reads usage from the raw SSE capture (google-usage-raw-live.chunks.txt)', () => {
    const payloads = readChunkFixture('google-usage-raw-live.chunks.txt');
    expect(payloads).toHaveLength(1);
    const chunks = convert(payloads);
    expect(chunks).toHaveLength(2);
    expect(chunks[0]?.choices).toEqual([{ index: 0, delta: { role: 'assistant' }, finish_reason: 'stop' }]);
    expect(chunks[1]?.choices).toEqual([]);
    expect(chunks[1]?.model).toBe('gemini-fallback');
    expect(chunks[1]?.id).toMatch(/^chatcmpl-[0-9a-f]{24}$/);
    expect(chunks[0]?.id).toBe(chunks[1]?.id);
    expect(chunks[1]?.usage).toEqual({
      prompt_tokens: 77,
      completion_tokens: 160,
      total_tokens: 237,
      prompt_tokens_details: { cached_tokens: 4 },
      completion_tokens_details: { reasoning_tokens: 89 },
    });
  });

  it('sends thought parts as reasoning_content and maps MAX_TOKENS to length', () => {
    const chunks = convert([
      JSON.stringify({ candidates: [{ content: { parts: [{ text: 'Thinking it over', thought: true }] } }] }),
      JSON.stringify({ candidates: [{ content: { parts: [{ text: 'Answer' }] }, finishReason: 'MAX_TOKENS' }] }),
    ]);
    expect(chunks.map((c) => c.choices[0])).toEqual([
      { index: 0, delta: { role: 'assistant', reasoning_content: 'Thinking it over' }, finish_reason: null },
      { index: 0, delta: { content: 'Answer' }, finish_reason: null },
      { index: 0, delta: {}, finish_reason: 'length' },
    ]);
  });

  it('keeps candidates apart when n > 1', () => {
    const chunks = convert([
      JSON.stringify({
        candidates: [
          { index: 0, content: { parts: [{ text: 'A' }] } },
          { index: 1, content: { parts: [{ text: 'B' }] } },
        ],
      }),
      JSON.stringify({
        candidates: [
          { index: 0, finishReason: 'STOP' },
          { index: 1, finishReason: 'SAFETY' },
        ],
      }),
    ]);
    expect(chunks.map((c) => c.choices[0])).toEqual([
      { index: 0, delta: { role: 'assistant', content: 'A' }, finish_reason: null },
      { index: 1, delta: { role: 'assistant', content: 'B' }, finish_reason: null },
      { index: 0, delta: {}, finish_reason: 'stop' },
      { index: 1, delta: {}, finish_reason: 'content_filter' },
    ]);
  });

  it('finishes a blocked prompt with content_filter', () => {
    const chunks = convert([
      JSON.stringify({
        promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
        usageMetadata: { promptTokenCount: 7, totalTokenCount: 7 },
      }),
    ]);
    expect(chunks[0]?.choices).toEqual([
      { index: 0, delta: { role: 'assistant' }, finish_reason: 'content_filter' },
    ]);
    expect(chunks[1]?.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 0, total_tokens: 7 });
  });

  it('throws UpstreamStreamError for an error event', () => {
    const converter = geminiAdapter.createStreamConverter(ctx);
    converter.push({ data: readChunkFixture('google-text.chunks.txt')[0] ?? '' });
    const errorEvent = JSON.stringify({
      error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' },
    });
    let caught: unknown;
    try {
      converter.push({ data: errorEvent });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UpstreamStreamError);
    expect(caught).toMatchObject({
      message: 'The model is overloaded. Please try again later.',
      type: 'UNAVAILABLE',
    });
  });

  it('throws UpstreamStreamError for an event that is not JSON', () => {
    const converter = geminiAdapter.createStreamConverter(ctx);
    expect(() => converter.push({ data: '<html>Bad Gateway</html>' })).toThrow(UpstreamStreamError);
  });

  it('ignores empty events and a [DONE] terminator', () => {
    const converter = geminiAdapter.createStreamConverter(ctx);
    expect(converter.push({ data: '' })).toEqual([]);
    expect(converter.push({ data: '[DONE]' })).toEqual([]);
  });
});
