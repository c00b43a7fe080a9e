import { describe, expect, it } from 'vitest';
import { readConversation } from '../../../gateway/dashboard/src/pages/requests/conversation.js';

describe('reading a logged request as a conversation', () => {
  it('reads Chat Completions: text, images, tool calls and tool results, then the answer', () => {
    const messages = readConversation(
      {
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'look', arguments: '{"at":"it"}' } }] },
          { role: 'tool', tool_call_id: 'call_1', content: 'a cat' },
        ],
      },
      { choices: [{ message: { role: 'assistant', content: 'A cat.' } }] },
    );
    expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
    expect(messages[1]!.parts).toEqual([
      { kind: 'text', text: 'What is this?' },
      { kind: 'image', url: 'data:image/png;base64,AAAA' },
    ]);
    expect(messages[2]!.parts).toEqual([{ kind: 'tool_call', name: 'look', arguments: '{"at":"it"}', id: 'call_1' }]);
    expect(messages[3]!.parts).toEqual([{ kind: 'tool_result', id: 'call_1', text: 'a cat' }]);
    expect(messages[4]).toMatchObject({ fromResponse: true, parts: [{ kind: 'text', text: 'A cat.' }] });
  });

  it('reads Anthropic Messages: the system prompt, base64 images, tool_use and tool_result blocks', () => {
    const messages = readConversation(
      {
        system: 'Be brief.',
        messages: [
          { role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'BBBB' } }] },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'look', input: { at: 'it' } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'a dog' }] }] },
        ],
      },
      { type: 'message', role: 'assistant', content: [{ type: 'text', text: 'A dog.' }] },
    );
    expect(messages[0]).toMatchObject({ role: 'system', parts: [{ kind: 'text', text: 'Be brief.' }] });
    expect(messages[1]!.parts).toEqual([{ kind: 'image', url: 'data:image/png;base64,BBBB' }]);
    expect(messages[2]!.parts[0]).toMatchObject({ kind: 'tool_call', name: 'look', id: 'toolu_1' });
    expect(messages[3]!.parts).toEqual([{ kind: 'tool_result', id: 'toolu_1', text: 'a dog' }]);
    expect(messages[4]).toMatchObject({ role: 'assistant', fromResponse: true });
  });

  it('reads the Responses API: instructions, input items, function calls and output', () => {
    const messages = readConversation(
      {
        instructions: 'Be brief.',
        input: [
          { role: 'user', content: [{ type: 'input_text', text: 'Weather?' }] },
          { type: 'function_call', call_id: 'c1', name: 'weather', arguments: '{}' },
          { type: 'function_call_output', call_id: 'c1', output: 'sunny' },
        ],
      },
      { output: [{ type: 'reasoning', summary: [] }, { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Sunny.' }] }] },
    );
    expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
    expect(messages[4]!.parts).toEqual([{ kind: 'text', text: 'Sunny.' }]);
  });

  it('gives nothing for bodies it does not know, or that were not stored', () => {
    expect(readConversation(null, null)).toEqual([]);
    expect(readConversation({ _type: 'tool', toolName: 'x' }, 'plain text')).toEqual([]);
  });
});
