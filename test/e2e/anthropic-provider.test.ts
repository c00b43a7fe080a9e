import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anthropicEvents } from '../helpers/fake-provider.js';
import { fixtureJson } from '../helpers/fixtures.js';
import { apiError, collectStream, gatewayWithFakeProviders, providerKeys } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders();

describe('Anthropic through the gateway, in OpenAI’s shapes', () => {
  it('translates the request to Messages and the answer back to a chat completion', async () => {
    const requestId = randomUUID();
    const completion = await gw
      .client({ headers: { 'Helicone-Request-Id': requestId } })
      .chat.completions.create({
        model: 'claude-sonnet-4-5/anthropic',
        max_tokens: 300,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello, how are you?' },
        ],
      });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('claude-sonnet-4-5-20250929');
    expect(completion.choices[0]).toMatchObject({
      message: { role: 'assistant', content: "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?" },
      finish_reason: 'stop',
    });
    expect(completion.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 29, total_tokens: 41 });

    const upstream = fake.last('anthropic');
    expect(upstream.url).toBe('/v1/messages');
    expect(upstream.headers['x-api-key']).toBe(providerKeys.ANTHROPIC_API_KEY);
    expect(upstream.headers['anthropic-version']).toBe('2023-06-01');
    expect(upstream.body).toMatchObject({ model: 'claude-sonnet-4-5', system: 'Be brief.', max_tokens: 300, messages: [{ role: 'user' }] });

    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, provider: 'anthropic', prompt_tokens: 12, completion_tokens: 29, response_model: 'claude-sonnet-4-5-20250929' });
    // claude-sonnet-4-5: $3 / $15 per 1M tokens.
    expect(row.cost_usd).toBeCloseTo((12 * 3 + 29 * 15) / 1e6, 12);
  });

  it('streams Anthropic events as OpenAI chunks with the final usage', async () => {
    const requestId = randomUUID();
    const stream = await gw
      .client({ headers: { 'Helicone-Request-Id': requestId } })
      .chat.completions.create({ model: 'claude-sonnet-4-5/anthropic', stream: true, messages: [{ role: 'user', content: 'Hello' }] });
    const { text, finishReason, usage } = await collectStream(stream);
    expect(text).toBe("Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?");
    expect(finishReason).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 30 });
    expect(fake.last('anthropic').body.stream).toBe(true);

    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, is_stream: 1, prompt_tokens: 12, completion_tokens: 30 });
    expect(row.cost_usd).toBeCloseTo((12 * 3 + 30 * 15) / 1e6, 12);
    expect(JSON.parse(row.response_body!).choices[0].message.content).toBe(text);
  });

  it('streams tool calls whose arguments reassemble to JSON', async () => {
    fake.enqueue('anthropic', { events: anthropicEvents('anthropic/anthropic-json-tool.1.chunks.txt') });
    const stream = await gw.client().chat.completions.create({
      model: 'claude-haiku-4-5/anthropic',
      stream: true,
      tools: [{ type: 'function', function: { name: 'json', parameters: { type: 'object' } } }],
      messages: [{ role: 'user', content: 'Weather?' }],
    });
    const { toolName, toolArguments, finishReason } = await collectStream(stream);
    expect(toolName).toBe('json');
    expect(JSON.parse(toolArguments)).toEqual({ elements: [{ location: 'San Francisco', temperature: 58, condition: 'sunny' }] });
    expect(finishReason).toBe('tool_calls');
  });

  it('logs prompt-cache reads and writes, and prices each at its own rate', async () => {
    const body = fixtureJson('anthropic/anthropic-text.json');
    body.usage = {
      input_tokens: 100,
      cache_read_input_tokens: 1000,
      cache_creation_input_tokens: 2000,
      cache_creation: { ephemeral_5m_input_tokens: 1500, ephemeral_1h_input_tokens: 500 },
      output_tokens: 50,
    };
    fake.enqueue('anthropic', { json: body });
    const { response } = await gw.client().chat.completions.create({ model: 'claude-sonnet-4-5/anthropic', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    const row = await gw.row(response.headers.get('helicone-id')!);
    expect(row).toMatchObject({ prompt_tokens: 3100, prompt_cache_read_tokens: 1000, prompt_cache_write_tokens: 2000, completion_tokens: 50 });
    // $3 input, $0.30 cache read, $3.75 5-minute write, $6 one-hour write, $15 output, per 1M tokens.
    expect(row.cost_usd).toBeCloseTo((100 * 3 + 1000 * 0.3 + 1500 * 3.75 + 500 * 6 + 50 * 15) / 1e6, 12);
  });

  it('logs an unknown response model’s cost as null, not 0', async () => {
    fake.enqueue('anthropic', { events: anthropicEvents('anthropic/anthropic-code-execution-20260120-prompt-cache.1.chunks.txt') });
    const requestId = randomUUID();
    const stream = await gw
      .client({ headers: { 'Helicone-Request-Id': requestId } })
      .chat.completions.create({ model: 'claude-sonnet-4-5/anthropic', stream: true, messages: [{ role: 'user', content: 'run code' }] });
    await collectStream(stream);
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ response_model: 'claude-sonnet-5', prompt_cache_read_tokens: 6289, prompt_cache_write_tokens: 3337, completion_tokens: 198 });
    expect(row.prompt_tokens).toBe(6 + 6289 + 3337);
    expect(row.cost_usd).toBeNull();
  });

  it('passes Anthropic’s error status and message to the client', async () => {
    fake.enqueue('anthropic', { status: 404, json: { type: 'error', error: { type: 'not_found_error', message: 'model: claude-nope' } } });
    const error = await apiError(gw.client().chat.completions.create({ model: 'claude-nope/anthropic', messages: [{ role: 'user', content: 'hi' }] }));
    expect(error.status).toBe(404);
    expect(error.message).toContain('model: claude-nope');
  });
});
