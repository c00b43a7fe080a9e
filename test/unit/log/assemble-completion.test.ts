import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk } from '../../../gateway/src/contract/chat.js';
import { assembleCompletion } from '../../../gateway/src/log/assemble-completion.js';
import { fixtureChunks } from '../../helpers/fixtures.js';

const parse = (path: string) => fixtureChunks(path).map((line) => JSON.parse(line) as ChatCompletionChunk);

describe('assembleCompletion', () => {
  it('rebuilds text, finish reason, model and usage from an OpenAI stream', () => {
    const completion = assembleCompletion(parse('openai-chat/azure-model-router.1.chunks.txt'));
    expect(completion).toMatchObject({
      id: 'chatcmpl-CYPS1lijGoK8gd9lYzY3r9Sx50nbt',
      model: 'gpt-5-nano-2025-08-07',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Capital of Denmark.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 15, completion_tokens: 78, total_tokens: 93 },
    });
  });

  it('joins a tool call sent in one chunk, with reasoning kept apart (xAI)', () => {
    const completion = assembleCompletion(parse('openai-compatible/xai-tool-call.chunks.txt'));
    const message = completion.choices[0]!.message;
    expect(message.content).toBeNull();
    expect(message.reasoning_content).toMatch(/^First/);
    expect(message.tool_calls).toEqual([{ id: 'call_79382389', type: 'function', function: { name: 'weather', arguments: '{"location":"San Francisco"}' } }]);
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('reads content sent as parts, and usage on the finishing chunk (Mistral)', () => {
    const completion = assembleCompletion(parse('openai-compatible/issue-13703-mistral-thinking.chunks.txt'));
    expect(completion.choices[0]!.message.content).toBe('391');
    expect(completion.usage).toEqual({ prompt_tokens: 28, total_tokens: 167, completion_tokens: 139, prompt_tokens_details: { cached_tokens: 0 } });
  });

  it('ignores empty tool_calls arrays', () => {
    const completion = assembleCompletion(parse('openai-compatible/issue-20203-empty-tool-calls.chunks.txt'));
    expect(completion.choices[0]!.message.tool_calls).toBeUndefined();
  });
});
