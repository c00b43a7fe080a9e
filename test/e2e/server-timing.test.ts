/**
 * Every answer tells how long the gateway itself took, apart from the provider: a Server-Timing
 * header with `gateway` and `provider` durations, on JSON answers, streams and cache hits.
 */
import { describe, expect, it } from 'vitest';
import { fixtureChunks, fixtureJson } from '../helpers/fixtures.js';
import { gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders();

function timingOf(response: Response): { gateway: number; provider: number } {
  const header = response.headers.get('server-timing') ?? '';
  const dur = (name: string) => Number(new RegExp(`(?:^|,\\s*)${name};dur=([\\d.]+)`).exec(header)?.[1] ?? Number.NaN);
  return { gateway: dur('gateway'), provider: dur('provider') };
}

describe('Server-Timing', () => {
  it('splits a JSON answer into time in the gateway and time waiting on the provider', async () => {
    fake.enqueue('openai', { delayMs: 120, json: fixtureJson('openai-chat/openai-text.json') });
    const response = await gw.post('/v1/chat/completions', { model: 'gpt-4.1-nano/openai', messages: [{ role: 'user', content: 'timing: json' }] });
    expect(response.status).toBe(200);
    await response.text();
    const timing = timingOf(response);
    expect(timing.provider).toBeGreaterThanOrEqual(120);
    expect(timing.gateway).toBeGreaterThanOrEqual(0);
    expect(timing.gateway).toBeLessThan(timing.provider);
  });

  it('is sent with a stream’s headers, counting the provider’s wait for its first event', async () => {
    fake.enqueue('openai', { delayMs: 120, events: fixtureChunks('openai-chat/azure-model-router.1.chunks.txt'), done: true });
    const response = await gw.post('/v1/chat/completions', { model: 'gpt-4.1-nano/openai', stream: true, messages: [{ role: 'user', content: 'timing: stream' }] });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('data: [DONE]');
    const timing = timingOf(response);
    expect(timing.provider).toBeGreaterThanOrEqual(120);
    expect(timing.gateway).toBeLessThan(timing.provider);
  });

  it('gives a cache hit no provider time', async () => {
    const body = { model: 'gpt-4.1-nano/openai', messages: [{ role: 'user', content: 'timing: cache' }] };
    await (await gw.post('/v1/chat/completions', body, { 'Helicone-Cache-Enabled': 'true' })).text();
    await gw.running.settled(); // the miss is saved just after its answer
    const hit = await gw.post('/v1/chat/completions', body, { 'Helicone-Cache-Enabled': 'true' });
    expect(hit.headers.get('helicone-cache')).toBe('HIT');
    await hit.text();
    expect(timingOf(hit).provider).toBe(0);
    expect(timingOf(hit).gateway).toBeGreaterThanOrEqual(0);
  });
});
