/**
 * Helicone's retries end to end: Helicone-Retry-* headers through the gateway to fake providers
 * that fail on cue, every try in the log.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cancelledStatus } from '../../gateway/src/log/log-record.js';
import { apiError, collectStream, gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders();

/** Small timeouts keep the tests fast. */
const retry = (extra: Record<string, string> = {}) => ({
  'Helicone-Retry-Enabled': 'true',
  'helicone-retry-num': '2',
  'helicone-retry-factor': '2',
  'helicone-retry-min-timeout': '5',
  'helicone-retry-max-timeout': '20',
  ...extra,
});

const ask = (model: string, headers: Record<string, string>, content = 'hi') =>
  gw.client({ headers }).chat.completions.create({ model, messages: [{ role: 'user', content }] });

const openaiError = (status: number, message = `upstream said ${status}`) => ({ status, json: { error: { message, type: 'test_error' } } });

const tries = async (requestId: string) => (await gw.row(requestId)).attempts.map(({ source, status, error }) => ({ source, status, error }));

describe('Helicone-Retry-Enabled', () => {
  it('retries a 429 on the same provider and answers when a retry succeeds', async () => {
    fake.enqueue('openai', openaiError(429, 'slow down'), openaiError(429, 'slow down'));
    const requestId = randomUUID();
    const completion = await ask('gpt-4.1-nano/openai,claude-sonnet-4-5/anthropic', { ...retry(), 'Helicone-Request-Id': requestId });
    expect(completion.choices[0]?.message.content).toBeTruthy();
    expect(fake.requests.map((request) => request.route)).toEqual(['openai', 'openai', 'openai']);
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 200, provider: 'openai' });
    expect(await tries(requestId)).toEqual([
      { source: 'gpt-4.1-nano/openai', status: 429, error: 'slow down' },
      { source: 'gpt-4.1-nano/openai', status: 429, error: 'slow down' },
      { source: 'gpt-4.1-nano/openai', status: 200, error: undefined },
    ]);
  });

  it('retries 5xx up to helicone-retry-num times, then fails over to the next attempt', async () => {
    fake.enqueue('openai', openaiError(500), openaiError(503), openaiError(502));
    const requestId = randomUUID();
    const completion = await ask('gpt-4.1-nano/openai,claude-sonnet-4-5/anthropic', { ...retry(), 'Helicone-Request-Id': requestId });
    expect(completion.model).toBe('claude-sonnet-4-5-20250929');
    expect(fake.requests.map((request) => request.route)).toEqual(['openai', 'openai', 'openai', 'anthropic']);
    expect(await tries(requestId)).toEqual([
      { source: 'gpt-4.1-nano/openai', status: 500, error: 'upstream said 500' },
      { source: 'gpt-4.1-nano/openai', status: 503, error: 'upstream said 503' },
      { source: 'gpt-4.1-nano/openai', status: 502, error: 'upstream said 502' },
      { source: 'claude-sonnet-4-5/anthropic', status: 200, error: undefined },
    ]);
  });

  it('retries a streamed request before the stream starts', async () => {
    fake.enqueue('openai', openaiError(503));
    const requestId = randomUUID();
    const stream = await gw
      .client({ headers: { ...retry(), 'Helicone-Request-Id': requestId } })
      .chat.completions.create({ model: 'gpt-4.1-nano/openai', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const collected = await collectStream(stream);
    expect(collected.text).not.toBe('');
    expect((await tries(requestId)).map(({ status }) => status)).toEqual([503, 200]);
  });

  for (const status of [400, 401, 403]) {
    it(`never retries ${status}`, async () => {
      fake.enqueue('openai', openaiError(status));
      const requestId = randomUUID();
      await ask('gpt-4.1-nano/openai,claude-sonnet-4-5/anthropic', { ...retry(), 'Helicone-Request-Id': requestId }).catch(() => undefined);
      expect(fake.requests.filter((request) => request.route === 'openai')).toHaveLength(1);
      expect((await tries(requestId))[0]).toEqual({ source: 'gpt-4.1-nano/openai', status, error: `upstream said ${status}` });
    });
  }

  it('answers the last error when every retry of the only attempt fails, logging each try (mock provider)', async () => {
    const requestId = randomUUID();
    const error = await apiError(ask('mock', { ...retry(), 'Helicone-Request-Id': requestId }, 'mock:error=503'));
    expect(error.status).toBe(503);
    const row = await gw.row(requestId);
    expect(row.status).toBe(503);
    expect(row.attempts.map(({ source, status }) => `${source} ${status}`)).toEqual(['mock/mock 503', 'mock/mock 503', 'mock/mock 503']);
    expect(row.attempts.every(({ error: message }) => message === 'mock: simulated HTTP 503 (mock:error)')).toBe(true);
  });

  it('uses Helicone’s default of 5 retries when helicone-retry-num is not sent', async () => {
    const requestId = randomUUID();
    await apiError(
      ask('mock', { 'Helicone-Retry-Enabled': 'true', 'helicone-retry-min-timeout': '1', 'helicone-retry-max-timeout': '2', 'Helicone-Request-Id': requestId }, 'mock:error=500'),
    );
    expect((await gw.row(requestId)).attempts).toHaveLength(6);
  });

  it('without the header, a 429 fails over at once (no retries)', async () => {
    fake.enqueue('openai', openaiError(429));
    const requestId = randomUUID();
    await ask('gpt-4.1-nano/openai,claude-sonnet-4-5/anthropic', { 'Helicone-Request-Id': requestId });
    expect(fake.requests.map((request) => request.route)).toEqual(['openai', 'anthropic']);
    expect((await tries(requestId)).map(({ status }) => status)).toEqual([429, 200]);
  });

  it('with Helicone-Retry-Enabled: false, does not retry', async () => {
    const requestId = randomUUID();
    await apiError(ask('mock', { ...retry({ 'Helicone-Retry-Enabled': 'false' }), 'Helicone-Request-Id': requestId }, 'mock:error=503'));
    expect((await gw.row(requestId)).attempts).toHaveLength(1);
  });

  const invalid: Array<[Record<string, string>, string]> = [
    [{ 'Helicone-Retry-Enabled': 'maybe' }, 'Helicone-Retry-Enabled'],
    [{ 'helicone-retry-num': 'three' }, 'Helicone-Retry-Num'],
    [{ 'helicone-retry-num': '-1' }, 'Helicone-Retry-Num'],
    [{ 'helicone-retry-num': '11' }, 'Helicone-Retry-Num'],
    [{ 'helicone-retry-factor': '0.5' }, 'Helicone-Retry-Factor'],
    [{ 'helicone-retry-min-timeout': 'soon' }, 'Helicone-Retry-Min-Timeout'],
    [{ 'helicone-retry-max-timeout': '-10' }, 'Helicone-Retry-Max-Timeout'],
    [{ 'helicone-retry-min-timeout': '50', 'helicone-retry-max-timeout': '10' }, 'Helicone-Retry-Min-Timeout'],
  ];
  for (const [headers, header] of invalid) {
    it(`answers 400 invalid_header naming ${header} for ${JSON.stringify(headers)}, without calling the provider`, async () => {
      const response = await gw.post('/v1/chat/completions', { model: 'gpt-4.1-nano/openai', messages: [{ role: 'user', content: 'hi' }] }, retry(headers));
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { type: string; param: string | null; message: string } };
      expect(body.error.type).toBe('invalid_header');
      expect(body.error.param).toBe(header);
      expect(body.error.message).toContain(header);
      expect(fake.requests).toHaveLength(0);
    });
  }

  it('stops waiting when the client disconnects during the backoff', async () => {
    const requestId = randomUUID();
    const controller = new AbortController();
    const sent = fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      signal: controller.signal,
      headers: {
        'content-type': 'application/json',
        ...retry({ 'helicone-retry-num': '5', 'helicone-retry-min-timeout': '60000', 'helicone-retry-max-timeout': '60000' }),
        'Helicone-Request-Id': requestId,
      },
      body: JSON.stringify({ model: 'mock', messages: [{ role: 'user', content: 'mock:error=503' }] }),
    }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await sent;
    // The row is written once the gateway stops waiting: well before the 60 s backoff.
    let row;
    for (let i = 0; i < 100 && !row; i++) {
      row = await gw.row(requestId).catch(() => undefined);
      if (!row) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(row).toBeDefined();
    expect(row!.status).toBe(cancelledStatus);
    expect(row!.attempts.map(({ status }) => status)).toEqual([503]);
  });
});
