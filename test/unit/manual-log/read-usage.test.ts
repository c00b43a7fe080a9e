import { describe, expect, it } from 'vitest';
import { readUsage } from '../../../gateway/src/manual-log/read-usage.js';
import { fixtureJson } from '../../helpers/fixtures.js';

const zeroExtras = { cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, reasoningTokens: 0 };

describe('readUsage: the four token-usage formats', () => {
  it('reads OpenAI usage{prompt_tokens, completion_tokens, total_tokens}', () => {
    expect(readUsage({ usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })).toEqual({
      promptTokens: 10,
      completionTokens: 5,
      totalTokens: 15,
      ...zeroExtras,
    });
  });

  it('reads OpenAI cached and reasoning tokens (captured gpt-4.1-nano response)', () => {
    expect(readUsage(fixtureJson('openai-chat/openai-text.json'))).toEqual({ promptTokens: 16, completionTokens: 363, totalTokens: 379, ...zeroExtras });
    expect(
      readUsage({
        usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150, prompt_tokens_details: { cached_tokens: 40 }, completion_tokens_details: { reasoning_tokens: 30 } },
      }),
    ).toEqual({ promptTokens: 100, completionTokens: 50, totalTokens: 150, cacheReadTokens: 40, cacheWriteTokens: 0, cacheWrite1hTokens: 0, reasoningTokens: 30 });
  });

  it('adds total_tokens when OpenAI usage leaves it out', () => {
    expect(readUsage({ usage: { prompt_tokens: 7, completion_tokens: 3 } })?.totalTokens).toBe(10);
  });

  it('reads Anthropic usage{input_tokens, output_tokens}: prompt tokens include cache reads and writes', () => {
    expect(readUsage({ usage: { input_tokens: 20, output_tokens: 8 } })).toEqual({ promptTokens: 20, completionTokens: 8, totalTokens: 28, ...zeroExtras });
    expect(
      readUsage({
        usage: {
          input_tokens: 10,
          output_tokens: 5,
          cache_read_input_tokens: 100,
          cache_creation_input_tokens: 50,
          cache_creation: { ephemeral_5m_input_tokens: 20, ephemeral_1h_input_tokens: 30 },
        },
      }),
    ).toEqual({ promptTokens: 160, completionTokens: 5, totalTokens: 165, cacheReadTokens: 100, cacheWriteTokens: 50, cacheWrite1hTokens: 30, reasoningTokens: 0 });
  });

  it('reads the captured Anthropic message (claude-sonnet-4-5)', () => {
    expect(readUsage(fixtureJson('anthropic/anthropic-text.json'))).toEqual({ promptTokens: 12, completionTokens: 29, totalTokens: 41, ...zeroExtras });
  });

  it('reads OpenAI Responses usage (input_tokens include cached ones, unlike Anthropic)', () => {
    expect(readUsage(fixtureJson('openai-responses/issue-20047-openai-responses.json'))).toEqual({ promptTokens: 12, completionTokens: 2, totalTokens: 14, ...zeroExtras });
    expect(
      readUsage({
        usage: { input_tokens: 100, input_tokens_details: { cached_tokens: 60 }, output_tokens: 200, output_tokens_details: { reasoning_tokens: 128 }, total_tokens: 300 },
      }),
    ).toEqual({ promptTokens: 100, completionTokens: 200, totalTokens: 300, cacheReadTokens: 60, cacheWriteTokens: 0, cacheWrite1hTokens: 0, reasoningTokens: 128 });
  });

  it('reads Google usageMetadata{promptTokenCount, candidatesTokenCount, totalTokenCount}', () => {
    expect(readUsage({ usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 4, totalTokenCount: 13 } })).toEqual({
      promptTokens: 9,
      completionTokens: 4,
      totalTokens: 13,
      ...zeroExtras,
    });
  });

  it('counts Gemini thinking tokens as completion (reasoning) tokens, and tool-use prompts as prompt tokens', () => {
    expect(readUsage(fixtureJson('google/google-text.json'))).toEqual({ promptTokens: 9, completionTokens: 272, totalTokens: 281, ...zeroExtras, reasoningTokens: 244 });
    expect(readUsage(fixtureJson('google/google-usage-raw-live.json'))).toEqual({ promptTokens: 77, completionTokens: 142, totalTokens: 219, ...zeroExtras, reasoningTokens: 82 });
  });

  it('reads the alternative top-level {prompt_token_count, generation_token_count}', () => {
    expect(readUsage({ generation: 'Hi', prompt_token_count: 11, generation_token_count: 6, stop_reason: 'stop' })).toEqual({
      promptTokens: 11,
      completionTokens: 6,
      totalTokens: 17,
      ...zeroExtras,
    });
  });

  it('returns null when no format matches', () => {
    expect(readUsage({ choices: [] })).toBeNull();
    expect(readUsage({ usage: null })).toBeNull();
    expect(readUsage({ usage: { prompt_tokens: '10' } })).toBeNull();
    expect(readUsage({ usageMetadata: { trafficType: 'ON_DEMAND' } })).toBeNull();
    expect(readUsage('text')).toBeNull();
    expect(readUsage([{ usage: { prompt_tokens: 1 } }])).toBeNull();
  });

  it('ignores negative and non-finite counts', () => {
    expect(readUsage({ usage: { prompt_tokens: -5, completion_tokens: 3 } })).toMatchObject({ promptTokens: 0, completionTokens: 3, totalTokens: 3 });
  });
});
