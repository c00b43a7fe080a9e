/**
 * Helicone-Token-Limit-Exception-Handler end to end: the offline mock (context window 128000,
 * prompt tokens counted at 4 characters a token) and gpt-4o (128000) served by the fake provider.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders();

const handler = 'Helicone-Token-Limit-Exception-Handler';
const huge = 'x'.repeat(600_000); // ≈ 150 000 tokens > 128 000

async function send(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const requestId = randomUUID();
  const response = await gw.post('/v1/chat/completions', body, { 'Helicone-Request-Id': requestId, ...headers });
  const json = (await response.json()) as {
    model?: string;
    choices?: Array<{ message: { content: string } }>;
    usage?: { prompt_tokens: number };
    error?: { message: string; type: string; code?: string; param?: string };
  };
  return { response, json, row: await gw.row(requestId) };
}

describe('Helicone-Token-Limit-Exception-Handler', () => {
  it('without the header an oversized request passes through unchanged', async () => {
    const { response, json, row } = await send({ model: 'mock', messages: [{ role: 'user', content: huge }] });
    expect(response.status).toBe(200);
    expect(json.usage!.prompt_tokens).toBe(150_000);
    expect(row.prompt_tokens).toBe(150_000);
    expect(row.properties).toEqual({});
  });

  it('truncate shortens the prompt to fit the window (minus max_tokens)', async () => {
    const body = { model: 'mock', max_tokens: 1000, messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: huge }] };
    const { response, json, row } = await send(body, { [handler]: 'truncate' });
    expect(response.status).toBe(200);
    expect(row.status).toBe(200);
    expect(row.prompt_tokens).toBeLessThan(128_000 - 1000);
    expect(row.prompt_tokens).toBeGreaterThan(120_000); // cut to fit, not emptied
    expect(json.usage!.prompt_tokens).toBe(row.prompt_tokens);
    expect(json.choices![0]!.message.content).toMatch(/^Mock reply to: x+$/);
    expect(row.properties).toEqual({ 'Helicone-Token-Limit-Applied': 'truncate' });
    expect(row.request_body).toBe(JSON.stringify(body)); // the log keeps what the client sent
  });

  it('middle-out drops the middle of the conversation and keeps the last user message', async () => {
    const messages = [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'first question' },
      ...Array.from({ length: 10 }, (_, i) => ({ role: i % 2 === 0 ? 'assistant' : 'user', content: String(i).repeat(60_000) })),
      { role: 'user', content: 'What is the final question?' },
    ];
    const { response, json, row } = await send({ model: 'mock', messages }, { [handler]: 'middle-out' });
    expect(response.status).toBe(200);
    expect(json.choices![0]!.message.content).toBe('Mock reply to: What is the final question?');
    // 8 of the 10 middle messages (15 000 tokens each) are kept, plus the short ones.
    const kept = 'You are terse.\nfirst question\n'.length + 8 * 60_001 + 'What is the final question?'.length;
    expect(row.prompt_tokens).toBe(Math.ceil(kept / 4));
    expect(row.prompt_tokens).toBeLessThan(128_000);
    expect(row.properties).toEqual({ 'Helicone-Token-Limit-Applied': 'middle-out' });
  });

  it('fallback uses the second model when the first window is exceeded', async () => {
    const { response, json, row } = await send({ model: 'gpt-4o, mock', messages: [{ role: 'user', content: huge }] }, { [handler]: 'fallback' });
    expect(response.status).toBe(200);
    expect(json.usage!.prompt_tokens).toBe(150_000); // not shortened: mock answered the whole prompt
    expect(row.provider).toBe('mock');
    expect(row.request_model).toBe('gpt-4o, mock');
    expect(row.attempts.map((attempt) => attempt.source)).toEqual(['mock/mock']);
    expect(fake.requests).toHaveLength(0); // gpt-4o was never tried
    expect(row.properties).toEqual({ 'Helicone-Token-Limit-Applied': 'fallback' });
  });

  it('fallback under the window normalises model to the first entry (no fallback to the second)', async () => {
    const body = { model: 'mock, gpt-4o', messages: [{ role: 'user', content: 'hi mock:error=500' }] };
    const withHandler = await send(body, { [handler]: 'fallback' });
    expect(withHandler.response.status).toBe(500);
    expect(withHandler.row.attempts.map((attempt) => [attempt.source, attempt.status])).toEqual([['mock/mock', 500]]);
    expect(fake.requests).toHaveLength(0);
    expect(withHandler.row.properties).toEqual({});

    // Without the handler the same model string falls back to gpt-4o.
    const without = await send(body);
    expect(without.response.status).toBe(200);
    expect(without.row.provider).toBe('openai');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.body.model).toBe('gpt-4o');
  });

  it('an unknown handler is a 400 invalid_header naming the header', async () => {
    const { response, json, row } = await send({ model: 'mock', messages: [{ role: 'user', content: 'hi' }] }, { [handler]: 'squash' });
    expect(response.status).toBe(400);
    expect(json.error).toMatchObject({ code: 'invalid_header', param: 'Helicone-Token-Limit-Exception-Handler' });
    expect(json.error!.message).toBe('Helicone-Token-Limit-Exception-Handler must be one of truncate, middle-out, fallback, got "squash"');
    expect(row.status).toBe(400);
  });

  it('a model the registry does not know is left alone', async () => {
    const { response, row } = await send(
      { model: 'my-local-model/openai', messages: [{ role: 'user', content: 'x'.repeat(1000) }] },
      { [handler]: 'truncate' },
    );
    expect(response.status).toBe(200);
    expect(fake.requests[0]!.body.messages).toEqual([{ role: 'user', content: 'x'.repeat(1000) }]);
    expect(row.properties).toEqual({});
  });
});
