/**
 * POST /v1/messages driven by the official @anthropic-ai/sdk against a real gateway: the native
 * path (a fake Anthropic replaying captured answers, bytes relayed as they are) and the
 * translated path (OpenAI and the mock provider, answers turned into Messages and Anthropic's
 * event stream), with the log, failover, errors in Anthropic's shape and count_tokens.
 */
import { randomUUID } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { createGatewayKey } from '../../gateway/src/auth/gateway-keys.js';
import { anthropicEvents, FakeProvider } from '../helpers/fake-provider.js';
import { fixtureJson } from '../helpers/fixtures.js';
import { fakeEnv, GatewayUnderTest, gatewayWithFakeProviders, providerKeys } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders();

/** apiKey null and no authToken: a client that sends no credentials at all. */
function anthropic(target: GatewayUnderTest = gw, options: { apiKey?: string | null; authToken?: string; headers?: Record<string, string> } = {}) {
  const anonymous = options.apiKey === null && !options.authToken;
  return new Anthropic({
    baseURL: target.url,
    apiKey: options.apiKey === undefined ? 'unused' : options.apiKey,
    authToken: options.authToken ?? null,
    defaultHeaders: anonymous ? { ...options.headers, authorization: null } : options.headers,
    maxRetries: 0,
  });
}

/** The message of an error body in Anthropic's shape. */
const apiMessage = (error: InstanceType<typeof Anthropic.APIError>) => (error.error as { error: { message: string } }).error.message;

/** The SDK's error for a request that must fail. */
async function sdkError(request: Promise<unknown>): Promise<InstanceType<typeof Anthropic.APIError>> {
  try {
    await request;
  } catch (error) {
    if (error instanceof Anthropic.APIError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

/** The SSE text a fake Anthropic writes for these events. */
const sseText = (events: Array<{ event: string; data: string }>) => events.map(({ event, data }) => `event: ${event}\ndata: ${data}\n\n`).join('');

/** The event names of an SSE body, in order. */
const eventNames = (text: string) => [...text.matchAll(/^event: (.+)$/gm)].map((match) => match[1]);

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather in a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('native: an Anthropic provider gets the client’s own request', () => {
  it('sends the body untouched but for the model, and relays Anthropic’s answer byte for byte', async () => {
    const requestId = randomUUID();
    const params = {
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 300,
      system: [{ type: 'text' as const, text: 'Be brief.', cache_control: { type: 'ephemeral' as const } }],
      messages: [{ role: 'user' as const, content: 'Hello, how are you?' }],
      top_k: 5,
      metadata: { user_id: 'user-7' },
    };
    const message = await anthropic(gw, {
      headers: { 'Helicone-Request-Id': requestId, 'Helicone-Property-App': 'claude-code', 'anthropic-beta': 'prompt-caching-2024-07-31' },
    }).messages.create(params);
    expect(message).toEqual(fixtureJson('anthropic/anthropic-text.json'));

    const upstream = fake.last('anthropic');
    expect(upstream.url).toBe('/v1/messages');
    expect(upstream.body).toEqual({ ...params, model: 'claude-sonnet-4-5' });
    expect(upstream.headers['x-api-key']).toBe(providerKeys.ANTHROPIC_API_KEY);
    // The API version this SDK sends travels as it is.
    expect(upstream.headers['anthropic-version']).toBe('2026-10-21');
    expect(upstream.headers['anthropic-beta']).toBe('prompt-caching-2024-07-31');
    expect(Object.keys(upstream.headers).filter((name) => name.startsWith('helicone-') || name === 'authorization')).toEqual([]);

    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, request_path: '/v1/messages', provider: 'anthropic', prompt_tokens: 12, completion_tokens: 29, is_stream: 0 });
    expect(row.properties).toEqual({ App: 'claude-code' });
    expect(row.cost_usd).toBeCloseTo((12 * 3 + 29 * 15) / 1e6, 12);
  });

  it('gives the client exactly the bytes the provider sent', async () => {
    const json = fixtureJson('anthropic/anthropic-text.json');
    const response = await gw.post('/v1/messages', { model: 'claude-sonnet-4-5/anthropic', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(JSON.stringify(json));
    // A client that names no API version gets the one the gateway's conversions are written for.
    expect(fake.last('anthropic').headers['anthropic-version']).toBe('2023-06-01');

    const events = anthropicEvents('anthropic/anthropic-text.chunks.txt');
    const stream = await gw.post('/v1/messages', { model: 'claude-sonnet-4-5/anthropic', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'Hi' }] });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await stream.text()).toBe(sseText(events));
  });

  it('streams with messages.stream(), logging tokens, cost and time to first token', async () => {
    const requestId = randomUUID();
    const stream = anthropic(gw, { headers: { 'Helicone-Request-Id': requestId } }).messages.stream({
      model: 'claude-sonnet-4-5',
      max_tokens: 300,
      messages: [{ role: 'user', content: 'Hello' }],
    });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?" }]);
    expect(deltas.length).toBe(6);
    expect(message).toMatchObject({ stop_reason: 'end_turn', usage: { input_tokens: 12, output_tokens: 30 } });

    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, request_path: '/v1/messages', provider: 'anthropic', is_stream: 1, prompt_tokens: 12, completion_tokens: 30 });
    expect(row.cost_usd).toBeCloseTo((12 * 3 + 30 * 15) / 1e6, 12);
    expect(row.time_to_first_token_ms).not.toBeNull();
  });

  it('round-trips a tool call: tool_use streamed, tool_result sent back as the client wrote it', async () => {
    fake.enqueue('anthropic', { events: anthropicEvents('anthropic/anthropic-json-tool.1.chunks.txt') });
    const client = anthropic();
    const tools = [{ name: 'json', description: 'Respond with a JSON object.', input_schema: { type: 'object' as const } }];
    const first = await client.messages
      .stream({ model: 'claude-haiku-4-5', max_tokens: 500, tools, tool_choice: { type: 'tool', name: 'json' }, messages: [{ role: 'user', content: 'Weather?' }] })
      .finalMessage();
    expect(first.stop_reason).toBe('tool_use');
    const call = first.content[0]!;
    expect(call).toMatchObject({ type: 'tool_use', name: 'json', input: { elements: [{ location: 'San Francisco', temperature: 58, condition: 'sunny' }] } });
    if (call.type !== 'tool_use') throw new Error('expected a tool_use block');

    const messages: Anthropic.MessageParam[] = [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: first.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'noted', is_error: false }] },
    ];
    const second = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 500, tools, messages });
    expect(second.content[0]).toMatchObject({ type: 'text' });
    expect(fake.last('anthropic').body.messages).toEqual(JSON.parse(JSON.stringify(messages)));
  });

  it('sends the conversation a context-limit handler shortened, not the original, translated even to Anthropic', async () => {
    const requestId = randomUUID();
    const long = 'x'.repeat(400);
    const response = await gw.post(
      '/v1/messages',
      {
        model: 'claude-3-haiku',
        max_tokens: 199_800,
        system: 'Be brief.',
        messages: [
          { role: 'user', content: `first ${long}` },
          { role: 'assistant', content: `middle ${long}` },
          { role: 'user', content: 'last question' },
        ],
      },
      { 'Helicone-Request-Id': requestId, 'Helicone-Token-Limit-Exception-Handler': 'middle-out' },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ type: 'message', role: 'assistant' });
    // The client's body no longer says what to send: the shortened chat request goes out through
    // the Anthropic adapter, with max_tokens fitted to the model as on every translated path.
    const sent = fake.last('anthropic').body;
    expect(sent).toMatchObject({ model: 'claude-3-haiku', system: 'Be brief.', max_tokens: 4096 });
    // The middle turn went; the two user turns left in a row are merged, as Anthropic requires.
    expect(sent.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: `first ${long}` }, { type: 'text', text: 'last question' }] }]);
    expect((await gw.row(requestId)).properties).toMatchObject({ 'Helicone-Token-Limit-Applied': 'middle-out' });
  });

  it('leaves out the unsigned thinking blocks of translated answers a client sends back', async () => {
    await anthropic(gw).messages.create({
      model: 'claude-sonnet-4-5/anthropic',
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'from another provider', signature: '' }, { type: 'text', text: 'answer' }] },
        { role: 'user', content: 'second' },
      ],
    });
    expect(fake.last('anthropic').body.messages).toEqual([
      { role: 'user', content: 'first' },
      { role: 'assistant', content: [{ type: 'text', text: 'answer' }] },
      { role: 'user', content: 'second' },
    ]);
  });

  it('fails over from a failing Anthropic to the next provider, translated for the client', async () => {
    const requestId = randomUUID();
    fake.enqueue('anthropic', { status: 529, json: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    const message = await anthropic(gw, { headers: { 'Helicone-Request-Id': requestId } }).messages.create({
      model: 'claude-sonnet-4-5/anthropic,gpt-4o-mini/openai',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Invent a holiday' }],
    });
    expect(message.content[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/^\*\*Holiday Name:\*\* Galaxy Day/) });
    expect(fake.last('openai').body).toMatchObject({ model: 'gpt-4o-mini', max_completion_tokens: 100, messages: [{ role: 'user', content: 'Invent a holiday' }] });

    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, provider: 'openai', request_path: '/v1/messages' });
    expect(row.attempts.map(({ provider, status }) => [provider, status])).toEqual([
      ['anthropic', 529],
      ['openai', 200],
    ]);
  });

  it('ends a stream cut mid-way with an error event, and logs a 500', async () => {
    const requestId = randomUUID();
    fake.enqueue('anthropic', { events: anthropicEvents('anthropic/anthropic-text.chunks.txt'), cutAfter: 4 });
    const response = await gw.post(
      '/v1/messages',
      { model: 'claude-sonnet-4-5', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'Hi' }] },
      { 'Helicone-Request-Id': requestId },
    );
    const text = await response.text();
    expect(eventNames(text)).toEqual(['message_start', 'content_block_start', 'ping', 'content_block_delta', 'error']);
    expect(JSON.parse(text.split('event: error\ndata: ')[1]!)).toMatchObject({ type: 'error', error: { type: 'api_error' } });
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 500, provider: 'anthropic', is_stream: 1 });

    fake.enqueue('anthropic', { events: anthropicEvents('anthropic/anthropic-text.chunks.txt'), cutAfter: 4 });
    await expect(anthropic().messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] }).finalMessage()).rejects.toThrow(
      /ended the stream before the answer was complete|stream failed/,
    );
  });
});

describe('translated: other providers answer as Anthropic would', () => {
  it('turns an OpenAI completion into a Message, with the request translated to Chat Completions', async () => {
    const requestId = randomUUID();
    // temperature and top_k are still on the wire, though this SDK's types no longer list them.
    const params = {
      model: 'gpt-4o-mini/openai',
      max_tokens: 20000,
      system: 'Be creative.',
      temperature: 0.5,
      top_k: 3,
      stop_sequences: ['END'],
      metadata: { user_id: 'user-9' },
      messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Invent a holiday' }] }],
    };
    const message = await anthropic(gw, { headers: { 'Helicone-Request-Id': requestId } }).messages.create(params);
    expect(message).toMatchObject({
      id: 'msg_chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU',
      type: 'message',
      role: 'assistant',
      model: 'gpt-4.1-nano-2025-04-14',
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 16, output_tokens: 363, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    });
    expect(message.content).toEqual([{ type: 'text', text: expect.stringContaining('Galaxy Day') }]);

    // gpt-4o-mini writes at most 16384 tokens; OpenAI takes max_completion_tokens.
    expect(fake.last('openai').body).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be creative.' },
        { role: 'user', content: 'Invent a holiday' },
      ],
      max_completion_tokens: 16384,
      temperature: 0.5,
      stop: ['END'],
      user: 'user-9',
    });
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, request_path: '/v1/messages', provider: 'openai', prompt_tokens: 16, completion_tokens: 363 });
    expect(row.cost_usd).toBeGreaterThan(0);
  });

  it('streams OpenAI chunks as Anthropic events that messages.stream() assembles', async () => {
    const requestId = randomUUID();
    const message = await anthropic(gw, { headers: { 'Helicone-Request-Id': requestId } })
      .messages.stream({ model: 'gpt-4o-mini/openai', max_tokens: 100, messages: [{ role: 'user', content: 'Capital?' }] })
      .finalMessage();
    expect(message.content).toHaveLength(1);
    expect(message.content[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/^Capital/) });
    expect(message.stop_reason).toBe('end_turn');
    expect(fake.last('openai').body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, is_stream: 1, provider: 'openai' });
    expect(row.time_to_first_token_ms).not.toBeNull();
  });

  it('writes the exact event sequence for text and for a tool call', async () => {
    const text = await (
      await gw.post('/v1/messages', { model: 'mock', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'mock:reply=one_two_three' }] })
    ).text();
    expect(eventNames(text)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const delta = JSON.parse(text.split('event: message_delta\ndata: ')[1]!.split('\n')[0]!);
    expect(delta).toMatchObject({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) } });

    const tool = await (
      await gw.post('/v1/messages', { model: 'mock', max_tokens: 50, stream: true, tools: [weatherTool], messages: [{ role: 'user', content: 'Weather in Paris?' }] })
    ).text();
    expect(eventNames(tool)).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    expect(tool).toContain('"content_block":{"type":"tool_use"');
    expect(tool).toContain('"delta":{"type":"input_json_delta","partial_json":"{\\"city\\":\\"sample city\\"}"}');
    expect(tool).toContain('"stop_reason":"tool_use"');
  });

  it('round-trips a tool call with the mock provider, streaming and not', async () => {
    const client = anthropic();
    const first = await client.messages.stream({ model: 'mock', max_tokens: 100, tools: [weatherTool], messages: [{ role: 'user', content: 'Weather in Paris?' }] }).finalMessage();
    expect(first.stop_reason).toBe('tool_use');
    const call = first.content[0]!;
    expect(call).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'sample city' } });
    if (call.type !== 'tool_use') throw new Error('expected a tool_use block');

    const second = await client.messages.create({
      model: 'mock',
      max_tokens: 100,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: [{ type: 'text', text: '18°C, sunny' }] }] },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content).toEqual([{ type: 'text', text: 'Based on the tools: get_weather returned 18°C, sunny.' }]);
  });

  it('ends a translated stream that fails mid-way with an error event', async () => {
    const requestId = randomUUID();
    const response = await gw.post(
      '/v1/messages',
      { model: 'mock', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'mock:reply=a_b_c_d mock:cut-after=2' }] },
      { 'Helicone-Request-Id': requestId },
    );
    const text = await response.text();
    expect(eventNames(text).at(-1)).toBe('error');
    expect(eventNames(text)).not.toContain('message_stop');
    expect((await gw.row(requestId)).status).toBe(500);
  });
});

describe('errors in Anthropic’s shape', () => {
  it('answers a bad body with a 400 naming the field', async () => {
    const missing = await gw.post('/v1/messages', { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }] });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: 'Invalid "max_tokens": max_tokens is required' } });

    const error = await sdkError(
      anthropic().messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'text' } as never] }] }),
    );
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.type).toBe('invalid_request_error');
    expect(apiMessage(error)).toMatch(/^Invalid "messages\[0\]\.content\[0\]\.text": /);

    const role = await sdkError(anthropic().messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'system' as never, content: 'Hi' }] }));
    expect(apiMessage(role)).toMatch(/^Invalid "messages\[0\]\.role": role must be "user" or "assistant"/);
    expect(fake.requests).toHaveLength(0);
  });

  it('answers an unknown model with the same 400 as chat', async () => {
    const error = await sdkError(anthropic().messages.create({ model: 'claude-nonexistent-9', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }));
    expect(error.status).toBe(400);
    expect(apiMessage(error)).toMatch(/^Unknown model "claude-nonexistent-9"/);
  });

  it('answers provider failures, rate limits and dispatch errors with the matching status and type', async () => {
    fake.enqueue('anthropic', { status: 401, json: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } });
    const auth = await sdkError(anthropic().messages.create({ model: 'claude-sonnet-4-5/anthropic', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }));
    expect(auth).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(apiMessage(auth)).toMatch(/invalid x-api-key/);

    const policy = { 'Helicone-RateLimit-Policy': '1;w=3600;u=request;s=user', 'Helicone-User-Id': randomUUID() };
    await anthropic(gw, { headers: policy }).messages.create({ model: 'mock', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] });
    const limited = await sdkError(anthropic(gw, { headers: policy }).messages.create({ model: 'mock', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }));
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect(limited.type).toBe('rate_limit_error');

    const wrongMethod = await fetch(`${gw.url}/v1/messages`);
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringMatching(/GET is not allowed/) } });
    const unknown = await gw.post('/v1/messages/batches', {});
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });
});

describe('count_tokens', () => {
  it('estimates input tokens at four characters a token, without calling a provider', async () => {
    const count = await anthropic().messages.countTokens({
      model: 'claude-sonnet-4-5',
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hello, how are you?' }],
    });
    // 3 for the request, 4 + ceil(9 / 4) for the system prompt, 4 + ceil(19 / 4) for the message.
    expect(count).toEqual({ input_tokens: 19 });
    expect(fake.requests).toHaveLength(0);

    const bad = await gw.post('/v1/messages/count_tokens', { model: 'claude-sonnet-4-5' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: 'Invalid "messages": messages is required' } });
  });
});

describe('gateway keys for Anthropic clients', () => {
  it('accepts the gateway key as x-api-key (ANTHROPIC_API_KEY) or as a bearer token (ANTHROPIC_AUTH_TOKEN)', async () => {
    const upstream = await FakeProvider.start();
    const keyed = await GatewayUnderTest.start(fakeEnv(upstream));
    try {
      const { id, key } = await createGatewayKey(keyed.gateway.store, 'claude-code');
      await keyed.gateway.keys.reload();
      const params = { model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user' as const, content: 'Hi' }] };

      const viaApiKey = await anthropic(keyed, { apiKey: key, headers: { 'Helicone-Request-Id': randomUUID() } }).messages.create(params);
      expect(viaApiKey.type).toBe('message');
      // The gateway key never reaches the provider, in any header.
      expect(upstream.last('anthropic').headers['x-api-key']).toBe(providerKeys.ANTHROPIC_API_KEY);
      expect(JSON.stringify(upstream.last('anthropic').headers)).not.toContain(key);

      const viaToken = await anthropic(keyed, { apiKey: null, authToken: key }).messages.create(params);
      expect(viaToken.type).toBe('message');
      const rows = await keyed.rows();
      expect(rows.map((row) => row.request_path)).toEqual(['/v1/messages', '/v1/messages']);
      expect((await keyed.rows('WHERE r.gateway_key_id = ?', [id])).length).toBe(2);

      const missing = await sdkError(anthropic(keyed, { apiKey: null }).messages.create(params));
      expect(missing).toBeInstanceOf(Anthropic.AuthenticationError);
      expect(missing.error).toEqual({ type: 'error', error: { type: 'authentication_error', message: expect.stringMatching(/x-api-key/) } });
      const wrong = await sdkError(anthropic(keyed, { apiKey: 'sk-switchyard-wrong' }).messages.create(params));
      expect(wrong.status).toBe(401);
      const countWithKey = await anthropic(keyed, { apiKey: key }).messages.countTokens({ model: 'claude-sonnet-4-5', messages: params.messages });
      expect(countWithKey.input_tokens).toBeGreaterThan(0);
      expect((await sdkError(anthropic(keyed, { apiKey: null }).messages.countTokens({ model: 'claude-sonnet-4-5', messages: params.messages }))).status).toBe(401);
    } finally {
      await keyed.close();
      await upstream.close();
    }
  });
});
