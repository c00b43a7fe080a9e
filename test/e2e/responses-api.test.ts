/**
 * POST /v1/responses with the official `openai` SDK: OpenAI attempts get the client's own body at
 * /v1/responses and their bytes back (the captured Responses fixtures, replayed); other providers
 * (mock, Anthropic) run Chat Completions and their answers come back as Response objects and
 * Responses event streams. Every request leaves one row at /v1/responses.
 */
import { randomUUID } from 'node:crypto';
import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { namedEvents } from '../helpers/fake-provider.js';
import { fixtureJson } from '../helpers/fixtures.js';
import { apiError, gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders((fake) => ({ SWITCHYARD_TARGET_URL_ALLOWLIST: fake.url }));

const withId = (requestId: string) => gw.client({ headers: { 'Helicone-Request-Id': requestId } });

const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  strict: true,
};

type Event = OpenAI.Responses.ResponseStreamEvent;

async function events(stream: AsyncIterable<Event>): Promise<{ events: Event[]; error?: Error }> {
  const seen: Event[] = [];
  try {
    for await (const event of stream) seen.push(event);
  } catch (error) {
    return { events: seen, error: error as Error };
  }
  return { events: seen };
}

/** The raw SSE text of a streamed call, split into (event name, data) pairs. */
async function rawEvents(response: Response): Promise<Array<{ event: string; data: string }>> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => ({ event: /^event: (.*)$/m.exec(block)?.[1] ?? '', data: /^data: (.*)$/m.exec(block)?.[1] ?? '' }));
}

describe('/v1/responses on OpenAI (native)', () => {
  it('sends the client’s body with only the model replaced, and relays OpenAI’s answer byte for byte', async () => {
    const requestId = randomUUID();
    const body = { model: 'gpt-4o-mini/openai', input: [{ role: 'user', content: [{ type: 'input_text', text: 'Say OK' }] }], store: false, include: ['reasoning.encrypted_content'], text: { verbosity: 'low' } };
    const response = await gw.post('/v1/responses', body, { 'Helicone-Request-Id': requestId });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(JSON.stringify(fixtureJson('openai-responses/issue-20047-openai-responses.json')));

    const upstream = fake.last('responses');
    expect(upstream.url).toBe('/v1/responses');
    expect(upstream.body).toEqual({ ...body, model: 'gpt-4o-mini' });
    expect(upstream.headers.authorization).toBe('Bearer sk-test-openai-secret-0001');

    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, request_path: '/v1/responses', provider: 'openai', target_url: `${fake.url}/v1/responses`, prompt_tokens: 12, completion_tokens: 2, response_model: 'gpt-4o-mini-2024-07-18', is_stream: 0 });
    expect(row.cost_usd).toBeGreaterThan(0);
    expect(JSON.parse(row.request_body!)).toEqual(body);
  });

  it('answers client.responses.create with OpenAI’s Response, reasoning and function call included', async () => {
    fake.enqueue('responses', { json: fixtureJson('openai-responses/issue-7082-o3-optional-tool-parameters.json') });
    const requestId = randomUUID();
    const response = await withId(requestId).responses.create({ model: 'o3/openai', input: 'Find papers on machine learning', tools: [weatherTool], reasoning: { effort: 'medium' } });
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'function_call']);
    expect(response.output[1]).toMatchObject({ call_id: 'call_2mhz5FtwkZnzXQkTOMtYZpZH', name: 'semantic_scholar_search' });
    expect(fake.last('responses').body).toMatchObject({ model: 'o3', reasoning: { effort: 'medium' }, tools: [weatherTool] });
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ provider: 'openai', prompt_tokens: 114, completion_tokens: 88, response_model: 'o3-2025-04-16' });
    expect(JSON.parse(row.response_body!).output[1].call_id).toBe('call_2mhz5FtwkZnzXQkTOMtYZpZH');
  });

  it('logs cached and reasoning tokens from OpenAI’s usage', async () => {
    fake.enqueue('responses', { json: fixtureJson('openai-responses/openai-reasoning-encrypted-content.1.json') });
    const requestId = randomUUID();
    const response = await withId(requestId).responses.create({ model: 'gpt-5-mini/openai', input: 'Compute (12+7)*3*10' });
    expect(response.output_text).toMatch(/570/);
    expect(await gw.row(requestId)).toMatchObject({ prompt_tokens: 865, completion_tokens: 163, reasoning_tokens: 128, prompt_cache_read_tokens: 0 });
  });

  it('relays OpenAI’s event stream as it came (event names included) and logs its usage and time to first token', async () => {
    const requestId = randomUUID();
    const response = await gw.post('/v1/responses', { model: 'gpt-4o-mini/openai', input: 'Say OK', stream: true }, { 'Helicone-Request-Id': requestId });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(await rawEvents(response)).toEqual(namedEvents('openai-responses/issue-20047-openai-responses.chunks.txt'));
    expect(fake.last('responses').body).toEqual({ model: 'gpt-4o-mini', input: 'Say OK', stream: true });
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, request_path: '/v1/responses', provider: 'openai', is_stream: 1, prompt_tokens: 12, completion_tokens: 2 });
    expect(row.time_to_first_token_ms).not.toBeNull();
    expect(JSON.parse(row.response_body!).choices[0]).toMatchObject({ message: { content: 'OK' }, finish_reason: 'stop' });
  });

  it('streams an OpenAI function call to the SDK and logs it as a tool call', async () => {
    fake.enqueue('responses', { events: namedEvents('openai-responses/issue-19493-gpt-5.1-tool-call.chunks.txt') });
    const requestId = randomUUID();
    const stream = await withId(requestId).responses.create({ model: 'gpt-5.1/openai', input: 'Weather in Beijing?', tools: [weatherTool], stream: true });
    const { events: seen, error } = await events(stream);
    expect(error).toBeUndefined();
    const done = seen.find((event) => event.type === 'response.function_call_arguments.done');
    expect(done).toMatchObject({ arguments: '{"city":"Beijing"}' });
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, prompt_tokens: 45, completion_tokens: 25 });
    const message = JSON.parse(row.response_body!).choices[0];
    expect(message.finish_reason).toBe('tool_calls');
    expect(message.message.tool_calls[0]).toMatchObject({ id: 'call_2FQdm3Br7Qb35YUBSkDR7kue', function: { name: 'get_weather', arguments: '{"city":"Beijing"}' } });
  });

  it('passes previous_response_id through to OpenAI, which keeps the conversation', async () => {
    const response = await gw.client().responses.create({ model: 'gpt-4o-mini/openai', input: 'And then?', previous_response_id: 'resp_earlier' });
    expect(response.output_text).toBe('OK');
    expect(fake.last('responses').body.previous_response_id).toBe('resp_earlier');
  });
});

describe('/v1/responses translated for other providers', () => {
  it('answers a Response object from the mock provider', async () => {
    const requestId = randomUUID();
    const response = await withId(requestId).responses.create({ model: 'mock', instructions: 'Be brief.', input: 'mock:reply=Hello_there hi', metadata: { ticket: '42' } });
    expect(response).toMatchObject({ object: 'response', status: 'completed', model: 'mock', instructions: 'Be brief.', metadata: { ticket: '42' }, error: null });
    expect(response.id).toMatch(/^resp_[0-9a-f]{48}$/);
    expect(response.output_text).toBe('Hello there');
    expect(response.output[0]).toMatchObject({ type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Hello there', annotations: [] }] });
    expect(response.usage).toMatchObject({ input_tokens: expect.any(Number), output_tokens: expect.any(Number), input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } });
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, request_path: '/v1/responses', provider: 'mock', prompt_tokens: response.usage!.input_tokens, completion_tokens: response.usage!.output_tokens });
    // output_text is the SDK's own convenience field, not part of the wire answer.
    const { output_text: _, ...wire } = response;
    expect(JSON.parse(row.response_body!)).toEqual(wire);
  });

  it('round-trips a function tool: function_call out, function_call_output back in', async () => {
    const client = gw.client();
    const first = await client.responses.create({ model: 'mock', input: 'mock:arg=Oslo What is the weather?', tools: [weatherTool] });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', arguments: '{"city":"Oslo"}', status: 'completed' });
    expect(call!.id).toMatch(/^fc_/);
    if (call?.type !== 'function_call') throw new Error('no function call');

    const requestId = randomUUID();
    const second = await withId(requestId).responses.create({
      model: 'mock',
      tools: [weatherTool],
      input: [
        { role: 'user', content: 'mock:arg=Oslo What is the weather?' },
        { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
        { type: 'function_call_output', call_id: call.call_id, output: 'Sunny, 21°C' },
      ],
    });
    expect(second.output_text).toBe('Based on the tools: get_weather returned Sunny, 21°C.');
    expect(JSON.parse((await gw.row(requestId)).request_body!).input).toHaveLength(3);
  });

  it('streams the Responses event sequence, numbered, with the usage on response.completed', async () => {
    const requestId = randomUUID();
    const stream = await withId(requestId).responses.create({ model: 'mock', input: 'mock:reply=One_two_three go', stream: true });
    const { events: seen, error } = await events(stream);
    expect(error).toBeUndefined();
    expect(seen.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(seen.map((event) => event.sequence_number)).toEqual(seen.map((_, index) => index));
    const completed = seen.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
    expect(completed.response.output_text ?? completed.response.output).toBeDefined();
    expect(completed.response.output[0]).toMatchObject({ type: 'message', content: [{ text: 'One two three' }] });
    expect(completed.response.usage!.output_tokens).toBeGreaterThan(0);
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, provider: 'mock', is_stream: 1, completion_tokens: completed.response.usage!.output_tokens });
    expect(row.time_to_first_token_ms).not.toBeNull();
  });

  it('streams a function call as output_item.added, arguments deltas and done, for responses.stream().finalResponse()', async () => {
    const stream = gw.client().responses.stream({ model: 'mock', input: 'mock:arg=Paris weather?', tools: [weatherTool] });
    const types: string[] = [];
    stream.on('event', (event) => types.push(event.type));
    const final = await stream.finalResponse();
    expect(types).toContain('response.function_call_arguments.delta');
    expect(types).toContain('response.function_call_arguments.done');
    expect(final.output.find((item) => item.type === 'function_call')).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}' });
  });

  it('translates for Anthropic, streaming and not, and logs Anthropic’s usage and cost', async () => {
    const requestId = randomUUID();
    const response = await withId(requestId).responses.create({ model: 'claude-sonnet-4-5/anthropic', instructions: 'Be brief.', input: 'Hello', max_output_tokens: 300 });
    expect(response.output_text).toBe("Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?");
    expect(response.model).toBe('claude-sonnet-4-5-20250929');
    expect(fake.last('anthropic').body).toMatchObject({ model: 'claude-sonnet-4-5', system: 'Be brief.', max_tokens: 300, messages: [{ role: 'user' }] });
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, request_path: '/v1/responses', provider: 'anthropic', prompt_tokens: 12, completion_tokens: 29 });
    expect(row.cost_usd).toBeGreaterThan(0);

    const streamId = randomUUID();
    const stream = await withId(streamId).responses.create({ model: 'claude-sonnet-4-5/anthropic', input: 'Hello', stream: true });
    const { events: seen } = await events(stream);
    const text = seen.flatMap((event) => (event.type === 'response.output_text.delta' ? [event.delta] : [])).join('');
    expect(text).toMatch(/^Hello! I'm doing well, thank you for asking/);
    expect(seen.at(-1)).toMatchObject({ type: 'response.completed', response: { output: [{ content: [{ text }] }], usage: { input_tokens: 12, output_tokens: 30 } } });
    expect(await gw.row(streamId)).toMatchObject({ status: 200, provider: 'anthropic', is_stream: 1, prompt_tokens: 12, completion_tokens: 30 });
  });

  it('reports a cut-off answer as status "incomplete"', async () => {
    const json = fixtureJson('anthropic/anthropic-text.json');
    fake.enqueue('anthropic', { json: { ...json, stop_reason: 'max_tokens' } });
    const response = await gw.client().responses.create({ model: 'claude-sonnet-4-5/anthropic', input: 'Hello', max_output_tokens: 5 });
    expect(response).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
  });

  it('answers a cached Response again with Helicone-Cache-Enabled', async () => {
    const headers = { 'Helicone-Cache-Enabled': 'true' };
    const input = `mock:reply=Cached_${randomUUID().slice(0, 8)} hi`;
    const first = await gw.client({ headers }).responses.create({ model: 'mock', input }).withResponse();
    await gw.running.settled(); // the miss is saved just after its answer
    const second = await gw.client({ headers }).responses.create({ model: 'mock', input }).withResponse();
    expect(first.response.headers.get('helicone-cache')).toBe('MISS');
    expect(second.response.headers.get('helicone-cache')).toBe('HIT');
    expect(second.data).toEqual(first.data);
    const row = await gw.row(second.response.headers.get('helicone-id')!);
    expect(row).toMatchObject({ status: 200, request_path: '/v1/responses', prompt_tokens: first.data.usage!.input_tokens });
  });
});

describe('/v1/responses with Helicone-Target-URL', () => {
  it('translates to the target’s /v1/chat/completions', async () => {
    const response = await gw.client({ headers: { 'Helicone-Target-URL': fake.url } }).responses.create({ model: 'gpt-4o-mini', input: 'Hello' });
    expect(fake.last().url).toBe('/v1/chat/completions');
    expect(fake.last().body).toMatchObject({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] });
    expect(response).toMatchObject({ object: 'response', status: 'completed' });
    expect(response.output_text.length).toBeGreaterThan(0);
  });
});

describe('/v1/responses failover', () => {
  it('fails over from OpenAI’s Responses API (500) to Anthropic, translated', async () => {
    fake.enqueue('responses', { status: 500, json: { error: { message: 'The server had an error', type: 'server_error' } } });
    const requestId = randomUUID();
    const response = await withId(requestId).responses.create({ model: 'gpt-4o-mini/openai,claude-sonnet-4-5/anthropic', input: 'Hello' });
    expect(response.output_text).toMatch(/^Hello! I'm doing well/);
    const row = await gw.row(requestId);
    expect(row.provider).toBe('anthropic');
    expect(row.attempts.map((attempt) => [attempt.provider, attempt.status])).toEqual([
      ['openai', 500],
      ['anthropic', 200],
    ]);
  });

  it('fails over from Anthropic (529) to OpenAI’s Responses API, native', async () => {
    fake.enqueue('anthropic', { status: 529, json: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    const requestId = randomUUID();
    const response = await withId(requestId).responses.create({ model: 'claude-sonnet-4-5/anthropic,gpt-4o-mini/openai', input: 'Say OK', stream: true });
    const { events: seen } = await events(response);
    expect(seen.at(-1)).toMatchObject({ type: 'response.completed', response: { id: 'resp_sanitized_streaming' } });
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ provider: 'openai', status: 200, prompt_tokens: 12 });
    expect(row.attempts.map((attempt) => attempt.status)).toEqual([529, 200]);
  });

  it('passes over a provider that cannot take a field (previous_response_id) to OpenAI, which can', async () => {
    const requestId = randomUUID();
    const response = await withId(requestId).responses.create({ model: 'claude-sonnet-4-5/anthropic,gpt-4o-mini/openai', input: 'And then?', previous_response_id: 'resp_earlier' });
    expect(response.object).toBe('response');
    expect(fake.last('responses').body.previous_response_id).toBe('resp_earlier');
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ provider: 'openai', status: 200 });
    expect(row.attempts.map((attempt) => [attempt.provider, attempt.status])).toEqual([['anthropic', 400], ['openai', 200]]);
  });

  it('translates an OpenAI attempt too once a context-limit handler shortened the input', async () => {
    const long = 'x'.repeat(600_000);
    const response = await gw.post(
      '/v1/responses',
      { model: 'gpt-4o-mini/openai', input: [{ role: 'user', content: `first ${long}` }, { role: 'assistant', content: `middle ${long}` }, { role: 'user', content: 'last question' }] },
      { 'Helicone-Token-Limit-Exception-Handler': 'middle-out' },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ object: 'response', status: 'completed' });
    // The shortened conversation went to Chat Completions, not the client's whole body to /responses.
    expect(fake.requests.filter((request) => request.route === 'responses')).toHaveLength(0);
    expect(JSON.stringify(fake.last('openai').body).length).toBeLessThan(700_000);
  });
});

describe('/v1/responses bad input', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['a missing input', { model: 'mock' }, 'input', /input is required/],
    ['a function_call without call_id', { model: 'mock', input: [{ type: 'function_call', name: 'f', arguments: '{}' }] }, 'input[0].call_id', /input\[0\]\.call_id/],
    ['a message with a bad role', { model: 'mock', input: [{ role: 'robot', content: 'hi' }] }, 'input[0].role', /role must be one of/],
    ['a function tool without a name', { model: 'mock', input: 'hi', tools: [{ type: 'function', parameters: {} }] }, 'tools[0].name', /tools\[0\]\.name/],
    ['a bad max_output_tokens', { model: 'mock', input: 'hi', max_output_tokens: 'many' }, 'max_output_tokens', /must be a number/],
    ['a Helicone prompt_id', { model: 'mock', input: 'hi', prompt_id: 'abc' }, 'prompt_id', /Helicone Prompts is not supported for Responses API format on the AI Gateway/],
    ['a hosted tool for a translated provider', { model: 'mock', input: 'hi', tools: [{ type: 'web_search' }] }, 'tools[0].type', /"web_search" run inside OpenAI.*mock is reached through Chat Completions/],
    ['previous_response_id for a translated provider', { model: 'mock', input: 'hi', previous_response_id: 'resp_1' }, 'previous_response_id', /keeps no conversation state/],
    ['an item_reference for a translated provider', { model: 'claude-sonnet-4-5/anthropic', input: [{ type: 'item_reference', id: 'msg_1' }] }, 'input[0].type', /"item_reference" cannot be translated/],
  ];

  it.each(cases)('answers 400 in OpenAI’s shape naming the field, for %s, and logs it', async (_, body, param, message) => {
    const requestId = randomUUID();
    const error = await apiError(withId(requestId).responses.create(body as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming));
    expect(error.status).toBe(400);
    expect(error.error).toMatchObject({ type: 'invalid_request_error', param, message: expect.stringMatching(message) });
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 400, request_path: '/v1/responses' });
    expect(fake.requests.filter((request) => request.route !== 'responses')).toEqual([]);
  });

  it('sends a hosted tool to OpenAI, which runs it', async () => {
    const response = await gw.client().responses.create({ model: 'gpt-4o-mini/openai', input: 'news?', tools: [{ type: 'web_search' }] });
    expect(response.output_text).toBe('OK');
    expect(fake.last('responses').body.tools).toEqual([{ type: 'web_search' }]);
  });
});

describe('/v1/responses streams that fail', () => {
  it('ends a native stream cut mid-way with an error event the SDK throws, and logs a 500', async () => {
    fake.enqueue('responses', { events: namedEvents('openai-responses/issue-20047-openai-responses.chunks.txt'), cutAfter: 5 });
    const requestId = randomUUID();
    const stream = await withId(requestId).responses.create({ model: 'gpt-4o-mini/openai', input: 'Say OK', stream: true });
    const { events: seen, error } = await events(stream);
    expect(seen.map((event) => event.type)).toContain('response.output_text.delta');
    expect(error?.message).toMatch(/openai stream failed/);
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 500, error_message: expect.stringMatching(/openai stream failed/) });
    expect(JSON.parse(row.response_body!).choices[0].message.content).toBe('OK');
  });

  it('ends a translated stream cut mid-way with an error event, and logs a 500', async () => {
    const requestId = randomUUID();
    const response = await gw.post('/v1/responses', { model: 'mock', input: 'mock:cut-after=3 mock:reply=a_b_c_d_e go', stream: true }, { 'Helicone-Request-Id': requestId });
    const raw = await rawEvents(response);
    const last = raw.at(-1)!;
    expect(last.event).toBe('error');
    expect(JSON.parse(last.data)).toMatchObject({ type: 'error', code: expect.any(String), message: expect.any(String), error: { message: expect.any(String) }, sequence_number: raw.length - 1 });
    expect(raw.map((event) => event.event)).not.toContain('response.completed');
    expect((await gw.row(requestId)).status).toBe(500);
  });

  it('turns OpenAI’s response.failed into an error event and a 500 row', async () => {
    const replay = namedEvents('openai-responses/issue-20047-openai-responses.chunks.txt').slice(0, 4);
    const failed = { type: 'response.failed', sequence_number: 4, response: { id: 'resp_x', object: 'response', status: 'failed', error: { code: 'server_error', message: 'The model crashed' }, output: [] } };
    replay.push({ event: 'response.failed', data: JSON.stringify(failed) });
    fake.enqueue('responses', { events: replay });
    const requestId = randomUUID();
    const stream = await withId(requestId).responses.create({ model: 'gpt-4o-mini/openai', input: 'Say OK', stream: true });
    const { error } = await events(stream);
    expect(error?.message).toMatch(/The model crashed/);
    expect(await gw.row(requestId)).toMatchObject({ status: 500, error_message: expect.stringMatching(/The model crashed/) });
  });
});
