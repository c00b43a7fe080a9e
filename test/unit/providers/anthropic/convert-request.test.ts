import { describe, it, expect } from 'vitest';
import type { ChatMessage, ChatRequest } from '../../../../gateway/src/contract/chat.js';
import { anthropicAdapter } from '../../../../gateway/src/providers/anthropic/index.js';
import { makeCtx, provider } from './fixtures.js';

/** Builds the request through the adapter and returns the parsed body. */
function body(request: Partial<ChatRequest>, stream = false): Record<string, unknown> {
  return JSON.parse(anthropicAdapter.buildRequest(makeCtx(request, stream)).body) as Record<string, unknown>;
}

describe('anthropic buildRequest: URL, headers and top-level fields', () => {
  it('posts to <baseUrl>/messages with the Anthropic auth and version headers', () => {
    const request = anthropicAdapter.buildRequest(makeCtx());
    expect(request.url).toBe('https://api.anthropic.com/v1/messages');
    expect(request.headers).toEqual({
      'x-api-key': 'sk-ant-test',
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
    });
  });

  it('sends no x-api-key header when the provider has no key', () => {
    const ctx = { ...makeCtx(), provider: { ...provider, apiKey: undefined } };
    expect(anthropicAdapter.buildRequest(ctx).headers).not.toHaveProperty('x-api-key');
  });

  it('uses ctx.model, defaults max_tokens to 4096 and sends a minimal body', () => {
    expect(body({})).toEqual({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      max_tokens: 4096,
    });
  });

  it('prefers max_completion_tokens over max_tokens', () => {
    expect(body({ max_tokens: 100 }).max_tokens).toBe(100);
    expect(body({ max_tokens: 100, max_completion_tokens: 200 }).max_tokens).toBe(200);
    expect(body({ max_tokens: null, max_completion_tokens: null }).max_tokens).toBe(4096);
  });

  it('sets stream only when the context streams', () => {
    expect(body({}, true).stream).toBe(true);
    expect(body({ stream: true }, false)).not.toHaveProperty('stream');
  });

  it('passes temperature and top_p, and turns stop into stop_sequences', () => {
    const converted = body({ temperature: 0.2, top_p: 0.9, stop: 'END' });
    expect(converted.temperature).toBe(0.2);
    expect(converted.top_p).toBe(0.9);
    expect(converted.stop_sequences).toEqual(['END']);
    expect(body({ stop: ['a', 'b'] }).stop_sequences).toEqual(['a', 'b']);
    expect(body({ stop: null })).not.toHaveProperty('stop_sequences');
  });

  it('maps user, then safety_identifier, then prompt_cache_key to metadata.user_id', () => {
    expect(body({ user: 'u-1', safety_identifier: 's-1' }).metadata).toEqual({ user_id: 'u-1' });
    expect(body({ safety_identifier: 's-1', prompt_cache_key: 'k-1' }).metadata).toEqual({ user_id: 's-1' });
    expect(body({ prompt_cache_key: 'k-1' }).metadata).toEqual({ user_id: 'k-1' });
    expect(body({})).not.toHaveProperty('metadata');
  });

  it('drops OpenAI-only fields', () => {
    const converted = body({
      n: 1,
      seed: 7,
      logprobs: true,
      presence_penalty: 0.5,
      frequency_penalty: 0.5,
      response_format: { type: 'json_object' },
      stream_options: { include_usage: true },
      user: 'u-1',
      parallel_tool_calls: true,
    });
    expect(Object.keys(converted).sort()).toEqual(['max_tokens', 'messages', 'metadata', 'model']);
  });

  it('does not mutate the client request', () => {
    const ctx = makeCtx({
      messages: [
        { role: 'user', content: 'one', cache_control: { type: 'ephemeral' } },
        { role: 'user', content: 'two' },
      ],
    });
    const before = structuredClone(ctx.request);
    anthropicAdapter.buildRequest(ctx);
    expect(ctx.request).toEqual(before);
  });
});

describe('anthropic buildRequest: messages', () => {
  it('joins system and developer messages (string or text parts) into the top-level system', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You are terse.' },
      { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }, { type: 'text', text: 'No emoji.' }] },
      { role: 'user', content: 'Hello' },
    ];
    const converted = body({ messages });
    expect(converted.system).toBe('You are terse.\n\nAnswer in French.\n\nNo emoji.');
    expect(converted.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }]);
  });

  it('keeps system as blocks when a system part carries cache_control', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: [{ type: 'text', text: 'Long context', cache_control: { type: 'ephemeral' } }] },
      { role: 'system', content: 'Short rule' },
      { role: 'user', content: 'Hello' },
    ];
    expect(body({ messages }).system).toEqual([
      { type: 'text', text: 'Long context', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Short rule' },
    ]);
  });

  it('merges consecutive same-role messages so roles alternate', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'first' },
      { role: 'user', content: [{ type: 'text', text: 'second' }] },
      { role: 'assistant', content: 'a1' },
      { role: 'assistant', content: 'a2' },
      { role: 'user', content: 'third' },
    ];
    expect(body({ messages }).messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'first' }, { type: 'text', text: 'second' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'a1' }, { type: 'text', text: 'a2' }] },
      { role: 'user', content: [{ type: 'text', text: 'third' }] },
    ]);
  });

  it('converts data: URL images to base64 sources and http(s) URLs to url sources', () => {
    const messages: ChatMessage[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare these' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
          { type: 'image_url', image_url: { url: 'ftp://example.com/cat.jpg' } },
        ],
      },
    ];
    expect(body({ messages }).messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare these' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
        ],
      },
    ]);
  });

  it('turns assistant tool_calls into tool_use blocks and tool messages into one user turn of tool_result blocks', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Checking both.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '18C, cloudy' },
      { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '25C, sunny' }] },
      { role: 'user', content: 'Which is warmer?' },
    ];
    expect(body({ messages }).messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking both.' },
          { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'call_2', name: 'weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: '18C, cloudy' },
          { type: 'tool_result', tool_use_id: 'call_2', content: [{ type: 'text', text: '25C, sunny' }] },
          { type: 'text', text: 'Which is warmer?' },
        ],
      },
    ]);
  });

  it('sends {} as tool_use input when the arguments are not a JSON object', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'go' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'a', arguments: '{not json' } },
          { id: 'c2', type: 'function', function: { name: 'b', arguments: '' } },
          { id: 'c3', type: 'function', function: { name: 'c', arguments: '[1,2]' } },
        ],
      },
    ];
    const converted = body({ messages }).messages as Array<{ content: Array<{ input?: unknown }> }>;
    expect(converted[1]!.content.map((block) => block.input)).toEqual([{}, {}, {}]);
  });

  it('passes cache_control from parts and messages to the matching blocks', () => {
    const messages: ChatMessage[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'doc', cache_control: { type: 'ephemeral', ttl: '1h' } },
          { type: 'text', text: 'question' },
        ],
      },
      { role: 'assistant', content: 'answer', cache_control: { type: 'ephemeral' } },
      { role: 'user', content: 'more', cache_control: { type: 'ephemeral' } },
    ];
    expect(body({ messages }).messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'doc', cache_control: { type: 'ephemeral', ttl: '1h' } },
          { type: 'text', text: 'question' },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'answer', cache_control: { type: 'ephemeral' } }] },
      { role: 'user', content: [{ type: 'text', text: 'more', cache_control: { type: 'ephemeral' } }] },
    ]);
  });

  it('leaves out messages with nothing to send, since Anthropic rejects empty content', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: '' },
      { role: 'user', content: 'again' },
    ];
    expect(body({ messages }).messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'text', text: 'again' }] },
    ]);
  });
});

describe('anthropic buildRequest: tools and tool_choice', () => {
  const tools: ChatRequest['tools'] = [
    {
      type: 'function',
      function: {
        name: 'weather',
        description: 'Current weather',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    },
    { type: 'function', function: { name: 'now' } },
  ];

  it('converts function tools to name/description/input_schema, with an empty object schema by default', () => {
    expect(body({ tools }).tools).toEqual([
      {
        name: 'weather',
        description: 'Current weather',
        input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
      { name: 'now', input_schema: { type: 'object', properties: {} } },
    ]);
  });

  it('maps each OpenAI tool_choice form', () => {
    expect(body({ tools, tool_choice: 'auto' }).tool_choice).toEqual({ type: 'auto' });
    expect(body({ tools, tool_choice: 'required' }).tool_choice).toEqual({ type: 'any' });
    expect(body({ tools, tool_choice: 'none' }).tool_choice).toEqual({ type: 'none' });
    expect(body({ tools, tool_choice: { type: 'function', function: { name: 'weather' } } }).tool_choice).toEqual({
      type: 'tool',
      name: 'weather',
    });
    expect(body({ tools })).not.toHaveProperty('tool_choice');
  });

  it('turns parallel_tool_calls: false into disable_parallel_tool_use', () => {
    expect(body({ tools, parallel_tool_calls: false }).tool_choice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    expect(body({ tools, tool_choice: 'required', parallel_tool_calls: false }).tool_choice).toEqual({
      type: 'any',
      disable_parallel_tool_use: true,
    });
    expect(body({ tools, tool_choice: 'none', parallel_tool_calls: false }).tool_choice).toEqual({ type: 'none' });
  });

  it('sends no tool_choice without tools', () => {
    expect(body({ tool_choice: 'required' })).not.toHaveProperty('tool_choice');
  });
});
