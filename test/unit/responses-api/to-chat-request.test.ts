import { describe, expect, it } from 'vitest';
import type { ResponsesRequest } from '../../../gateway/src/contract/responses.js';
import { sourceOf, toChatRequest } from '../../../gateway/src/responses-api/to-chat-request.js';
import { validateResponsesRequest } from '../../../gateway/src/responses-api/validate-request.js';

const translate = (body: Record<string, unknown>) => toChatRequest(validateResponsesRequest({ model: 'mock', ...body }));

describe('Responses request -> chat request', () => {
  it('puts instructions first and merges an assistant message with the function calls after it', () => {
    const { chat, refusal } = translate({
      instructions: 'Be brief.',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'Weather?' }, { type: 'input_image', image_url: 'https://x/y.png', detail: 'low' }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking.' }] },
        { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'opaque' },
        { type: 'function_call', call_id: 'c1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
        { type: 'function_call', call_id: 'c2', name: 'get_weather', arguments: '{"city":"Rome"}' },
        { type: 'function_call_output', call_id: 'c1', output: 'Sunny' },
        { type: 'function_call_output', call_id: 'c2', output: [{ type: 'input_text', text: 'Rain' }] },
      ],
    });
    expect(refusal).toBeNull();
    expect(chat.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'low' } }] },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
          { id: 'c2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'Sunny' },
      { role: 'tool', tool_call_id: 'c2', content: 'Rain' },
    ]);
  });

  it('maps tools, tool_choice, text.format, token limit, sampling and reasoning effort', () => {
    const { chat } = translate({
      input: 'hi',
      tools: [{ type: 'function', name: 'f', description: 'does f', parameters: { type: 'object' }, strict: true }],
      tool_choice: { type: 'function', name: 'f' },
      parallel_tool_calls: false,
      text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true } },
      max_output_tokens: 100,
      temperature: 0.2,
      top_p: 0.9,
      reasoning: { effort: 'low' },
      user: 'u1',
      store: true,
      metadata: { a: 'b' },
      stream: true,
    });
    expect(JSON.parse(JSON.stringify(chat))).toEqual({
      model: 'mock',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ type: 'function', function: { name: 'f', description: 'does f', parameters: { type: 'object' }, strict: true } }],
      parallel_tool_calls: false,
      tool_choice: { type: 'function', function: { name: 'f' } },
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } },
      max_completion_tokens: 100,
      temperature: 0.2,
      top_p: 0.9,
      reasoning_effort: 'low',
      user: 'u1',
      stream: true,
    });
  });

  it('keeps the source request out of the serialised chat request, and through copies', () => {
    const { chat } = translate({ input: 'hi', metadata: { k: 'v' } });
    expect(JSON.stringify(chat)).not.toContain('metadata');
    expect(sourceOf({ ...chat })?.metadata).toEqual({ k: 'v' });
  });

  it.each<[string, Partial<ResponsesRequest>, string]>([
    ['previous_response_id', { input: 'hi', previous_response_id: 'resp_1' }, 'previous_response_id'],
    ['a hosted tool', { input: 'hi', tools: [{ type: 'file_search' }] }, 'tools[0].type'],
    ['an allowed_tools tool_choice', { input: 'hi', tool_choice: { type: 'allowed_tools' } }, 'tool_choice.type'],
    ['an image by file id', { input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file_1' }] }] }, 'input[0].content[0].file_id'],
    ['an input_file part', { input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'file_1' }] }] }, 'input[0].content[0].type'],
  ])('notes %s as a refusal, without throwing', (_, body, field) => {
    expect(translate(body as Record<string, unknown>).refusal?.field).toBe(field);
  });
});
