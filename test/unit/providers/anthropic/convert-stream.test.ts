import { describe, it, expect } from 'vitest';
import type { ChatCompletionChunk, ChatUsage, FinishReason } from '../../../../gateway/src/contract/chat.js';
import { anthropicAdapter } from '../../../../gateway/src/providers/anthropic/index.js';
import { UpstreamStreamError, type SseEvent } from '../../../../gateway/src/providers/types.js';
import { chunkFixtureNames, loadEvents, makeCtx, runStream } from './fixtures.js';

interface Assembled {
  content: string;
  reasoning: string;
  toolCalls: Array<{ id?: string; name?: string; arguments: string }>;
  roleChunks: number;
  finishReasons: FinishReason[];
  usage: ChatUsage[];
}

/** Reassembles OpenAI chunks the way a client would. */
function assemble(chunks: ChatCompletionChunk[]): Assembled {
  const result: Assembled = { content: '', reasoning: '', toolCalls: [], roleChunks: 0, finishReasons: [], usage: [] };
  for (const chunk of chunks) {
    if (chunk.usage) result.usage.push(chunk.usage);
    for (const choice of chunk.choices) {
      const { delta } = choice;
      if (delta.role === 'assistant') result.roleChunks++;
      if (typeof delta.content === 'string') result.content += delta.content;
      if (typeof delta.reasoning_content === 'string') result.reasoning += delta.reasoning_content;
      for (const call of delta.tool_calls ?? []) {
        const entry = (result.toolCalls[call.index] ??= { arguments: '' });
        if (call.id) entry.id = call.id;
        if (call.function?.name) entry.name = call.function.name;
        entry.arguments += call.function?.arguments ?? '';
      }
      if (choice.finish_reason) result.finishReasons.push(choice.finish_reason);
    }
  }
  return result;
}

const event = (payload: Record<string, unknown>): SseEvent => ({
  event: String(payload.type),
  data: JSON.stringify(payload),
});

interface Expected {
  id: string;
  model: string;
  content: string;
  toolCalls: Array<{ id: string; name: string; input: unknown }>;
  finish: FinishReason;
  usage: ChatUsage;
}

const noCache = { cached_tokens: 0, cache_write_tokens: 0, cache_write_1h_tokens: 0 };

const expectations: Record<string, Expected> = {
  'anthropic-code-execution-20260120-prompt-cache.1.chunks.txt': {
    id: 'msg_011CdYfpjpVtBoXyXCQD1tQP',
    model: 'claude-sonnet-5',
    content: 'The sum of the squares of the numbers 1 through 12 is **650**.',
    // Both bash_code_execution calls are server_tool_use blocks: Anthropic ran them, not the client.
    toolCalls: [],
    finish: 'stop',
    usage: {
      // 6 uncached + 6289 cache read + 3337 cache write, all from the final message_delta.
      prompt_tokens: 9632,
      completion_tokens: 198,
      total_tokens: 9830,
      prompt_tokens_details: { cached_tokens: 6289, cache_write_tokens: 3337, cache_write_1h_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    },
  },
  'anthropic-json-tool.1.chunks.txt': {
    id: 'msg_01K2JbSUMYhez5RHoK9ZCj9U',
    model: 'claude-haiku-4-5-20251001',
    content: '',
    toolCalls: [
      {
        id: 'toolu_01KFbKqPYSuAKujiL6mTfzYA',
        name: 'json',
        input: { elements: [{ location: 'San Francisco', temperature: 58, condition: 'sunny' }] },
      },
    ],
    finish: 'tool_calls',
    usage: { prompt_tokens: 849, completion_tokens: 47, total_tokens: 896, prompt_tokens_details: noCache },
  },
  'anthropic-message-delta-input-tokens.chunks.txt': {
    id: 'msg_3196a1cc08de4d76b85b8f5777c0d42b',
    model: 'claude-opus-4-5-20251101',
    content: 'pong',
    toolCalls: [],
    finish: 'stop',
    // input_tokens is 43 in message_start and 61 in message_delta; the later value is final.
    usage: {
      prompt_tokens: 61,
      completion_tokens: 2,
      total_tokens: 63,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    },
  },
  'anthropic-refusal.chunks.txt': {
    id: 'msg_01RefusalStreamAbcdefghijk',
    model: 'claude-fable-5',
    content: '',
    toolCalls: [],
    finish: 'content_filter',
    usage: { prompt_tokens: 18, completion_tokens: 5, total_tokens: 23, prompt_tokens_details: noCache },
  },
  'anthropic-text.chunks.txt': {
    id: 'msg_01QC4g3HwBThD4BaNtBckFDJ',
    model: 'claude-sonnet-4-5-20250929',
    content:
      "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
    toolCalls: [],
    finish: 'stop',
    usage: { prompt_tokens: 12, completion_tokens: 30, total_tokens: 42, prompt_tokens_details: noCache },
  },
  'anthropic-tool-no-args.chunks.txt': {
    id: 'msg_01GE2RKp1VYsPzdFs3sS9z5S',
    model: 'claude-sonnet-4-5-20250929',
    content: "I'll update the issue list for you.",
    toolCalls: [{ id: 'toolu_01QE1WLsSVp5hy5Q3GmGTmjP', name: 'updateIssueList', input: {} }],
    finish: 'tool_calls',
    usage: { prompt_tokens: 565, completion_tokens: 48, total_tokens: 613, prompt_tokens_details: noCache },
  },
  'duplicate-message-start.chunks.txt': {
    id: 'msg_dup',
    model: 'claude-3-haiku-20240307',
    content: 'Hello, World!',
    toolCalls: [],
    finish: 'stop',
    // message_delta gives only output_tokens; input_tokens stays message_start's 17.
    usage: {
      prompt_tokens: 17,
      completion_tokens: 227,
      total_tokens: 244,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    },
  },
};

describe('anthropic stream conversion of every fixture', () => {
  it('has an expectation for every .chunks.txt fixture', () => {
    expect(Object.keys(expectations).sort()).toEqual(chunkFixtureNames());
  });

  describe.each(chunkFixtureNames())('%s', (name) => {
    const events = loadEvents(name);
    const payloads = events.map((e) => JSON.parse(e.data) as Record<string, any>);
    const expected = expectations[name]!;
    const chunks = runStream(events);
    const assembled = assemble(chunks);

    it('stamps every chunk with the message id, object, created and model', () => {
      for (const chunk of chunks) {
        expect(chunk.id).toBe(expected.id);
        expect(chunk.object).toBe('chat.completion.chunk');
        expect(chunk.model).toBe(expected.model);
        expect(chunk.created).toBe(chunks[0]!.created);
      }
      expect(chunks[0]!.created).toBeGreaterThan(1_700_000_000);
    });

    it('opens with exactly one role chunk', () => {
      expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
      expect(assembled.roleChunks).toBe(1);
    });

    it('reassembles the text from the text deltas', () => {
      const fromFixture = payloads
        .filter((p) => p.type === 'content_block_delta' && p.delta.type === 'text_delta')
        .map((p) => p.delta.text as string)
        .join('');
      expect(assembled.content).toBe(fromFixture);
      expect(assembled.content).toBe(expected.content);
      expect(assembled.reasoning).toBe('');
    });

    it('reassembles client tool calls with arguments that parse as JSON', () => {
      expect(assembled.toolCalls).toHaveLength(expected.toolCalls.length);
      assembled.toolCalls.forEach((call, i) => {
        expect(call.id).toBe(expected.toolCalls[i]!.id);
        expect(call.name).toBe(expected.toolCalls[i]!.name);
        expect(JSON.parse(call.arguments)).toEqual(expected.toolCalls[i]!.input);
      });
    });

    it('ends with the mapped finish_reason, then a usage chunk with the final usage', () => {
      const finishChunk = chunks.at(-2)!;
      expect(finishChunk.choices).toEqual([{ index: 0, delta: {}, finish_reason: expected.finish }]);
      expect(assembled.finishReasons).toEqual([expected.finish]);

      const usageChunk = chunks.at(-1)!;
      expect(usageChunk.choices).toEqual([]);
      expect(usageChunk.usage).toEqual(expected.usage);
      expect(assembled.usage).toHaveLength(1);

      // The completion count is the final message_delta's cumulative output_tokens.
      const finalDelta = payloads.filter((p) => p.type === 'message_delta').at(-1)!;
      expect(usageChunk.usage!.completion_tokens).toBe(finalDelta.usage.output_tokens);
    });
  });
});

describe('anthropic stream converter behaviour', () => {
  const start = event({
    type: 'message_start',
    message: { id: 'msg_1', model: 'claude-x', content: [], usage: { input_tokens: 10, output_tokens: 1 } },
  });

  it('numbers tool calls 0, 1, ... whatever their Anthropic block index', () => {
    const chunks = runStream([
      start,
      event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Two calls.' } }),
      event({ type: 'content_block_stop', index: 0 }),
      event({ type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 't1', name: 'a', input: {} } }),
      event({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"x":' } }),
      event({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '1}' } }),
      event({ type: 'content_block_stop', index: 1 }),
      event({ type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 't2', name: 'b', input: {} } }),
      event({ type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"y":2}' } }),
      event({ type: 'content_block_stop', index: 2 }),
      event({ type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 20 } }),
      event({ type: 'message_stop' }),
    ]);
    const toolChunks = chunks.filter((c) => c.choices[0]?.delta.tool_calls);
    expect(toolChunks.map((c) => c.choices[0]!.delta.tool_calls)).toEqual([
      [{ index: 0, id: 't1', type: 'function', function: { name: 'a', arguments: '' } }],
      [{ index: 0, function: { arguments: '{"x":' } }],
      [{ index: 0, function: { arguments: '1}' } }],
      [{ index: 1, id: 't2', type: 'function', function: { name: 'b', arguments: '' } }],
      [{ index: 1, function: { arguments: '{"y":2}' } }],
    ]);
    expect(chunks.at(-1)!.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 });
  });

  it('sends thinking deltas as reasoning_content and skips signature deltas', () => {
    const chunks = runStream([
      start,
      event({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } }),
      event({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm, ' } }),
      event({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'yes.' } }),
      event({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'abc' } }),
      event({ type: 'content_block_stop', index: 0 }),
    ]);
    expect(chunks.map((c) => c.choices[0]!.delta)).toEqual([
      { role: 'assistant', content: '' },
      { reasoning_content: 'Hmm, ' },
      { reasoning_content: 'yes.' },
    ]);
  });

  it('emits no finish or usage chunk when message_stop never arrives', () => {
    const converter = anthropicAdapter.createStreamConverter(makeCtx({}, true));
    const events = loadEvents('anthropic-text.chunks.txt').slice(0, 5);
    const chunks = events.flatMap((e) => converter.push(e));
    expect(converter.flush()).toEqual([]);
    expect(chunks.every((c) => c.choices.length === 1 && c.choices[0]!.finish_reason === null)).toBe(true);
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(assemble(chunks).content).toBe('Hello! I');
  });

  it('throws UpstreamStreamError with the message and type of an error event', () => {
    const converter = anthropicAdapter.createStreamConverter(makeCtx({}, true));
    converter.push(start);
    const error = event({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    let thrown: unknown;
    try {
      converter.push(error);
    } catch (caught) {
      thrown = caught;
    }
    expect(thrown).toBeInstanceOf(UpstreamStreamError);
    expect((thrown as UpstreamStreamError).message).toBe('Overloaded');
    expect((thrown as UpstreamStreamError).type).toBe('overloaded_error');
  });

  it('reads the event type from the data even without an SSE event name', () => {
    const converter = anthropicAdapter.createStreamConverter(makeCtx({}, true));
    const chunks = converter.push({ data: start.data });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.id).toBe('msg_1');
  });

  it('throws UpstreamStreamError on data that is not JSON', () => {
    const converter = anthropicAdapter.createStreamConverter(makeCtx({}, true));
    expect(() => converter.push({ event: 'message_start', data: '{oops' })).toThrow(UpstreamStreamError);
  });

  it('ignores ping events', () => {
    const converter = anthropicAdapter.createStreamConverter(makeCtx({}, true));
    expect(converter.push(event({ type: 'ping' }))).toEqual([]);
  });
});
