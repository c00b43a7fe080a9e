/** A logged request and its answer as an OpenAI chat fine-tuning example, or the reason it cannot be one. */
import { describe, expect, it } from 'vitest';
import { fineTuneExample } from '../../../gateway/src/datasets/fine-tune-example.js';

const answer = (message: Record<string, unknown>) => JSON.stringify({ id: 'c1', object: 'chat.completion', choices: [{ index: 0, message, finish_reason: 'stop' }] });

describe('fineTuneExample', () => {
  it('appends the answer to the request messages, keeping only the fields fine-tuning reads', () => {
    const request = JSON.stringify({
      model: 'gpt-4o-mini',
      temperature: 0.2,
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }], cache_control: { type: 'ephemeral' } },
      ],
    });
    expect(fineTuneExample(200, request, answer({ role: 'assistant', content: 'Hello!', refusal: null }))).toEqual({
      example: {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
          { role: 'assistant', content: 'Hello!' },
        ],
      },
    });
  });

  it('keeps tools, parallel_tool_calls and the answer’s tool calls', () => {
    const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }];
    const calls = [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }];
    const result = fineTuneExample(200, { messages: [{ role: 'user', content: 'go' }], tools, parallel_tool_calls: false }, answer({ role: 'assistant', content: null, tool_calls: calls }));
    expect(result.example).toEqual({ messages: [{ role: 'user', content: 'go' }, { role: 'assistant', tool_calls: calls }], tools, parallel_tool_calls: false });
  });

  it.each([
    [500, '{"messages":[{"role":"user","content":"x"}]}', answer({ content: 'y' }), /failed \(status 500\)/],
    [200, null, answer({ content: 'y' }), /no request body/],
    [200, 'not json', answer({ content: 'y' }), /not a JSON object/],
    [200, '{"input":"x"}', answer({ content: 'y' }), /not a chat completion \(no messages\)/],
    [200, '{"messages":[]}', answer({ content: 'y' }), /no messages/],
    [200, '{"messages":[{"role":"robot","content":"x"}]}', answer({ content: 'y' }), /messages\[0\] is not a chat message/],
    [200, '{"messages":[{"role":"user","content":"x"}]}', null, /no response body/],
    [200, '{"messages":[{"role":"user","content":"x"}]}', '{"type":"message","content":[{"type":"text","text":"y"}]}', /no choices\[0\]\.message/],
    [200, '{"messages":[{"role":"user","content":"x"}]}', answer({ role: 'assistant', content: '' }), /answer is empty/],
  ])('skips status %s, request %s, response %s', (status, request, response, reason) => {
    const result = fineTuneExample(status, request, response);
    expect(result.example).toBeUndefined();
    expect(result.skipped).toMatch(reason);
  });
});
