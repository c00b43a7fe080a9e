import { describe, expect, it } from 'vitest';
import { geminiAdapter } from '../../../../gateway/src/providers/gemini/index.js';
import { mapFinishReason } from '../../../../gateway/src/providers/gemini/map-finish-reason.js';
import { makeContext, readJsonFixture } from './helpers.js';

const ctx = makeContext({}, { model: 'gemini-fallback' });

describe('gemini convertResponse', () => {
  it('converts google-text.json, counting thinking tokens as completion tokens', () => {
    const before = Math.floor(Date.now() / 1000);
    const completion = geminiAdapter.convertResponse(readJsonFixture('google-text.json'), ctx);
    expect(completion).toMatchObject({
      id: 'Un6LacrVMcjUxs0PmJfWoQc',
      object: 'chat.completion',
      model: 'gemini-3-pro-preview',
    });
    expect(completion.created).toBeGreaterThanOrEqual(before);
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
        },
        finish_reason: 'stop',
      },
    ]);
    expect(completion.usage).toEqual({
      prompt_tokens: 9,
      completion_tokens: 272,
      total_tokens: 281,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 244 },
    });
  });

  it('converts google-tool-call.json into tool_calls with finish_reason tool_calls', () => {
    const completion = geminiAdapter.convertResponse(readJsonFixture('google-tool-call.json'), ctx);
    const [choice] = completion.choices;
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toHaveLength(1);
    const call = choice?.message.tool_calls?.[0];
    expect(call?.id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(call?.type).toBe('function');
    expect(call?.function).toEqual({ name: 'weather', arguments: '{"location":"San Francisco"}' });
    // The signature rides along so a replayed call can return it to Gemini 3.
    expect(call).toHaveProperty(
      'extra_content.google.thought_signature',
      'EskgCsYgAb4+9vtF7/499YQS2bjZs3xcQI+iAl+ILn29nK1j0Kg6su7QsUUUk3nrAAfnS2w5WiVvlcCqu9fAebJ2cvfaEyBahEt5',
    );
    expect(completion.usage).toEqual({
      prompt_tokens: 29,
      completion_tokens: 908,
      total_tokens: 937,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 893 },
    });
  });

  it('adds tool-use prompt tokens to prompt_tokens (google-usage-raw-live.json)', () => {
    const completion = geminiAdapter.convertResponse(readJsonFixture('google-usage-raw-live.json'), ctx);
    expect(completion.usage).toMatchObject({ prompt_tokens: 77, completion_tokens: 142, total_tokens: 219 });
    expect(completion.id).toMatch(/^chatcmpl-[0-9a-f]{24}$/);
    expect(completion.model).toBe('gemini-fallback');
  });

  it('separates thought parts into reasoning_content and joins text parts', () => {
    const completion = geminiAdapter.convertResponse(
      {
        candidates: [
          {
            content: {
              role: 'model',
              parts: [{ text: 'Counting letters...', thought: true }, { text: 'Three ' }, { text: 'r letters.' }],
            },
            finishReason: 'MAX_TOKENS',
          },
        ],
      },
      ctx,
    );
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: 'Three r letters.', reasoning_content: 'Counting letters...' },
      finish_reason: 'length',
    });
    expect(completion.usage).toBeUndefined();
  });

  it('returns one choice per candidate', () => {
    const completion = geminiAdapter.convertResponse(
      {
        candidates: [
          { index: 0, content: { parts: [{ text: 'A' }] }, finishReason: 'STOP' },
          { index: 1, content: { parts: [] }, finishReason: 'SAFETY' },
        ],
      },
      ctx,
    );
    expect(completion.choices.map((c) => [c.index, c.message.content, c.finish_reason])).toEqual([
      [0, 'A', 'stop'],
      [1, null, 'content_filter'],
    ]);
  });

  it('reports a blocked prompt as content_filter', () => {
    const completion = geminiAdapter.convertResponse(
      { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 } },
      ctx,
    );
    expect(completion.choices).toEqual([
      { index: 0, message: { role: 'assistant', content: null }, finish_reason: 'content_filter' },
    ]);
    expect(completion.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 0, total_tokens: 5 });
  });
});

describe('gemini mapFinishReason', () => {
  it.each([
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool_calls'],
    [undefined, true, 'tool_calls'],
    ['MAX_TOKENS', true, 'length'],
    ['SAFETY', false, 'content_filter'],
    ['RECITATION', false, 'content_filter'],
    ['BLOCKLIST', false, 'content_filter'],
    ['PROHIBITED_CONTENT', false, 'content_filter'],
    ['SPII', false, 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', false, 'stop'],
    ['OTHER', false, 'stop'],
  ] as const)('%s (tool calls: %s) -> %s', (reason, hasToolCalls, expected) => {
    expect(mapFinishReason(reason, hasToolCalls)).toBe(expected);
  });
});
