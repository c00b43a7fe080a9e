/**
 * PostHog export end to end: requests carrying Helicone-Posthog-Key (through the openai SDK, and a
 * manual log) reach a PostHog stand-in on 127.0.0.1 as `helicone_request` events in PostHog's
 * batch capture shape, after the answer; a PostHog that never answers delays no request; bad
 * headers are 400s naming the header; the key is in neither the log row nor the gateway's output.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FakeProvider } from '../helpers/fake-provider.js';
import { fakeEnv, GatewayUnderTest } from '../helpers/gateway-under-test.js';
import { eventually, startJsonReceiver } from '../helpers/json-receiver.js';

const fake = await FakeProvider.start();
const posthog = await startJsonReceiver();
const gw = await GatewayUnderTest.start(fakeEnv(fake, { SWITCHYARD_POSTHOG_ALLOW_PRIVATE: '1' }));
afterAll(async () => {
  await gw.close();
  await posthog.close();
  await fake.close();
});

const key = `phc_e2e_SECRET_${randomBytes(10).toString('hex')}`;

interface Batch {
  api_key: string;
  batch: Array<{ event: string; distinct_id: string; uuid: string; timestamp: string; properties: Record<string, unknown> }>;
}

const eventsAt = (path: string) => posthog.received.filter((post) => post.path === path).flatMap((post) => (post.body as Batch).batch.map((event) => ({ ...event, apiKey: (post.body as Batch).api_key })));

describe('Helicone-Posthog-Key', () => {
  it('sends each request to PostHog as a helicone_request event, in the documented shape', async () => {
    const client = gw.client({ headers: { 'Helicone-Posthog-Key': key, 'Helicone-Posthog-Host': `${posthog.url}/ok` } });
    const { data, response } = await client.chat.completions
      .create({ model: 'mock', messages: [{ role: 'user', content: 'hello posthog' }] }, { headers: { 'Helicone-User-Id': 'ph-user', 'Helicone-Session-Id': 'ph-session', 'Helicone-Property-team': 'growth' } })
      .withResponse();
    const requestId = response.headers.get('helicone-id')!;
    expect(data.choices[0]!.message.content).toBeTruthy();
    await eventually(() => eventsAt('/ok/batch/').some((event) => event.uuid === requestId), 'the event reached PostHog');
    const event = eventsAt('/ok/batch/').find((entry) => entry.uuid === requestId)!;
    const post = posthog.received.find((entry) => entry.path === '/ok/batch/')!;
    expect(post.headers['content-type']).toBe('application/json');
    expect(event).toMatchObject({ apiKey: key, event: 'helicone_request', distinct_id: 'ph-user' });
    expect(Number.isNaN(Date.parse(event.timestamp))).toBe(false);
    expect(event.properties).toMatchObject({
      requestId,
      model: expect.any(String),
      provider: 'mock',
      path: '/v1/chat/completions',
      status: 200,
      userId: 'ph-user',
      sessionId: 'ph-session',
      customProperties: { team: 'growth' },
      promptTokens: expect.any(Number),
      completetionTokens: expect.any(Number),
      totalTokens: expect.any(Number),
      delayMs: expect.any(Number),
      cost: expect.any(Number),
    });
    expect(String(event.properties.request)).toContain('hello posthog');
    expect(String(event.properties.response)).toContain(data.choices[0]!.message.content!);

    // The log row says it was sent, and holds no trace of the key.
    const row = await gw.row(requestId);
    expect(row.properties).toMatchObject({ 'Helicone-Sent-To-Posthog': 'true', team: 'growth' });
    expect(JSON.stringify(row)).not.toContain(key);
  });

  it('a manual log carrying the headers is exported too', async () => {
    const requestId = randomUUID();
    const answer = await gw.post(
      '/custom/v1/log',
      {
        providerRequest: { url: 'custom-model-nopath', json: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'logged by hand' }] }, meta: {} },
        providerResponse: { status: 200, headers: {}, json: { usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } } },
      },
      { 'helicone-request-id': requestId, 'helicone-posthog-key': key, 'helicone-posthog-host': `${posthog.url}/manual` },
    );
    expect(answer.status, await answer.clone().text()).toBe(200);
    await eventually(() => eventsAt('/manual/batch/').some((event) => event.uuid === requestId), 'the manual log reached PostHog');
    expect(eventsAt('/manual/batch/').find((event) => event.uuid === requestId)!.properties).toMatchObject({ promptTokens: 3, completetionTokens: 2, model: 'gpt-4o-mini' });
    expect(JSON.stringify(await gw.row(requestId))).not.toContain(key);
  });

  it('a PostHog that never answers delays no request', async () => {
    const client = gw.client({ headers: { 'Helicone-Posthog-Key': key, 'Helicone-Posthog-Host': `${posthog.url}/dead` } });
    await client.chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: 'one' }] });
    await eventually(() => posthog.held.length > 0, 'the event is held by the dead PostHog');
    // The first export is still unanswered, and these requests are answered all the same.
    for (let i = 0; i < 5; i++) {
      const completion = await client.chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: `again ${i}` }] });
      expect(completion.choices[0]!.message.content).toBeTruthy();
    }
    expect(posthog.held.every((res) => !res.writableEnded)).toBe(true);
  });

  it('a refused export is logged without the key', async () => {
    const errors = vi.spyOn(console, 'error');
    try {
      const client = gw.client({ headers: { 'Helicone-Posthog-Key': key, 'Helicone-Posthog-Host': `${posthog.url}/refuse` } });
      await client.chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: 'refused' }] });
      const printed = () => errors.mock.calls.map((call) => call.map(String).join(' ')).join('\n');
      await eventually(() => printed().includes('PostHog export failed'), 'the failure was logged');
      expect(printed()).toContain(posthog.url);
      expect(printed()).toContain('HTTP 400');
      expect(printed()).not.toContain(key);
    } finally {
      errors.mockRestore();
    }
  });

  it('bad headers are a 400 naming the header, without quoting the key', async () => {
    for (const [headers, header] of [
      [{ 'Helicone-Posthog-Key': key, 'Helicone-Posthog-Host': 'not a url' }, 'Helicone-Posthog-Host'],
      [{ 'Helicone-Posthog-Host': posthog.url }, 'Helicone-Posthog-Host'],
      [{ 'Helicone-Posthog-Key': `${key} extra` }, 'Helicone-Posthog-Key'],
    ] as const) {
      const response = await gw.post('/v1/chat/completions', { model: 'mock', messages: [{ role: 'user', content: 'x' }] }, headers);
      const text = await response.text();
      expect(response.status, text).toBe(400);
      expect(text).toContain(header);
      expect(text).not.toContain(key);
    }
  });
});
