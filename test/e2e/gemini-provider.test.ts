import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixtureChunks, fixtureJson } from '../helpers/fixtures.js';
import { collectStream, gatewayWithFakeProviders, providerKeys } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders();

describe('Gemini through the gateway, in OpenAI’s shapes', () => {
  it('calls generateContent and answers a chat completion with reasoning tokens counted', async () => {
    const requestId = randomUUID();
    const completion = await gw
      .client({ headers: { 'Helicone-Request-Id': requestId } })
      .chat.completions.create({ model: 'gemini-3-pro-preview/gemini', messages: [{ role: 'user', content: "How many r's in strawberry?" }] });
    expect(completion.model).toBe('gemini-3-pro-preview');
    expect(completion.choices[0]!.message.content).toBe("There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.");
    expect(completion.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 28 + 244, total_tokens: 281 });

    const upstream = fake.last('gemini');
    expect(upstream.url).toBe('/v1beta/models/gemini-3-pro-preview:generateContent');
    expect(upstream.headers['x-goog-api-key']).toBe(providerKeys.GEMINI_API_KEY);
    expect(upstream.body.contents).toEqual([{ role: 'user', parts: [{ text: "How many r's in strawberry?" }] }]);

    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, provider: 'gemini', prompt_tokens: 9, completion_tokens: 272, reasoning_tokens: 244 });
    // gemini-3-pro-preview: $2 / $12 per 1M tokens up to 200K prompt tokens.
    expect(row.cost_usd).toBeCloseTo((9 * 2 + 272 * 12) / 1e6, 12);
  });

  it('streams streamGenerateContent as OpenAI chunks, with the cumulative usage logged once', async () => {
    const requestId = randomUUID();
    const stream = await gw
      .client({ headers: { 'Helicone-Request-Id': requestId } })
      .chat.completions.create({ model: 'gemini-3-pro-preview/google-ai-studio', stream: true, messages: [{ role: 'user', content: 'r in strawberry' }] });
    const { text, chunks } = await collectStream(stream);
    expect(text).toBe('There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y');
    expect(chunks).toBeGreaterThan(fixtureChunks('google/google-text.chunks.txt').length);
    expect(fake.last('gemini').url).toBe('/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse');
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, is_stream: 1, prompt_tokens: 9, completion_tokens: 23 + 185, total_tokens: 217, reasoning_tokens: 185 });
    expect(row.cost_usd).toBeCloseTo((9 * 2 + 208 * 12) / 1e6, 12);
  });

  it('returns a Gemini tool call as an OpenAI tool call', async () => {
    fake.enqueue('gemini', { events: fixtureChunks('google/google-tool-call.chunks.txt') });
    const stream = await gw.client().chat.completions.create({
      model: 'gemini-3-pro-preview/gemini',
      stream: true,
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } } }],
      messages: [{ role: 'user', content: 'Weather in SF?' }],
    });
    const { toolName, toolArguments, finishReason } = await collectStream(stream);
    expect(toolName).toBe('weather');
    expect(JSON.parse(toolArguments)).toEqual({ location: 'San Francisco' });
    expect(finishReason).toBe('tool_calls');
    expect(fake.last('gemini').body.tools).toEqual([
      { functionDeclarations: [{ name: 'weather', parametersJsonSchema: { type: 'object', properties: { location: { type: 'string' } } } }] },
    ]);
  });

  it('reads Google’s 429 error body and fails over to the next provider in the chain', async () => {
    fake.enqueue('gemini', { status: 429, json: fixtureJson('google/google-429-retry-info.json') });
    const requestId = randomUUID();
    const completion = await gw
      .client({ headers: { 'Helicone-Request-Id': requestId } })
      .chat.completions.create({ model: 'gemini-3-pro-preview/gemini,gpt-4.1-nano/openai', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.model).toBe('gpt-4.1-nano-2025-04-14');
    const row = await gw.row(requestId);
    expect(row.provider).toBe('openai');
    expect(row.attempts.map((attempt) => [attempt.source, attempt.status])).toEqual([
      ['gemini-3-pro-preview/gemini', 429],
      ['gpt-4.1-nano/openai', 200],
    ]);
    expect(row.attempts[0]!.error).toMatch(/quota/i);
  });
});
