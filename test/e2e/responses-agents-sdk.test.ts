/**
 * The OpenAI Agents SDK (real, 0.14) in its default mode, which calls /v1/responses, pointed at
 * the gateway with nothing but its default OpenAI client: an agent with a tool runs, plain and
 * streamed, on the mock provider (translated) and on OpenAI (native, replaying captured streams).
 */
import { Agent, run, setDefaultOpenAIClient, setTracingDisabled, tool } from '@openai/agents';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { namedEvents } from '../helpers/fake-provider.js';
import { gatewayWithFakeProviders, type StoredRow } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders();

setTracingDisabled(true);
setDefaultOpenAIClient(new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'unused', maxRetries: 0 }));

const getWeather = tool({
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => `Sunny in ${city}`,
});

const rowsSince = async (before: number): Promise<StoredRow[]> => (await gw.rows()).slice(before);

describe('the Agents SDK in its default (Responses) mode', () => {
  it('runs an agent with a tool on the mock provider: two /v1/responses calls, the tool result sent back', async () => {
    const before = (await gw.rows()).length;
    const agent = new Agent({ name: 'Forecaster', instructions: 'Answer weather questions.', model: 'mock', tools: [getWeather] });
    const result = await run(agent, 'mock:arg=Oslo What is the weather?');
    expect(result.finalOutput).toBe('Based on the tools: get_weather returned Sunny in Oslo.');

    const rows = await rowsSince(before);
    expect(rows.map((row) => [row.request_path, row.provider, row.status, row.is_stream])).toEqual([
      ['/v1/responses', 'mock', 200, 0],
      ['/v1/responses', 'mock', 200, 0],
    ]);
    const second = JSON.parse(rows[1]!.request_body!) as { instructions: string; input: Array<Record<string, unknown>> };
    expect(second.instructions).toBe('Answer weather questions.');
    expect(second.input.map((item) => item.type ?? item.role)).toEqual(['user', 'function_call', 'function_call_output']);
    expect(second.input[2]).toMatchObject({ output: 'Sunny in Oslo' });
    for (const row of rows) expect(row.prompt_tokens).toBeGreaterThan(0);
  });

  it('streams a run on the mock provider', async () => {
    const before = (await gw.rows()).length;
    const agent = new Agent({ name: 'Forecaster', instructions: 'Answer weather questions.', model: 'mock', tools: [getWeather] });
    const streamed = await run(agent, 'mock:arg=Paris Weather, streamed', { stream: true });
    let text = '';
    for await (const delta of streamed.toTextStream()) text += delta;
    await streamed.completed;
    expect(text).toBe('Based on the tools: get_weather returned Sunny in Paris.');
    const rows = await rowsSince(before);
    expect(rows.map((row) => [row.request_path, row.status, row.is_stream])).toEqual([
      ['/v1/responses', 200, 1],
      ['/v1/responses', 200, 1],
    ]);
    for (const row of rows) expect(row.time_to_first_token_ms).not.toBeNull();
  });

  it('streams a run on OpenAI’s own Responses API, which gets the SDK’s bodies with only the model replaced', async () => {
    fake.enqueue('responses', { events: namedEvents('openai-responses/issue-19493-gpt-5.1-tool-call.chunks.txt') });
    const before = (await gw.rows()).length;
    const agent = new Agent({ name: 'Forecaster', instructions: 'Answer weather questions.', model: 'gpt-5.1/openai', tools: [getWeather] });
    const streamed = await run(agent, 'Weather in Beijing?', { stream: true });
    let text = '';
    for await (const delta of streamed.toTextStream()) text += delta;
    await streamed.completed;
    // The second call is answered by the default replay, the text fixture.
    expect(text).toBe('OK');

    const calls = fake.requests.filter((request) => request.route === 'responses');
    expect(calls).toHaveLength(2);
    const rows = await rowsSince(before);
    for (const [index, row] of rows.entries()) {
      expect(row).toMatchObject({ request_path: '/v1/responses', provider: 'openai', status: 200, is_stream: 1 });
      expect(calls[index]!.body).toEqual({ ...JSON.parse(row.request_body!), model: 'gpt-5.1' });
    }
    expect(calls[1]!.body.input).toContainEqual(expect.objectContaining({ type: 'function_call_output', call_id: 'call_2FQdm3Br7Qb35YUBSkDR7kue', output: 'Sunny in Beijing' }));
    expect(rows.map((row) => [row.prompt_tokens, row.completion_tokens])).toEqual([
      [45, 25],
      [12, 2],
    ]);
  });
});
