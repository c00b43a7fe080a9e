/**
 * Webhooks end to end (rest-api-spec W1–W3, §4.4): create, list and delete over the API, with
 * Helicone's shapes and 4xx errors naming the field; delivery to a receiver on 127.0.0.1 after the
 * request is stored, signed with the hmac_key the API returned; property filters, sample rates 0
 * and 100, bodies over 10 KB replaced, retries after failures; and a receiver that never answers
 * delays neither requests nor log writing.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { bodyTooLargeMessage } from '../../gateway/src/webhooks/payload.js';
import { FakeProvider } from '../helpers/fake-provider.js';
import { fakeEnv, GatewayUnderTest } from '../helpers/gateway-under-test.js';

interface Received {
  path: string;
  signature: string | undefined;
  contentType: string | undefined;
  raw: string;
}

/** A webhook receiver: each path answers as its test needs (`/ok/…`, `/flaky/…` fails twice, `/dead/…` never answers). */
async function startReceiver() {
  const received: Received[] = [];
  const hits = new Map<string, number>();
  const held: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const count = (hits.get(path) ?? 0) + 1;
      hits.set(path, count);
      received.push({ path, signature: req.headers['helicone-signature'] as string | undefined, contentType: req.headers['content-type'], raw });
      if (path.startsWith('/dead/')) return void held.push(res);
      if (path.startsWith('/flaky/') && count <= 2) return void res.writeHead(503).end('not yet');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    at: (path: string) => received.filter((entry) => entry.path === path),
    close: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const fake = await FakeProvider.start();
const receiver = await startReceiver();
const gw = await GatewayUnderTest.start(fakeEnv(fake, { SWITCHYARD_WEBHOOK_ALLOW_PRIVATE: '1', SWITCHYARD_WEBHOOK_RETRY_BASE_MS: '10', SWITCHYARD_WEBHOOK_MAX_ATTEMPTS: '4' }));
afterAll(async () => {
  await gw.close();
  await receiver.close();
  await fake.close();
});

interface WebhookRow {
  id: string;
  created_at: string;
  destination: string;
  version: string;
  config: string;
  hmac_key: string;
}

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: { data: unknown; error: unknown } }> {
  const response = await fetch(`${gw.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as { data: unknown; error: unknown } };
}

async function createWebhook(body: Record<string, unknown>): Promise<WebhookRow> {
  const { status, json } = await api('POST', '/v1/webhooks', body);
  expect(status, JSON.stringify(json)).toBe(200);
  return json.data as WebhookRow;
}

/** One chat request through the mock provider, tagged so only this test's webhooks match it. */
async function chat(properties: Record<string, string>, content = 'hi', userId?: string): Promise<string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [key, value] of Object.entries(properties)) headers[`helicone-property-${key}`] = value;
  if (userId) headers['helicone-user-id'] = userId;
  const response = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers, body: JSON.stringify({ model: 'mock', messages: [{ role: 'user', content }] }) });
  expect(response.status, await response.clone().text()).toBe(200);
  await response.text();
  return response.headers.get('helicone-id')!;
}

/** Waits until the log is written and every delivery so far is done (tests of reachable receivers only). */
async function delivered(): Promise<void> {
  await gw.gateway.logQueue.flush();
  await gw.gateway.webhooks.settled();
}

/** Polls, bounded, for something that happens in the background. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
}

function verify(entry: Received, hmacKey: string): boolean {
  const expected = createHmac('sha256', hmacKey).update(entry.raw).digest('hex');
  return entry.signature !== undefined && entry.signature.length === expected.length && timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(entry.signature, 'hex'));
}

describe('the webhook API', () => {
  it('creates (with a generated hmac_key), lists and deletes, in Helicone’s shapes', async () => {
    const destination = `${receiver.url}/ok/${randomUUID()}`;
    const created = await createWebhook({ destination, config: { sampleRate: 50, propertyFilters: [{ key: 'env', value: 'prod' }] }, includeData: false });
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      destination,
      version: expect.any(String),
      config: JSON.stringify({ sampleRate: 50, propertyFilters: [{ key: 'env', value: 'prod' }], includeData: false }),
      hmac_key: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const other = await createWebhook({ destination, config: {} });
    expect(other.hmac_key).not.toBe(created.hmac_key);

    const listed = await api('GET', '/v1/webhooks');
    expect(listed.status).toBe(200);
    expect(listed.json.error).toBeNull();
    const rows = listed.json.data as WebhookRow[];
    expect(rows).toEqual(expect.arrayContaining([created, other]));
    for (const row of rows) for (const value of Object.values(row)) expect(typeof value).toBe('string');

    expect(await api('DELETE', `/v1/webhooks/${created.id}`)).toEqual({ status: 200, json: { data: null, error: null } });
    await api('DELETE', `/v1/webhooks/${other.id}`);
    const after = (await api('GET', '/v1/webhooks')).json.data as WebhookRow[];
    expect(after.map((row) => row.id)).not.toContain(created.id);
    const missing = await api('DELETE', `/v1/webhooks/${created.id}`);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ data: null, error: expect.stringMatching(/not found/i) });
  });

  it('answers bad input with a 400 naming the field, never a 500', async () => {
    const cases: Array<[unknown, string]> = [
      [{ config: {} }, 'destination'],
      [{ destination: `${receiver.url}/x` }, 'config'],
      [{ destination: 42, config: {} }, 'destination'],
      [{ destination: 'ftp://example.com/x', config: {} }, 'destination'],
      [{ destination: 'not a url', config: {} }, 'destination'],
      [{ destination: `${receiver.url}/x`, config: { sampleRate: 250 } }, 'config.sampleRate'],
      [{ destination: `${receiver.url}/x`, config: { propertyFilters: 'env=prod' } }, 'config.propertyFilters'],
      [{ destination: `${receiver.url}/x`, config: {}, includeData: 'yes' }, 'includeData'],
      [{ destination: `${receiver.url}/x`, config: {}, extra: 1 }, 'extra'],
      ['{not json', ''],
      [[], ''],
    ];
    for (const [body, field] of cases) {
      const { status, json } = await api('POST', '/v1/webhooks', body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(json.data).toBeNull();
      expect(String(json.error)).toContain(field);
    }
  });

  it('refuses http and private destinations unless SWITCHYARD_WEBHOOK_ALLOW_PRIVATE is set', async () => {
    const strict = await GatewayUnderTest.start(fakeEnv(fake));
    try {
      for (const destination of [`${receiver.url}/x`, 'https://127.0.0.1/x', 'https://10.0.0.1/x', 'https://localhost/x', 'https://[::1]/x']) {
        const response = await fetch(`${strict.url}/v1/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ destination, config: {} }) });
        expect(response.status, destination).toBe(400);
        expect(((await response.json()) as { error: string }).error).toMatch(/destination/);
      }
      const allowed = await fetch(`${strict.url}/v1/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ destination: 'https://hooks.example.com/x', config: {} }) });
      expect(allowed.status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('delivery', () => {
  it('POSTs Helicone’s body after the request is stored, signed with the hmac_key', async () => {
    const tag = randomUUID();
    const path = `/ok/${tag}`;
    const hook = await createWebhook({ destination: `${receiver.url}${path}`, config: { propertyFilters: [{ key: 'Case', value: tag }] } });
    const requestId = await chat({ Case: tag }, 'hello webhook', 'alice');
    await delivered();
    const [entry, ...more] = receiver.at(path);
    expect(more).toEqual([]);
    expect(entry!.contentType).toMatch(/^application\/json/);
    expect(verify(entry!, hook.hmac_key)).toBe(true);
    // The docs' verifier re-serialises the parsed body: the bytes sent are compact JSON, so it agrees.
    expect(JSON.stringify(JSON.parse(entry!.raw))).toBe(entry!.raw);
    const body = JSON.parse(entry!.raw) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['request_id', 'request_body', 'response_body', 'user_id', 'request_response_url', 'model', 'provider', 'metadata']);
    expect(body).toMatchObject({ request_id: requestId, user_id: 'alice', model: 'mock', provider: expect.any(String), metadata: { latencyMs: expect.any(Number) } });
    expect(JSON.parse(body.request_body as string)).toMatchObject({ messages: [{ role: 'user', content: 'hello webhook' }] });
    expect(JSON.parse(body.response_body as string)).toMatchObject({ object: 'chat.completion' });
    // Stored before it was sent: the row is there, and the signed link serves the bodies without a key.
    expect((await gw.row(requestId)).request_id).toBe(requestId);
    const link = new URL(body.request_response_url as string);
    const bodies = await fetch(`${gw.url}${link.pathname}${link.search}`);
    expect(bodies.status).toBe(200);
    expect(((await bodies.json()) as { data: { request: unknown } }).data.request).toBeTruthy();
    // A wrong key does not verify.
    expect(verify(entry!, 'f'.repeat(64))).toBe(false);
    await api('DELETE', `/v1/webhooks/${hook.id}`);
  });

  it('honours property filters (all must match) and sample rates 0 and 100; includeData false sends the standard body', async () => {
    const tag = randomUUID();
    const both = `/ok/${tag}/both`;
    const never = `/ok/${tag}/never`;
    const plain = `/ok/${tag}/plain`;
    const hooks = [
      await createWebhook({ destination: `${receiver.url}${both}`, config: { sampleRate: 100, propertyFilters: [{ key: 'Case', value: tag }, { key: 'Tier', value: 'gold' }] } }),
      await createWebhook({ destination: `${receiver.url}${never}`, config: { sampleRate: 0, propertyFilters: [{ key: 'Case', value: tag }] } }),
      await createWebhook({ destination: `${receiver.url}${plain}`, config: { propertyFilters: { case: tag } }, includeData: false }),
    ];
    const gold = await chat({ Case: tag, Tier: 'gold' });
    const silver = await chat({ Case: tag, Tier: 'silver' });
    await chat({ Case: 'someone-else', Tier: 'gold' });
    await delivered();
    expect(receiver.at(both).map((entry) => JSON.parse(entry.raw).request_id)).toEqual([gold]);
    expect(receiver.at(never)).toEqual([]);
    const plainBodies = receiver.at(plain).map((entry) => JSON.parse(entry.raw) as Record<string, unknown>);
    expect(plainBodies.map((body) => body.request_id).sort()).toEqual([gold, silver].sort());
    for (const body of plainBodies) expect(Object.keys(body)).toEqual(['request_id', 'request_body', 'response_body']);
    for (const hook of hooks) await api('DELETE', `/v1/webhooks/${hook.id}`);
  });

  it('replaces a body over 10 KB with Helicone’s message', async () => {
    const tag = randomUUID();
    const path = `/ok/${tag}`;
    const hook = await createWebhook({ destination: `${receiver.url}${path}`, config: { propertyFilters: [{ key: 'Case', value: tag }] } });
    await chat({ Case: tag }, 'x'.repeat(11 * 1024));
    await delivered();
    const body = JSON.parse(receiver.at(path)[0]!.raw) as { request_body: string; response_body: string };
    expect(body.request_body).toBe(bodyTooLargeMessage);
    // The mock echoes the long message, so both bodies were replaced: the webhook body stays small.
    expect(receiver.at(path)[0]!.raw.length).toBeLessThan(4 * 1024);
    await api('DELETE', `/v1/webhooks/${hook.id}`);
  });

  it('retries a receiver that fails the first two times, and it gets the delivery on the third', async () => {
    const tag = randomUUID();
    const path = `/flaky/${tag}`;
    const hook = await createWebhook({ destination: `${receiver.url}${path}`, config: { propertyFilters: [{ key: 'Case', value: tag }] } });
    const requestId = await chat({ Case: tag });
    await delivered();
    const tries = receiver.at(path);
    expect(tries).toHaveLength(3);
    // The same signed body each time.
    expect(new Set(tries.map((entry) => entry.raw)).size).toBe(1);
    expect(JSON.parse(tries[2]!.raw).request_id).toBe(requestId);
    expect(verify(tries[2]!, hook.hmac_key)).toBe(true);
    await api('DELETE', `/v1/webhooks/${hook.id}`);
  });

  it('a receiver that never answers delays neither requests nor log writing', async () => {
    const tag = randomUUID();
    const path = `/dead/${tag}`;
    await createWebhook({ destination: `${receiver.url}${path}`, config: { propertyFilters: [{ key: 'Case', value: tag }] } });
    const first = await chat({ Case: tag });
    await gw.gateway.logQueue.flush();
    // The receiver has the first delivery and holds it, unanswered.
    await eventually(() => receiver.at(path).length >= 1, 'the dead receiver is contacted');
    const more = await Promise.all(Array.from({ length: 20 }, () => chat({ Case: tag })));
    // Every request was answered and every one is stored, while the receiver still has answered nothing.
    const rows = await gw.rows('WHERE r.request_id IN (' + [first, ...more].map(() => '?').join(', ') + ')', [first, ...more]);
    expect(rows).toHaveLength(21);
    // …and its deliveries are still waiting on it (held in flight, the rest queued).
    expect(gw.gateway.webhooks.queue.active).toBeGreaterThan(0);
  });
});
