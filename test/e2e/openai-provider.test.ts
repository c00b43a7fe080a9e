import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixtureChunks } from '../helpers/fixtures.js';
import { gatewayWithFakeProviders, providerKeys } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders();

describe('OpenAI through the gateway, with the official openai SDK', () => {
  it('answers a chat completion with OpenAI’s own response, and logs tokens, cost, session, user and properties', async () => {
    const requestId = randomUUID();
    const client = gw.client({
      headers: {
        'Helicone-Request-Id': requestId,
        'Helicone-Session-Id': 'session-1',
        'Helicone-Session-Path': '/holiday/plan',
        'Helicone-Session-Name': 'Holiday planner',
        'Helicone-User-Id': 'alice@example.com',
        'Helicone-Property-Environment': 'test',
        'Helicone-Property-App': 'mobile',
      },
    });
    const { data: completion, response } = await client.chat.completions
      .create({ model: 'gpt-4.1-nano/openai', messages: [{ role: 'user', content: 'Invent a holiday' }] })
      .withResponse();

    expect(response.headers.get('helicone-id')).toBe(requestId);
    expect(completion.model).toBe('gpt-4.1-nano-2025-04-14');
    expect(completion.choices[0]!.message.content).toMatch(/^\*\*Holiday Name:\*\* Galaxy Day/);
    expect(completion.usage).toMatchObject({ prompt_tokens: 16, completion_tokens: 363, total_tokens: 379 });

    const upstream = fake.last('openai');
    expect(upstream.body.model).toBe('gpt-4.1-nano');
    expect(upstream.headers.authorization).toBe(`Bearer ${providerKeys.OPENAI_API_KEY}`);
    // Helicone headers stay at the gateway.
    expect(Object.keys(upstream.headers).filter((name) => name.startsWith('helicone-'))).toEqual([]);

    const row = await gw.row(requestId);
    expect(row).toMatchObject({
      status: 200,
      provider: 'openai',
      request_path: '/v1/chat/completions',
      target_url: `${fake.url}/v1/chat/completions`,
      request_model: 'gpt-4.1-nano/openai',
      response_model: 'gpt-4.1-nano-2025-04-14',
      is_stream: 0,
      prompt_tokens: 16,
      completion_tokens: 363,
      total_tokens: 379,
      prompt_cache_read_tokens: 0,
      reasoning_tokens: 0,
      user_id: 'alice@example.com',
      session_id: 'session-1',
      session_path: '/holiday/plan',
      session_name: 'Holiday planner',
      properties: { environment: 'test', app: 'mobile' },
    });
    // gpt-4.1-nano: $0.10 / $0.40 per 1M tokens.
    expect(row.cost_usd).toBeCloseTo((16 * 0.1 + 363 * 0.4) / 1e6, 12);
    expect(row.attempts).toEqual([{ source: 'gpt-4.1-nano/openai', provider: 'openai', status: 200, durationMs: expect.any(Number) }]);
    expect(JSON.parse(row.request_body!).messages[0].content).toBe('Invent a holiday');
    expect(JSON.parse(row.response_body!).id).toBe('chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU');
  });

  it('streams chunks to the client as they arrive, asks upstream for usage, and logs tokens and time to first token', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    fake.enqueue('openai', { events: fixtureChunks('openai-chat/azure-model-router.1.chunks.txt'), done: true, holdAfterFirst: held });
    const requestId = randomUUID();
    const stream = await gw
      .client({ headers: { 'Helicone-Request-Id': requestId } })
      .chat.completions.create({ model: 'gpt-5-nano/openai', stream: true, messages: [{ role: 'user', content: 'Capital of Denmark?' }] });

    const iterator = stream[Symbol.asyncIterator]();
    // The provider holds back everything after its first event: the client still gets that one now.
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect(first.value.choices).toEqual([]);
    release();
    let text = '';
    let usage;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      text += next.value.choices[0]?.delta.content ?? '';
      usage = next.value.usage ?? usage;
    }
    expect(text).toBe('Capital of Denmark.');
    expect(usage).toMatchObject({ prompt_tokens: 15, completion_tokens: 78, total_tokens: 93 });
    expect(fake.last('openai').body.stream_options).toEqual({ include_usage: true });

    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, is_stream: 1, prompt_tokens: 15, completion_tokens: 78, reasoning_tokens: 64, response_model: 'gpt-5-nano-2025-08-07' });
    expect(row.cost_usd).toBeCloseTo((15 * 0.05 + 78 * 0.4) / 1e6, 12);
    expect(row.time_to_first_token_ms).toEqual(expect.any(Number));
    expect(row.time_to_first_token_ms!).toBeLessThanOrEqual(row.latency_ms);
    const logged = JSON.parse(row.response_body!);
    expect(logged.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'Capital of Denmark.' }, finish_reason: 'stop' });
  });

  it('serves /chat/completions without the /v1 prefix too', async () => {
    const response = await gw.post('/chat/completions', { model: 'gpt-4.1-nano/openai', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.status).toBe(200);
    const rows = await gw.rows('WHERE r.request_id = ?', [response.headers.get('helicone-id')]);
    expect(rows[0]!.request_path).toBe('/chat/completions');
  });

  it('routes a bare registry model to a configured provider that serves it', async () => {
    const completion = await gw.client().chat.completions.create({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.id).toBe('chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU');
    // OpenAI and Azure serve gpt-4.1-nano at the same price: either may take the turn.
    expect(['openai', 'azure']).toContain(fake.last().route);
  });

  it('lists the registry’s models in OpenAI’s list shape', async () => {
    const models = [];
    for await (const model of gw.client().models.list()) models.push(model);
    expect(models.length).toBeGreaterThan(30);
    expect(models.find((model) => model.id === 'claude-sonnet-4-5')).toEqual({ id: 'claude-sonnet-4-5', object: 'model', created: expect.any(Number), owned_by: 'anthropic' });
  });

  it('prices with Helicone-Model-Override instead of the response model', async () => {
    const { response } = await gw
      .client({ headers: { 'Helicone-Model-Override': 'gpt-4.1' } })
      .chat.completions.create({ model: 'gpt-4.1-nano/openai', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    const row = await gw.row(response.headers.get('helicone-id')!);
    expect(row.model_override).toBe('gpt-4.1');
    expect(row.model).toBe('gpt-4.1');
    // gpt-4.1: $2 / $8 per 1M tokens.
    expect(row.cost_usd).toBeCloseTo((16 * 2 + 363 * 8) / 1e6, 12);
  });

  it('calls Azure OpenAI at the deployment URL with api-key and api-version', async () => {
    const completion = await gw.client().chat.completions.create({ model: 'gpt-4.1-nano/azure/my-nano-deployment', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.model).toBe('gpt-4.1-nano-2025-04-14');
    const upstream = fake.last('azure');
    expect(upstream.url).toBe('/openai/deployments/my-nano-deployment/chat/completions?api-version=2024-10-21');
    expect(upstream.headers['api-key']).toBe(providerKeys.AZURE_API_KEY);
    expect(upstream.headers.authorization).toBeUndefined();
  });

  it('sends OpenAI-compatible providers their own key and base URL (groq)', async () => {
    await gw.client().chat.completions.create({ model: 'llama-3.3-70b-versatile/groq', messages: [{ role: 'user', content: 'hi' }] });
    const upstream = fake.last('openai');
    expect(upstream.headers.authorization).toBe(`Bearer ${providerKeys.GROQ_API_KEY}`);
    expect(upstream.body.model).toBe('llama-3.3-70b-versatile');
  });
});
