import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk } from '../../../gateway/src/contract/chat.js';
import { ResponsesStreamEncoder } from '../../../gateway/src/responses-api/stream-encoder.js';

const chunk = (delta: ChatCompletionChunk['choices'][0]['delta'], finish: ChatCompletionChunk['choices'][0]['finish_reason'] = null): ChatCompletionChunk => ({
  id: 'c1',
  object: 'chat.completion.chunk',
  created: 1700000000,
  model: 'claude-x',
  choices: [{ index: 0, delta, finish_reason: finish }],
});

function parse(text: string): Array<{ event: string; data: Record<string, unknown> }> {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return { event: eventLine!.slice('event: '.length), data: JSON.parse(dataLine!.slice('data: '.length)) as Record<string, unknown> };
    });
}

describe('ResponsesStreamEncoder', () => {
  it('opens and closes each item in turn: reasoning, text, then a function call; usage on response.completed', () => {
    const encoder = new ResponsesStreamEncoder(undefined);
    let text = '';
    text += encoder.chunk(chunk({ role: 'assistant', reasoning_content: 'Think' }));
    text += encoder.chunk(chunk({ content: 'Let me check.' }));
    text += encoder.chunk(chunk({ tool_calls: [{ index: 0, id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }));
    text += encoder.chunk(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }));
    text += encoder.chunk(chunk({ tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] }));
    text += encoder.chunk(chunk({}, 'tool_calls'));
    text += encoder.chunk({ ...chunk({}), choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } });
    text += encoder.end();
    const events = parse(text);
    expect(events.map((event) => event.event)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    events.forEach((event, index) => expect(event.data).toMatchObject({ type: event.event, sequence_number: index }));
    expect(events[17]!.data).toMatchObject({ arguments: '{"city":"Oslo"}', output_index: 2 });
    const completed = events.at(-1)!.data.response as Record<string, unknown>;
    expect(completed).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'claude-x',
      created_at: 1700000000,
      usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
    });
    expect(completed.output).toEqual([
      { id: expect.stringMatching(/^rs_/), type: 'reasoning', summary: [{ type: 'summary_text', text: 'Think' }] },
      { id: expect.stringMatching(/^msg_/), type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Let me check.', annotations: [], logprobs: [] }] },
      { id: expect.stringMatching(/^fc_/), type: 'function_call', status: 'completed', arguments: '{"city":"Oslo"}', call_id: 'toolu_1', name: 'get_weather' },
    ]);
  });

  it('ends a response cut by the token limit with response.incomplete', () => {
    const encoder = new ResponsesStreamEncoder(undefined);
    const events = parse(encoder.chunk(chunk({ content: 'Long' })) + encoder.chunk(chunk({}, 'length')) + encoder.end());
    expect(events.at(-1)).toMatchObject({ event: 'response.incomplete', data: { response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } } } });
  });

  it('writes an error as OpenAI’s error event, fields top-level and nested', () => {
    const encoder = new ResponsesStreamEncoder(undefined);
    const events = parse(encoder.chunk(chunk({ content: 'Hi' })) + encoder.error('anthropic stream failed: reset', 'upstream_stream_error'));
    expect(events.at(-1)).toEqual({
      event: 'error',
      data: {
        type: 'error',
        code: 'upstream_stream_error',
        message: 'anthropic stream failed: reset',
        param: null,
        error: { type: 'upstream_stream_error', code: 'upstream_stream_error', message: 'anthropic stream failed: reset', param: null },
        sequence_number: events.length - 1,
      },
    });
  });
});
