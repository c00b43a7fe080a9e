import { describe, it, expect } from 'vitest';
import { anthropicAdapter } from '../../../../gateway/src/providers/anthropic/index.js';
import { mapFinishReason } from '../../../../gateway/src/providers/anthropic/map-finish-reason.js';
import { convertUsage } from '../../../../gateway/src/providers/anthropic/convert-usage.js';
import { loadJson, makeCtx } from './fixtures.js';

const convert = (body: unknown) => anthropicAdapter.convertResponse(body, makeCtx());

describe('anthropic convertResponse', () => {
  it('converts a text message (anthropic-text.json)', () => {
    const before = Math.floor(Date.now() / 1000);
    const completion = convert(loadJson('anthropic-text.json'));
    expect(completion.id).toBe('msg_01VdEjxAP5ahtHKrrRdNBteQ');
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('claude-sonnet-4-5-20250929');
    expect(completion.created).toBeGreaterThanOrEqual(before);
    expect(completion.created).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content:
            "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?",
        },
        finish_reason: 'stop',
      },
    ]);
    expect(completion.usage).toEqual({
      prompt_tokens: 12,
      completion_tokens: 29,
      total_tokens: 41,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0, cache_write_1h_tokens: 0 },
    });
  });

  it('converts a tool_use message (anthropic-json-tool.1.json)', () => {
    const completion = convert(loadJson('anthropic-json-tool.1.json'));
    expect(completion.model).toBe('claude-haiku-4-5-20251001');
    const [choice] = completion.choices;
    expect(choice!.finish_reason).toBe('tool_calls');
    expect(choice!.message.content).toBeNull();
    expect(choice!.message.tool_calls).toHaveLength(1);
    const call = choice!.message.tool_calls![0]!;
    expect(call.id).toBe('toolu_01Q9ExVZnzZj7E2QQYHYtNUa');
    expect(call.type).toBe('function');
    expect(call.function.name).toBe('json');
    expect(JSON.parse(call.function.arguments)).toEqual({
      elements: [
        { location: 'San Francisco', temperature: -5, condition: 'snowy' },
        { location: 'London', temperature: 0, condition: 'snowy' },
        { location: 'Paris', temperature: 23, condition: 'cloudy' },
        { location: 'Berlin', temperature: -9, condition: 'snowy' },
      ],
    });
    expect(completion.usage).toEqual({
      prompt_tokens: 1151,
      completion_tokens: 87,
      total_tokens: 1238,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0, cache_write_1h_tokens: 0 },
    });
  });

  it('converts text plus a tool call with empty input (anthropic-tool-no-args.json)', () => {
    const completion = convert(loadJson('anthropic-tool-no-args.json'));
    const message = completion.choices[0]!.message;
    expect(completion.model).toBe('claude-3-opus-20240229');
    expect(message.content).toMatch(/^<thinking>\nThe updateIssueList tool was provided/);
    expect(message.content).toMatch(/Okay, I will update the current issue list:$/);
    expect(message.tool_calls).toEqual([
      { id: 'toolu_01LRmxn9vGM1d2DZSDBowdZ1', type: 'function', function: { name: 'updateIssueList', arguments: '{}' } },
    ]);
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
    expect(completion.usage).toMatchObject({ prompt_tokens: 602, completion_tokens: 93, total_tokens: 695 });
  });

  it('puts thinking blocks in reasoning_content and ignores server tool blocks', () => {
    const completion = convert({
      id: 'msg_x',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'thinking', thinking: 'Let me think.', signature: 'sig' },
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } },
        { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
        { type: 'text', text: 'Part one, ' },
        { type: 'text', text: 'part two.' },
      ],
      stop_reason: 'end_turn',
      usage: { input_tokens: 5, output_tokens: 7 },
    });
    expect(completion.choices[0]!.message).toEqual({
      role: 'assistant',
      content: 'Part one, part two.',
      reasoning_content: 'Let me think.',
    });
  });

  it('counts cache reads and writes into prompt_tokens', () => {
    const completion = convert({
      id: 'msg_c',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: 'ok' }],
      stop_reason: 'max_tokens',
      usage: {
        input_tokens: 10,
        cache_read_input_tokens: 2000,
        cache_creation_input_tokens: 300,
        cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 200 },
        output_tokens: 50,
      },
    });
    expect(completion.choices[0]!.finish_reason).toBe('length');
    expect(completion.usage).toEqual({
      prompt_tokens: 2310,
      completion_tokens: 50,
      total_tokens: 2360,
      prompt_tokens_details: { cached_tokens: 2000, cache_write_tokens: 300, cache_write_1h_tokens: 200 },
    });
  });

  it('rejects a body that is not an object', () => {
    expect(() => convert('nope')).toThrow(/not a JSON object/);
  });
});

describe('anthropic mapFinishReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    [null, 'stop'],
  ] as const)('%s -> %s', (stopReason, finishReason) => {
    expect(mapFinishReason(stopReason)).toBe(finishReason);
  });
});

describe('anthropic convertUsage', () => {
  it('omits cache_write_1h_tokens when no cache_creation breakdown is given, and maps thinking tokens', () => {
    expect(
      convertUsage({ input_tokens: 3, output_tokens: 4, output_tokens_details: { thinking_tokens: 2 } }),
    ).toEqual({
      prompt_tokens: 3,
      completion_tokens: 4,
      total_tokens: 7,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 2 },
    });
  });
});
