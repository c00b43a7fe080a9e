import { describe, expect, it } from 'vitest';
import { toChatRequest } from '../../../gateway/src/messages-api/to-chat-request.js';
import { validateMessagesRequest } from '../../../gateway/src/messages-api/validate-messages-request.js';
import { GatewayError } from '../../../gateway/src/contract/errors.js';

const chat = (body: Record<string, unknown>) => toChatRequest(validateMessagesRequest({ model: 'mock', max_tokens: 100, ...body }));

describe('Messages request -> Chat Completions request', () => {
  it('puts system blocks first, tool results right after the tool calls, then the user’s other blocks', () => {
    const request = chat({
      system: [
        { type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Use tools.' },
      ],
      messages: [
        { role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }, { type: 'text', text: 'What is this?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm', signature: 'sig' },
            { type: 'text', text: 'Let me look.' },
            { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'png' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Here you go.' },
            { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'a square' }] },
          ],
        },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'system', content: 'You are terse.\n\nUse tools.' },
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          { type: 'text', text: 'What is this?' },
        ],
      },
      { role: 'assistant', content: 'Let me look.', tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"png"}' } }] },
      { role: 'tool', tool_call_id: 'toolu_1', content: 'a square' },
      { role: 'user', content: 'Here you go.' },
    ]);
  });

  it('keeps client tools, drops server tools, and maps tool_choice', () => {
    const request = chat({
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [
        { name: 'lookup', description: 'Look up', input_schema: { type: 'object', properties: {} } },
        { type: 'web_search_20250305', name: 'web_search' },
      ],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
    });
    expect(request.tools).toEqual([{ type: 'function', function: { name: 'lookup', description: 'Look up', parameters: { type: 'object', properties: {} } } }]);
    expect(request).toMatchObject({ tool_choice: 'required', parallel_tool_calls: false });
    expect(chat({ messages: [{ role: 'user', content: 'Hi' }], tools: [{ name: 'a', input_schema: {} }], tool_choice: { type: 'tool', name: 'a' } }).tool_choice).toEqual({
      type: 'function',
      function: { name: 'a' },
    });
  });

  it('refuses bad bodies with a 400 naming the field', () => {
    const fieldOf = (body: unknown) => {
      try {
        validateMessagesRequest(body);
      } catch (error) {
        return (error as GatewayError).param;
      }
      return undefined;
    };
    expect(fieldOf({ model: 'm', messages: [{ role: 'user', content: 'x' }] })).toBe('max_tokens');
    expect(fieldOf({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: [{ type: 'tool_use', id: 'a', name: 'b' }] }] })).toBe('messages[0].content[0].input');
    expect(fieldOf({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }], tool_choice: { type: 'tool' } })).toBe('tool_choice.name');
    expect(fieldOf({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }], system: 5 })).toBe('system');
    expect(fieldOf({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }], future_field: { any: 1 } })).toBeUndefined();
  });
});
