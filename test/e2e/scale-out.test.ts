/**
 * Several instances as one: two gateways on different ports sharing one PostgreSQL store (a
 * schema of this file's own) and one Redis (a key prefix of its own), driven with the `openai`
 * SDK. A rate limit counts requests through both exactly, an answer cached through one is a hit
 * through the other, a session whose requests went through both reads as one session from
 * either, and keys and prompts made through one are honoured by the other.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayKey } from '../../gateway/src/auth/gateway-keys.js';
import { PostgresStore } from '../../gateway/src/store/postgres-store.js';
import { GatewayUnderTest } from '../helpers/gateway-under-test.js';
import { freshPostgresSchema, type PostgresSchema } from '../helpers/postgres.js';
import { deleteKeys, inspector, testPrefix, testRedisUrl } from '../helpers/redis.js';

const prefix = testPrefix();
const look = inspector();
let schema: PostgresSchema;
let a: GatewayUnderTest;
let b: GatewayUnderTest;
let key: string;

beforeAll(async () => {
  schema = await freshPostgresSchema();
  // A key exists before either starts, so both require one from their first request.
  const store = await PostgresStore.open(schema.url);
  key = (await createGatewayKey(store, 'scale-out')).key;
  await store.close();
  const env = { SWITCHYARD_REDIS_URL: testRedisUrl, SWITCHYARD_REDIS_PREFIX: prefix };
  [a, b] = await Promise.all([GatewayUnderTest.start(env, { store: schema.url }), GatewayUnderTest.start(env, { store: schema.url })]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await schema?.drop();
  await deleteKeys(look, prefix);
  look.disconnect();
});

const auth = () => ({ authorization: `Bearer ${key}` });
const chat = (gw: GatewayUnderTest, headers: Record<string, string>, content = 'Hello there') =>
  gw.post('/v1/chat/completions', { model: 'mock', messages: [{ role: 'user', content }] }, { ...auth(), ...headers });

async function api<T>(gw: GatewayUnderTest, path: string, body: unknown): Promise<T> {
  const response = await gw.post(path, body, auth());
  expect(response.ok).toBe(true);
  return ((await response.json()) as { data: T }).data;
}

describe('two instances, one PostgreSQL and one Redis', () => {
  it('are two instances on two ports with one store', () => {
    expect(a.url).not.toBe(b.url);
    expect(a.gateway.store.kind).toBe('postgres');
    expect(b.gateway.store.kind).toBe('postgres');
  });

  it('count a rate limit exactly across both: 24 concurrent requests, quota 7, exactly 7 answered', async () => {
    const headers = { 'Helicone-RateLimit-Policy': '7;w=3600;s=user', 'Helicone-User-Id': `u-${randomUUID()}` };
    const responses = await Promise.all(Array.from({ length: 24 }, (_, i) => chat(i % 2 === 0 ? a : b, headers)));
    const statuses = responses.map((response) => response.status);
    await Promise.all(responses.map((response) => response.text()));
    expect(statuses.filter((status) => status === 200)).toHaveLength(7);
    expect(statuses.filter((status) => status === 429)).toHaveLength(17);
  });

  it('serve a hit through one for an answer cached through the other, logged by both in the one store', async () => {
    const headers = { 'Helicone-Cache-Enabled': 'true' };
    const content = `cached across instances ${randomUUID()}`;
    const miss = await chat(a, headers, content);
    expect(miss.headers.get('helicone-cache')).toBe('MISS');
    const missText = await miss.text();
    await a.running.settled(); // the entry is saved after the answer
    const hit = await chat(b, headers, content);
    expect(hit.headers.get('helicone-cache')).toBe('HIT');
    expect(await hit.text()).toBe(missText);
    // Each instance writes its own log records (within its 25 ms commit interval); once both are
    // written, either instance reads both rows.
    await Promise.all([a.gateway.logQueue.flush(), b.gateway.logQueue.flush()]);
    const ids = [miss.headers.get('helicone-id')!, hit.headers.get('helicone-id')!];
    const rows = await api<Array<{ request_id: string; cache_enabled: boolean }>>(b, '/v1/request/query-ids', { requestIds: ids });
    expect(rows.map((row) => [row.request_id, row.cache_enabled]).sort()).toEqual([
      [ids[0], false],
      [ids[1], true],
    ].sort());
  });

  it('read a session whose requests went through both as one session, from either', async () => {
    const sessionId = `s-${randomUUID()}`;
    const paths = ['/plan', '/plan/search', '/plan/search', '/answer'];
    for (const [i, path] of paths.entries()) {
      const response = await chat(i % 2 === 0 ? a : b, { 'Helicone-Session-Id': sessionId, 'Helicone-Session-Path': path, 'Helicone-Session-Name': 'Two instances' });
      expect(response.status).toBe(200);
      await response.text();
    }
    // Each instance writes its own log records: both queues are flushed before reading.
    await Promise.all([a.gateway.logQueue.flush(), b.gateway.logQueue.flush()]);
    const query = { search: sessionId, timeFilter: { startTimeUnixMs: Date.now() - 3_600_000, endTimeUnixMs: Date.now() + 60_000 }, timezoneDifference: 0, filter: 'all' };
    for (const gw of [a, b]) {
      const sessions = await api<Array<{ session_id: string; total_requests: number; session_name: string }>>(gw, '/v1/session/query', query);
      expect(sessions).toEqual([expect.objectContaining({ session_id: sessionId, total_requests: 4, session_name: 'Two instances' })]);
      const trace = (await (await fetch(`${gw.url}/v1/session/${sessionId}/trace`, { headers: auth() })).json()) as {
        data: { request_count: number; tree: { children: Array<{ path: string; request_count: number }> } };
      };
      expect(trace.data.request_count).toBe(4);
      expect(trace.data.tree.children.map((child) => [child.path, child.request_count])).toEqual([
        ['/plan', 3],
        ['/answer', 1],
      ]);
    }
  });

  it('honour a key created through the other (it re-reads keys when an unknown one comes)', async () => {
    const created = await createGatewayKey(a.gateway.store, 'made through a');
    // An instance re-reads its key table for an unknown key at most once a second.
    await sleep(1_100);
    const response = await b.client({ apiKey: created.key }).chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.choices[0]!.message.content).toBe('Mock reply to: hi');
    expect((await chat(b, { authorization: 'Bearer sk-switchyard-not-a-key' })).status).toBe(401);
  });

  it('expand a prompt saved through one in a request through the other', async () => {
    const prompt = await api<{ id: string }>(a, '/v1/prompt-2025', {
      name: 'Shared greeting',
      tags: [],
      promptBody: { model: 'mock', messages: [{ role: 'user', content: 'Greet {{hc:name:string}}' }] },
    });
    const completion = await b.client({ apiKey: key }).chat.completions.create({ model: '', prompt_id: prompt.id, inputs: { name: 'Ada' }, messages: [] } as never);
    expect(completion.choices[0]!.message.content).toBe('Mock reply to: Greet Ada');
  });
});
