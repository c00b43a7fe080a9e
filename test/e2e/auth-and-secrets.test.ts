import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGatewayKey } from '../../gateway/src/auth/gateway-keys.js';
import { fakeEnv, GatewayUnderTest, gatewayWithFakeProviders, providerKeys } from '../helpers/gateway-under-test.js';
import { testStoreIsPostgres } from '../helpers/postgres.js';

const { fake, gw } = await gatewayWithFakeProviders((fake) => ({ SWITCHYARD_TARGET_URL_ALLOWLIST: fake.url }));

const chat = { model: 'mock', messages: [{ role: 'user', content: 'hi' }] };

describe('gateway keys', () => {
  it('without keys, serves loopback clients with no credentials', async () => {
    expect((await gw.post('/v1/chat/completions', chat)).status).toBe(200);
  });

  it('refuses to listen beyond loopback while there are no keys', async () => {
    await expect(GatewayUnderTest.start(fakeEnv(fake), { host: '0.0.0.0' })).rejects.toThrow(/Refusing to listen on 0\.0\.0\.0: there are no gateway keys/);
  });

  it('with a key, requires it on every request, as Authorization or Helicone-Auth', async () => {
    const keyed = await GatewayUnderTest.start(fakeEnv(fake));
    try {
      const { id, key } = await createGatewayKey(keyed.gateway.store, 'test');
      // A running gateway re-reads keys every few seconds; the test does not wait for that.
      await keyed.gateway.keys.reload();
      const missing = await keyed.post('/v1/chat/completions', chat);
      expect(missing.status).toBe(401);
      expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/requires a key/);
      expect((await keyed.post('/v1/chat/completions', chat, { Authorization: 'Bearer sk-switchyard-wrong' })).status).toBe(401);

      const completion = await keyed.client({ apiKey: key }).chat.completions.create(chat as never);
      expect(completion.choices[0]!.message.content).toBe('Mock reply to: hi');
      const viaHeliconeAuth = await keyed.post('/v1/chat/completions', chat, { 'Helicone-Auth': `Bearer ${key}` });
      expect(viaHeliconeAuth.status).toBe(200);
      const row = await keyed.row(viaHeliconeAuth.headers.get('helicone-id')!);
      expect(row).toMatchObject({ status: 200 });
      expect(await keyed.gateway.store.sql.get('SELECT gateway_key_id FROM requests WHERE request_id = ?', [row.request_id])).toEqual({ gateway_key_id: id });

      // A revoked key stops working without a restart.
      await keyed.gateway.store.revokeApiKey(id, Date.now());
      await keyed.gateway.keys.reload();
      expect((await keyed.post('/v1/chat/completions', chat, { Authorization: `Bearer ${key}` })).status).toBe(401);
      // Health checks need no key.
      expect((await fetch(`${keyed.url}/healthz`)).status).toBe(200);
    } finally {
      await keyed.close();
    }
  });
});

describe('omitting bodies, and secrets', () => {
  it('Helicone-Omit-Request and -Response drop the bodies but keep the metrics', async () => {
    const requestId = randomUUID();
    await gw.post('/v1/chat/completions', chat, { 'Helicone-Request-Id': requestId, 'Helicone-Omit-Request': 'true', 'Helicone-Omit-Response': 'TRUE' });
    const row = await gw.row(requestId);
    expect(row.request_body).toBeNull();
    expect(row.response_body).toBeNull();
    expect(row).toMatchObject({ status: 200, prompt_tokens: 1, completion_tokens: 5, provider: 'mock' });
    expect(row.cost_usd).toBeGreaterThan(0);
  });

  // Reads the SQLite file's bytes; with PostgreSQL the rows are checked by the secrets scan.
  it.skipIf(testStoreIsPostgres)('never writes provider keys or Authorization headers to the store', async () => {
    await gw.client({ apiKey: 'sk-client-secret-9999' }).chat.completions.create({ model: 'gpt-4.1-nano/openai', messages: [{ role: 'user', content: 'hi' }] });
    await gw.client({ apiKey: 'sk-client-secret-9999' }).chat.completions.create({ model: 'claude-sonnet-4-5/anthropic', messages: [{ role: 'user', content: 'hi' }] });
    await gw.rows();
    gw.sqlite().pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(gw.gateway.config.dbPath).toString('latin1');
    expect(bytes).toContain('chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU');
    for (const secret of [...Object.values(providerKeys), 'sk-client-secret-9999']) expect(bytes).not.toContain(secret);
  });
});

describe('Helicone-Target-URL', () => {
  it('proxies to an allowlisted URL with the client’s own Authorization when the gateway key came in Helicone-Auth', async () => {
    const requestId = randomUUID();
    const response = await gw.post('/v1/chat/completions', { model: 'some-hosted-model', messages: [{ role: 'user', content: 'hi' }] }, {
      'Helicone-Target-URL': fake.url,
      'Helicone-Auth': 'Bearer not-needed-without-keys',
      Authorization: 'Bearer sk-target-provider-key',
      'Helicone-Request-Id': requestId,
    });
    expect(response.status).toBe(200);
    const upstream = fake.last('openai');
    expect(upstream.url).toBe('/v1/chat/completions');
    expect(upstream.headers.authorization).toBe('Bearer sk-target-provider-key');
    expect(upstream.body.model).toBe('some-hosted-model');
    expect((await gw.row(requestId)).target_url).toBe(`${fake.url}/v1/chat/completions`);
  });

  it('refuses a URL that is not on the allowlist', async () => {
    const response = await gw.post('/v1/chat/completions', chat, { 'Helicone-Target-URL': 'http://127.0.0.1:1/' });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/not on the allowlist/);
  });
});
