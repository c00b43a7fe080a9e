import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk } from '../../../gateway/src/contract/chat.js';
import { assembleCompletion } from '../../../gateway/src/log/assemble-completion.js';
import { UpstreamStreamError } from '../../../gateway/src/providers/types.js';
import { readResponse } from '../../../gateway/src/responses-api/read-response.js';
import { ResponsesStreamReader } from '../../../gateway/src/responses-api/read-stream.js';
import { namedEvents } from '../../helpers/fake-provider.js';
import { fixtureJson } from '../../helpers/fixtures.js';

function readStream(path: string) {
  const reader = new ResponsesStreamReader();
  const chunks: ChatCompletionChunk[] = namedEvents(path).flatMap((event) => reader.push(event));
  return assembleCompletion([...chunks, ...reader.flush()]);
}

describe('reading OpenAI Responses answers for the log', () => {
  it('reads a Response: text, usage with cached and reasoning tokens', () => {
    const completion = readResponse(fixtureJson('openai-responses/openai-reasoning-encrypted-content.1.json'));
    expect(completion.model).toBe('gpt-5-mini-2025-08-07');
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.choices[0]!.message.content).toMatch(/570/);
    expect(completion.choices[0]!.message.reasoning_content).toMatch(/Reporting final result/);
    expect(completion.usage).toEqual({
      prompt_tokens: 865,
      completion_tokens: 163,
      total_tokens: 1028,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 128 },
    });
  });

  it('reads function_call items as tool calls', () => {
    const completion = readResponse(fixtureJson('openai-responses/issue-7082-o3-optional-tool-parameters.json'));
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: { content: null, tool_calls: [{ id: 'call_2mhz5FtwkZnzXQkTOMtYZpZH', type: 'function', function: { name: 'semantic_scholar_search' } }] },
    });
  });

  it('reads a text stream into a finished completion with the usage of response.completed', () => {
    const completion = readStream('openai-responses/issue-20047-openai-responses.chunks.txt');
    expect(completion).toMatchObject({ id: 'resp_sanitized_streaming', model: 'gpt-4o-mini-2024-07-18', usage: { prompt_tokens: 12, completion_tokens: 2 } });
    expect(completion.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: 'OK' } });
  });

  it('reads a function-call stream into a tool call', () => {
    const completion = readStream('openai-responses/issue-19493-gpt-5.1-tool-call.chunks.txt');
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: { tool_calls: [{ id: 'call_2FQdm3Br7Qb35YUBSkDR7kue', function: { name: 'get_weather', arguments: '{"city":"Beijing"}' } }] },
    });
    expect(completion.usage).toMatchObject({ prompt_tokens: 45, completion_tokens: 25 });
  });

  it('throws on error and response.failed events', () => {
    const reader = new ResponsesStreamReader();
    const error = { type: 'error', sequence_number: 3, error: { type: 'too_many_requests', code: 'too_many_requests', message: 'Too Many Requests', param: null } };
    expect(() => reader.push({ event: 'error', data: JSON.stringify(error) })).toThrow(new UpstreamStreamError('upstream error mid-stream: Too Many Requests', 'too_many_requests'));
    const failed = { type: 'response.failed', response: { status: 'failed', error: { code: 'server_error', message: 'boom' } } };
    expect(() => reader.push({ event: 'response.failed', data: JSON.stringify(failed) })).toThrow(/boom/);
  });
});
