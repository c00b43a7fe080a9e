/**
 * SWITCHYARD_UPSTREAM_TIMEOUT_MS: a provider that sends nothing for that long fails its attempt
 * with a 504, which fails over to the next provider like any server error.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders(() => ({ SWITCHYARD_UPSTREAM_TIMEOUT_MS: '300' }));

describe('a provider that does not answer in time', () => {
  it('is a 504 attempt, and the chain goes on to the next provider', async () => {
    fake.enqueue('openai', { stall: true });
    const requestId = randomUUID();
    const response = await gw.post(
      '/v1/chat/completions',
      { model: 'gpt-4.1-nano/openai,claude-sonnet-4-5/anthropic', messages: [{ role: 'user', content: 'timeout then fallback' }] },
      { 'Helicone-Request-Id': requestId },
    );
    expect(response.status).toBe(200);
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, provider: 'anthropic' });
    expect(row.attempts.map((attempt) => [attempt.provider, attempt.status])).toEqual([['openai', 504], ['anthropic', 200]]);
    expect(row.attempts[0]!.error).toContain('openai did not start answering in time');
  });

  it('alone, answers the client with a 504 that says so', async () => {
    fake.enqueue('openai', { stall: true });
    const response = await gw.post('/v1/chat/completions', { model: 'gpt-4.1-nano/openai', messages: [{ role: 'user', content: 'timeout alone' }] });
    expect(response.status).toBe(504);
    const { error } = (await response.json()) as { error: { message: string; type: string } };
    expect(error.message).toContain('did not start answering in time');
    expect(error.type).toBe('provider_timeout');
  });
});
