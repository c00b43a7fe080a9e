import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk } from '../../../gateway/src/contract/chat.js';
import { MessagesStreamEncoder } from '../../../gateway/src/messages-api/stream-encoder.js';

const chunk = (delta: ChatCompletionChunk['choices'][number]['delta'], finish: ChatCompletionChunk['choices'][number]['finish_reason'] = null): ChatCompletionChunk => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 0,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, delta, finish_reason: finish }],
});

function events(text: string) {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return { event: eventLine!.slice('event: '.length), data: JSON.parse(dataLine!.slice('data: '.length)) as Record<string, unknown> };
    });
}

describe('Chat chunks -> Anthropic events', () => {
  it('opens and closes one block at a time: text, then two tool calls, then the usage at the end', () => {
    const encoder = new MessagesStreamEncoder('gpt-4o-mini/openai');
    let text = '';
    text += encoder.chunk(chunk({ role: 'assistant', content: '' }));
    text += encoder.chunk(chunk({ content: 'Checking.' }));
    text += encoder.chunk(chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'a', arguments: '' } }] }));
    text += encoder.chunk(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"x":' } }] }));
    text += encoder.chunk(chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }));
    text += encoder.chunk(chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'b', arguments: '{}' } }] }));
    text += encoder.chunk(chunk({}, 'tool_calls'));
    text += encoder.chunk({ ...chunk({}), choices: [], usage: { prompt_tokens: 120, completion_tokens: 20, total_tokens: 140, prompt_tokens_details: { cached_tokens: 100 } } });
    text += encoder.end();

    const list = events(text);
    expect(list.map(({ event, data }) => `${event}${'index' in data ? `#${String(data.index)}` : ''}`)).toEqual([
      'message_start',
      'content_block_start#0',
      'content_block_delta#0',
      'content_block_stop#0',
      'content_block_start#1',
      'content_block_delta#1',
      'content_block_delta#1',
      'content_block_stop#1',
      'content_block_start#2',
      'content_block_delta#2',
      'content_block_stop#2',
      'message_delta',
      'message_stop',
    ]);
    for (const { event, data } of list) expect(data.type).toBe(event);
    expect(list[0]!.data.message).toMatchObject({ id: 'msg_chatcmpl-1', model: 'gpt-4o-mini', role: 'assistant', content: [] });
    expect(list[4]!.data.content_block).toEqual({ type: 'tool_use', id: 'call_a', name: 'a', input: {} });
    expect(list.at(-2)!.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { input_tokens: 20, output_tokens: 20, cache_read_input_tokens: 100, cache_creation_input_tokens: 0 },
    });
  });

  it('ends an empty stream as a complete message, and a failed one with an error event', () => {
    const empty = events(new MessagesStreamEncoder('m').end());
    expect(empty.map(({ event }) => event)).toEqual(['message_start', 'message_delta', 'message_stop']);
    expect(events(new MessagesStreamEncoder('m').error('boom', 'rate_limit_error'))).toEqual([
      { event: 'error', data: { type: 'error', error: { type: 'rate_limit_error', message: 'boom' } } },
    ]);
  });
});
