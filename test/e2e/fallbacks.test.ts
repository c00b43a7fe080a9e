import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiError, gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

// deepseek points at a closed port: a provider that cannot be reached.
const { fake, gw } = await gatewayWithFakeProviders(() => ({ DEEPSEEK_API_KEY: 'sk-deepseek-test', DEEPSEEK_BASE_URL: 'http://127.0.0.1:9/v1' }));

const ask = (model: string, headers: Record<string, string> = {}) =>
  gw.client({ headers }).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

const failure = async (model: string) => {
  const error = await apiError(ask(model));
  return error as typeof error & { error: { message: string; type: string; details?: Array<{ source: string; status: number; message: string }> } };
};

const openaiError = (status: number, message: string) => ({ status, json: { error: { message, type: 'test_error' } } });

describe('fallback chains', () => {
  for (const status of [429, 401, 400, 408, 500, 503]) {
    it(`falls back to the next provider on ${status}`, async () => {
      fake.enqueue('openai', openaiError(status, `upstream said ${status}`));
      const requestId = randomUUID();
      const completion = await ask('gpt-4.1-nano/openai,claude-sonnet-4-5/anthropic', { 'Helicone-Request-Id': requestId });
      expect(completion.model).toBe('claude-sonnet-4-5-20250929');
      const row = await gw.row(requestId);
      expect(row.provider).toBe('anthropic');
      expect(row.status).toBe(200);
      expect(row.attempts.map(({ source, status: attemptStatus, error }) => ({ source, status: attemptStatus, error }))).toEqual([
        { source: 'gpt-4.1-nano/openai', status, error: `upstream said ${status}` },
        { source: 'claude-sonnet-4-5/anthropic', status: 200, error: undefined },
      ]);
    });
  }

  it('falls back when the provider drops the connection while sending its answer', async () => {
    fake.enqueue('openai', { json: { id: 'partial' }, cutBody: true });
    const requestId = randomUUID();
    const completion = await ask('gpt-4.1-nano/openai,claude-sonnet-4-5/anthropic', { 'Helicone-Request-Id': requestId });
    expect(completion.model).toBe('claude-sonnet-4-5-20250929');
    const row = await gw.row(requestId);
    expect(row.attempts[0]).toMatchObject({ source: 'gpt-4.1-nano/openai', status: 502, error: expect.stringMatching(/^openai sent an answer the gateway could not read/) });
  });

  it('falls back when a provider answers 200 with JSON that is not a completion object', async () => {
    fake.enqueue('openai', { json: 'not a completion' });
    const requestId = randomUUID();
    await ask('gpt-4.1-nano/openai,claude-sonnet-4-5/anthropic', { 'Helicone-Request-Id': requestId });
    expect((await gw.row(requestId)).provider).toBe('anthropic');
  });

  it('logs a well-formed row even when the provider’s answer has a model that is not a string', async () => {
    fake.enqueue('openai', { json: { id: 'x', object: 'chat.completion', created: 1, model: 5, choices: 'nope', usage: { prompt_tokens: 3, completion_tokens: 4 } } });
    const requestId = randomUUID();
    await ask('gpt-4.1-nano/openai', { 'Helicone-Request-Id': requestId });
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, response_model: null, prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
    // Priced as the model that was asked for, since the answer named none.
    expect(row.cost_usd).toBeCloseTo((3 * 0.1 + 4 * 0.4) / 1e6, 12);
  });

  it('falls back when a provider cannot be reached', async () => {
    const requestId = randomUUID();
    await ask('deepseek-chat/deepseek,gpt-4.1-nano/openai', { 'Helicone-Request-Id': requestId });
    const row = await gw.row(requestId);
    expect(row.attempts[0]).toMatchObject({ source: 'deepseek-chat/deepseek', status: 0, error: expect.stringContaining('could not reach deepseek') });
    expect(row.provider).toBe('openai');
  });

  it('does not fall back on 403 or 404: that answer is returned', async () => {
    fake.enqueue('openai', openaiError(403, 'model blocked for this key'));
    const error = await failure('gpt-4.1-nano/openai,claude-sonnet-4-5/anthropic');
    expect(error.status).toBe(403);
    expect(error.error.message).toBe('gpt-4.1-nano/openai: model blocked for this key');
    expect(fake.requests.map((request) => request.route)).toEqual(['openai']);
  });

  it('when every attempt fails, answers the most actionable error (401 over 500 over 429) with every attempt listed', async () => {
    fake.enqueue('openai', openaiError(429, 'slow down'));
    fake.enqueue('anthropic', { status: 500, json: { type: 'error', error: { type: 'api_error', message: 'overloaded' } } });
    fake.enqueue('gemini', { status: 401, json: { error: { code: 401, message: 'API key not valid', status: 'UNAUTHENTICATED' } } });
    const error = await failure('gpt-4.1-nano/openai,claude-sonnet-4-5/anthropic,gemini-2.5-flash/gemini');
    expect(error.status).toBe(401);
    expect(error.error.message).toBe('All 3 attempts failed. gemini-2.5-flash/gemini: API key not valid');
    expect(error.error.details).toEqual([
      { source: 'gpt-4.1-nano/openai', status: 429, message: 'slow down' },
      { source: 'claude-sonnet-4-5/anthropic', status: 500, message: 'overloaded' },
      { source: 'gemini-2.5-flash/gemini', status: 401, message: 'API key not valid' },
    ]);
  });

  it('answers 429 only when every attempt was rate limited', async () => {
    fake.enqueue('openai', openaiError(429, 'openai busy'));
    fake.enqueue('anthropic', { status: 429, json: { type: 'error', error: { type: 'rate_limit_error', message: 'anthropic busy' } } });
    const error = await failure('gpt-4.1-nano/openai,claude-sonnet-4-5/anthropic');
    expect(error.status).toBe(429);
  });

  it('logs a failed request with its status, error and attempts', async () => {
    fake.enqueue('openai', openaiError(500, 'boom'));
    const requestId = randomUUID();
    await ask('gpt-4.1-nano/openai', { 'Helicone-Request-Id': requestId }).catch(() => undefined);
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 500, error_message: 'gpt-4.1-nano/openai: boom', prompt_tokens: null, cost_usd: null });
    expect(JSON.parse(row.response_body!).error.message).toBe('gpt-4.1-nano/openai: boom');
  });

  it('skips providers excluded with !provider when routing a bare model', async () => {
    await ask('!openai,gpt-4.1-nano');
    expect(fake.requests.map((request) => request.route)).toEqual(['azure']);
  });

  it('tries a provider without a key as a failed attempt that says which variable to set', async () => {
    const requestId = randomUUID();
    await ask('grok-3-mini/xai,gpt-4.1-nano/openai', { 'Helicone-Request-Id': requestId });
    const row = await gw.row(requestId);
    expect(row.attempts[0]).toMatchObject({ source: 'grok-3-mini/xai', status: 400, error: 'provider xai has no key: set XAI_API_KEY' });
  });
});
