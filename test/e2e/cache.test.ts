import { describe, expect, it } from 'vitest';
import { fixtureChunks, fixtureJson } from '../helpers/fixtures.js';
import { gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders();

const path = '/v1/chat/completions';
const request = (content: string, extra: Record<string, unknown> = {}) => ({ model: 'gpt-4.1-nano/openai', messages: [{ role: 'user', content }], ...extra });
const on = { 'Helicone-Cache-Enabled': 'true' };
/** The answer is sent before its cache entry is saved: wait for that save (a networked store takes a round trip). */
const post = async (...args: Parameters<typeof gw.post>) => {
  const response = await gw.post(...args);
  await response.clone().arrayBuffer();
  await gw.running.settled();
  return response;
};
const cacheRows = async () => (await gw.gateway.store.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM response_cache'))!.n;
// gpt-4.1-nano: $0.10 / $0.40 per 1M tokens; the fixture's usage is 16 + 363 tokens.
const fixtureCost = (16 * 0.1 + 363 * 0.4) / 1e6;
const answer = (id: string) => ({ json: { ...(fixtureJson('openai-chat/openai-text.json') as Record<string, unknown>), id } });

describe('Helicone response cache', () => {
  it('misses, then hits with the identical body; the provider is called once; the hit is logged with cost 0 and the saved cost', async () => {
    const body = request('cache: miss then hit');
    const miss = await post(path, body, on);
    expect(miss.status).toBe(200);
    expect(miss.headers.get('helicone-cache')).toBe('MISS');
    expect(miss.headers.get('helicone-cache-bucket-idx')).toBeNull();
    const missText = await miss.text();

    const hit = await post(path, body, on);
    expect(hit.status).toBe(200);
    expect(hit.headers.get('helicone-cache')).toBe('HIT');
    expect(hit.headers.get('helicone-cache-bucket-idx')).toBe('0');
    expect(await hit.text()).toBe(missText);
    expect(fake.requests.length).toBe(1);

    const missRow = await gw.row(miss.headers.get('helicone-id')!);
    expect(missRow).toMatchObject({ status: 200, cache_hit: 0, cost_saved_usd: null, prompt_tokens: 16, completion_tokens: 363 });
    expect(missRow.cost_usd).toBeCloseTo(fixtureCost, 12);

    const hitRow = (await gw.row(hit.headers.get('helicone-id')!)) as Awaited<ReturnType<typeof gw.row>> & { cache_hit: number; cost_saved_usd: number | null };
    expect(hitRow).toMatchObject({
      status: 200,
      cache_hit: 1,
      cost_usd: 0,
      provider: 'openai',
      response_model: 'gpt-4.1-nano-2025-04-14',
      prompt_tokens: 16,
      completion_tokens: 363,
      total_tokens: 379,
      attempts: [],
    });
    expect(hitRow.cost_saved_usd).toBeCloseTo(fixtureCost, 12);
    expect(hitRow.response_body).toBe(missText);
  });

  it('with Helicone-Cache-Bucket-Max-Size: 3, misses three times (three provider calls), then hits a slot in 0..2', async () => {
    fake.enqueue('openai', answer('chatcmpl-a'), answer('chatcmpl-b'), answer('chatcmpl-c'));
    const body = request('cache: buckets');
    const headers = { ...on, 'Helicone-Cache-Bucket-Max-Size': '3' };
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await post(path, body, headers);
      expect(response.headers.get('helicone-cache')).toBe('MISS');
      ids.push(((await response.json()) as { id: string }).id);
    }
    expect(ids).toEqual(['chatcmpl-a', 'chatcmpl-b', 'chatcmpl-c']);
    expect(fake.requests.length).toBe(3);
    const slots = (await gw.gateway.store.sql.all<{ slot: number }>('SELECT slot FROM response_cache WHERE body LIKE ? ORDER BY slot', ['%chatcmpl-_"%'])).map((row) => row.slot);
    expect(slots).toEqual([0, 1, 2]);

    for (let i = 0; i < 6; i++) {
      const response = await post(path, body, headers);
      expect(response.headers.get('helicone-cache')).toBe('HIT');
      const idx = Number(response.headers.get('helicone-cache-bucket-idx'));
      expect([0, 1, 2]).toContain(idx);
      expect(((await response.json()) as { id: string }).id).toBe(ids[idx]);
    }
    expect(fake.requests.length).toBe(3);
  });

  it('a different seed, Authorization, body or temperature is another entry', async () => {
    const body = request('cache: namespaces');
    expect((await post(path, body, { ...on, 'Helicone-Cache-Seed': 'user-1' })).headers.get('helicone-cache')).toBe('MISS');
    expect((await post(path, body, { ...on, 'Helicone-Cache-Seed': 'user-1' })).headers.get('helicone-cache')).toBe('HIT');
    expect((await post(path, body, { ...on, 'Helicone-Cache-Seed': 'user-2' })).headers.get('helicone-cache')).toBe('MISS');
    expect((await post(path, body, { ...on, Authorization: 'Bearer client-a' })).headers.get('helicone-cache')).toBe('MISS');
    expect((await post(path, body, { ...on, Authorization: 'Bearer client-a' })).headers.get('helicone-cache')).toBe('HIT');
    expect((await post(path, body, { ...on, Authorization: 'Bearer client-b' })).headers.get('helicone-cache')).toBe('MISS');
    expect((await post(path, request('cache: namespaces', { temperature: 0.3 }), on)).headers.get('helicone-cache')).toBe('MISS');
    expect(fake.requests.length).toBe(5);
  });

  it('Helicone-Cache-Ignore-Keys hits across the ignored fields, while the provider received the original body', async () => {
    const headers = { ...on, 'Helicone-Cache-Ignore-Keys': 'user,metadata' };
    const first = await post(path, request('cache: ignore keys', { user: 'alice', metadata: { trace: '1' } }), headers);
    expect(first.headers.get('helicone-cache')).toBe('MISS');
    expect(fake.last('openai').body).toMatchObject({ user: 'alice', metadata: { trace: '1' } });
    const second = await post(path, request('cache: ignore keys', { user: 'bob', metadata: { trace: '2' } }), headers);
    expect(second.headers.get('helicone-cache')).toBe('HIT');
    expect(fake.requests.length).toBe(1);
    const third = await post(path, request('cache: ignore keys', { user: 'bob', temperature: 1 }), headers);
    expect(third.headers.get('helicone-cache')).toBe('MISS');
    expect(fake.last('openai').body).toMatchObject({ user: 'bob', temperature: 1 });
  });

  it('without the headers: no cache headers and no cache writes', async () => {
    const before = await cacheRows();
    const body = request('cache: off');
    for (let i = 0; i < 2; i++) {
      const response = await post(path, body);
      expect(response.status).toBe(200);
      expect(response.headers.get('helicone-cache')).toBeNull();
      expect(response.headers.get('helicone-cache-bucket-idx')).toBeNull();
      await response.text();
    }
    expect(fake.requests.length).toBe(2);
    expect(await cacheRows()).toBe(before);
  });

  it('does not store failed answers', async () => {
    fake.enqueue('openai', { status: 404, json: { error: { message: 'nope', type: 'invalid_request_error' } } });
    const body = request('cache: errors');
    const before = await cacheRows();
    expect((await post(path, body, on)).status).toBe(404);
    expect(await cacheRows()).toBe(before);
    expect((await post(path, body, on)).headers.get('helicone-cache')).toBe('MISS');
  });

  it('stores a finished stream and replays it as a stream: the client assembles the same answer', async () => {
    const openai = gw.client();
    const ask = async () => {
      const { data: stream, response } = await openai.chat.completions
        .create({ model: 'gpt-4.1-nano/openai', stream: true, messages: [{ role: 'user', content: 'cache: stream' }] }, { headers: on })
        .withResponse();
      let content = '';
      let finish: string | null = null;
      let usage: unknown = null;
      for await (const chunk of stream) {
        content += chunk.choices[0]?.delta.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
        usage = chunk.usage ?? usage;
      }
      return { cache: response.headers.get('helicone-cache'), id: response.headers.get('helicone-id')!, content, finish, usage };
    };
    const miss = await ask();
    await gw.running.settled(); // the stream is saved just after it ends
    const hit = await ask();
    expect(miss.cache).toBe('MISS');
    expect(hit.cache).toBe('HIT');
    expect(miss.content.length).toBeGreaterThan(0);
    expect(hit).toMatchObject({ content: miss.content, finish: miss.finish, usage: miss.usage });
    expect(fake.requests.length).toBe(1);
    expect(await gw.row(hit.id)).toMatchObject({ status: 200, cache_hit: 1, cost_usd: 0, is_stream: 1 });
    // The same body without stream is another entry.
    expect((await post(path, request('cache: stream'), on)).headers.get('helicone-cache')).toBe('MISS');
  });

  it('does not store a stream that was cut', async () => {
    fake.enqueue('openai', { events: fixtureChunks('openai-chat/azure-model-router.1.chunks.txt'), cutAfter: 2 });
    const body = request('cache: cut stream', { stream: true });
    const before = await cacheRows();
    expect(await (await post(path, body, on)).text()).toContain('"error"');
    expect(await cacheRows()).toBe(before);
  });

  it('refuses a bucket size above 20 with a 400 invalid_header', async () => {
    const response = await post(path, request('cache: too big'), { ...on, 'Helicone-Cache-Bucket-Max-Size': '21' });
    expect(response.status).toBe(400);
    const error = ((await response.json()) as { error: { code?: string; type?: string; message: string } }).error;
    expect(error.message).toContain('Cache bucket size cannot be greater than 20');
    expect(JSON.stringify(error)).toContain('invalid_header');
    expect(fake.requests.length).toBe(0);
  });

  it('fails open when the cache table is unusable: the request is answered (stderr line)', async () => {
    const db = gw.gateway.store.sql;
    await db.run('ALTER TABLE response_cache RENAME TO response_cache_away');
    try {
      const response = await post(path, request('cache: broken'), on);
      expect(response.status).toBe(200);
      expect(fake.requests.length).toBe(1);
    } finally {
      await db.run('ALTER TABLE response_cache_away RENAME TO response_cache');
    }
  });
});
