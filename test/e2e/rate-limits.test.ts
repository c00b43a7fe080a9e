/**
 * Helicone-RateLimit-Policy end to end, against the offline `mock` model: request and cents
 * buckets, global / per-user / per-property scopes, the 429 and its log row, and the 400s.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RateLimiter, setLimiter } from '../../gateway/src/rate-limit/limiter.js';
import type { RateLimitStore } from '../../gateway/src/rate-limit/store.js';
import { GatewayUnderTest } from '../helpers/gateway-under-test.js';

let gw: GatewayUnderTest;

beforeAll(async () => {
  gw = await GatewayUnderTest.start({});
});
afterAll(async () => {
  await gw.close();
});

const body = { model: 'mock', messages: [{ role: 'user', content: 'Hello there' }] };

function chat(headers: Record<string, string>, target = gw): Promise<Response> {
  return target.post('/v1/chat/completions', body, headers);
}

function limitHeaders(response: Response) {
  return {
    limit: response.headers.get('helicone-ratelimit-limit'),
    remaining: response.headers.get('helicone-ratelimit-remaining'),
    policy: response.headers.get('helicone-ratelimit-policy'),
    reset: response.headers.get('helicone-ratelimit-reset'),
  };
}

describe('request-unit rate limits', () => {
  it('answers N requests with Remaining counting down, then 429 with the JSON body and headers, logged without attempts', async () => {
    const own = await GatewayUnderTest.start({}); // a fresh process-wide (global) bucket
    try {
      const policy = { 'Helicone-RateLimit-Policy': '3;w=3600;u=request' };
      const remaining: Array<string | null> = [];
      for (let i = 0; i < 3; i++) {
        const response = await chat(policy, own);
        expect(response.status).toBe(200);
        const headers = limitHeaders(response);
        expect(headers.limit).toBe('3');
        expect(headers.policy).toBe('3;w=3600');
        expect(Number(headers.reset)).toBeGreaterThan(0);
        expect(Number(headers.reset)).toBeLessThanOrEqual(3600);
        remaining.push(headers.remaining);
        await response.json();
      }
      expect(remaining).toEqual(['2', '1', '0']);

      const requestId = randomUUID();
      const refused = await chat({ ...policy, 'Helicone-Request-Id': requestId }, own);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toContain('application/json');
      expect(refused.headers.get('helicone-id')).toBe(requestId);
      const headers = limitHeaders(refused);
      expect(headers).toMatchObject({ limit: '3', remaining: '0', policy: '3;w=3600' });
      const error = ((await refused.json()) as { error: { type: string; code: string; message: string; param: string } }).error;
      expect(error.type).toBe('rate_limited');
      expect(error.code).toBe('rate_limited');
      expect(error.param).toBe('Helicone-RateLimit-Policy');
      expect(error.message).toBe(
        `Rate limit exceeded: Helicone-RateLimit-Policy "3;w=3600" allows 3 requests per 3600 seconds; it resets in ${headers.reset} seconds`,
      );

      const row = await own.row(requestId);
      expect(row.status).toBe(429);
      expect(row.attempts).toEqual([]);
      expect(row.provider).toBeNull();
      expect(row.error_message).toBe(error.message);
      expect(JSON.parse(row.response_body!)).toEqual({ error });
      // Only the three answered requests reached the model.
      expect((await own.rows()).map((r) => r.status)).toEqual([200, 200, 200, 429]);
    } finally {
      await own.close();
    }
  });

  it('sends no rate-limit headers and never limits without the policy header', async () => {
    const response = await chat({});
    expect(response.status).toBe(200);
    expect(limitHeaders(response)).toEqual({ limit: null, remaining: null, policy: null, reset: null });
  });

  it('keeps per-user buckets apart', async () => {
    const policy = '1;w=600;s=user';
    const alice = `alice-${randomUUID()}`;
    const bob = `bob-${randomUUID()}`;
    const first = await chat({ 'Helicone-RateLimit-Policy': policy, 'Helicone-User-Id': alice });
    expect(first.status).toBe(200);
    expect(limitHeaders(first)).toMatchObject({ limit: '1', remaining: '0', policy: '1;w=600;s=user' });
    expect((await chat({ 'Helicone-RateLimit-Policy': policy, 'Helicone-User-Id': alice })).status).toBe(429);
    const other = await chat({ 'Helicone-RateLimit-Policy': policy, 'Helicone-User-Id': bob });
    expect(other.status).toBe(200);
    expect(limitHeaders(other).remaining).toBe('0');
    expect((await chat({ 'Helicone-RateLimit-Policy': policy, 'Helicone-User-Id': bob })).status).toBe(429);
  });

  it('keeps per-property buckets apart, matching the property name case-insensitively', async () => {
    const policy = '2;w=600;s=Organization';
    const acme = `acme-${randomUUID()}`;
    const globex = `globex-${randomUUID()}`;
    const a1 = await chat({ 'Helicone-RateLimit-Policy': policy, 'Helicone-Property-organization': acme });
    expect(a1.status).toBe(200);
    expect(limitHeaders(a1)).toMatchObject({ limit: '2', remaining: '1', policy: '2;w=600;s=Organization' });
    const a2 = await chat({ 'Helicone-RateLimit-Policy': policy, 'HELICONE-PROPERTY-ORGANIZATION': acme });
    expect(a2.status).toBe(200);
    expect(limitHeaders(a2).remaining).toBe('0');
    expect((await chat({ 'Helicone-RateLimit-Policy': policy, 'Helicone-Property-Organization': acme })).status).toBe(429);
    const g1 = await chat({ 'Helicone-RateLimit-Policy': policy, 'Helicone-Property-Organization': globex });
    expect(g1.status).toBe(200);
    expect(limitHeaders(g1).remaining).toBe('1');
  });

  it('refuses with 400 when the segment header is missing, before any provider call', async () => {
    const requestId = randomUUID();
    const noUser = await chat({ 'Helicone-RateLimit-Policy': '5;w=60;s=user', 'Helicone-Request-Id': requestId });
    expect(noUser.status).toBe(400);
    expect(await noUser.json()).toEqual({
      error: {
        message: 'Rate limit policy specifies "s=user" but Helicone-User-Id header is missing',
        type: 'invalid_header',
        code: 'invalid_header',
        param: 'Helicone-RateLimit-Policy',
      },
    });
    const row = await gw.row(requestId);
    expect(row.status).toBe(400);
    expect(row.attempts).toEqual([]);

    const noProperty = await chat({ 'Helicone-RateLimit-Policy': '5;w=60;s=org', 'Helicone-Property-Team': 'x' });
    expect(noProperty.status).toBe(400);
    const error = ((await noProperty.json()) as { error: { message: string } }).error;
    expect(error.message).toBe('Rate limit policy specifies "s=org" but Helicone-Property-org header is missing');
  });

  it.each(['basic-100', '10;w=59', '10;w=31536001', '10;w=60;u=tokens'])('refuses the bad policy %j with 400 naming the header and the grammar', async (policy) => {
    const response = await chat({ 'Helicone-RateLimit-Policy': policy });
    expect(response.status).toBe(400);
    const error = ((await response.json()) as { error: { message: string; type: string; param: string } }).error;
    expect(error.type).toBe('invalid_header');
    expect(error.param).toBe('Helicone-RateLimit-Policy');
    expect(error.message).toContain('Helicone-RateLimit-Policy');
    expect(error.message).toContain('Expected "[quota];w=[window]" with optional ";u=[unit]" and ";s=[segment]"');
    expect(limitHeaders(response).limit).toBeNull();
  });
});

describe('cents-unit rate limits', () => {
  it('deducts each answered request\'s actual cost and refuses once the budget is spent', async () => {
    const user = `spender-${randomUUID()}`;
    const headers = { 'Helicone-RateLimit-Policy': '0.001;w=60;u=cents;s=user', 'Helicone-User-Id': user };
    const quotaCents = 0.001;
    let spentCents = 0;
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      const requestId = randomUUID();
      const response = await chat({ ...headers, 'Helicone-Request-Id': requestId });
      statuses.push(response.status);
      const limit = limitHeaders(response);
      expect(limit.limit).toBe('0.001');
      expect(limit.policy).toBe('0.001;w=60;u=cents;s=user');
      // Remaining is what was left before this request's cost (known only after the answer).
      expect(Number(limit.remaining)).toBeCloseTo(Math.max(0, quotaCents - spentCents), 9);
      await response.text();
      if (response.status === 429) {
        expect(spentCents).toBeGreaterThanOrEqual(quotaCents);
        const row = await gw.row(requestId);
        expect(row.status).toBe(429);
        expect(row.attempts).toEqual([]);
        expect(row.cost_usd).toBeNull();
        break;
      }
      expect(response.status).toBe(200);
      expect(spentCents).toBeLessThan(quotaCents);
      const row = await gw.row(requestId);
      expect(row.cost_usd).toBeGreaterThan(0); // mock: $0.10 / $0.20 per 1M tokens
      spentCents += row.cost_usd! * 100;
    }
    expect(statuses.at(-1)).toBe(429);
    // 3 prompt + 7 completion tokens cost 0.00017 cents: the 6th request spends past 0.001.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
    // A different user still has the whole budget.
    const other = await chat({ ...headers, 'Helicone-User-Id': `${user}-other` });
    expect(other.status).toBe(200);
    expect(limitHeaders(other).remaining).toBe('0.001');
  });
});

describe('streams and failures', () => {
  it('sends the rate-limit headers on a streamed answer', async () => {
    const response = await gw.post('/v1/chat/completions', { ...body, stream: true }, {
      'Helicone-RateLimit-Policy': '4;w=120;s=team',
      'Helicone-Property-Team': `t-${randomUUID()}`,
    });
    expect(response.status).toBe(200);
    expect(limitHeaders(response)).toMatchObject({ limit: '4', remaining: '3', policy: '4;w=120;s=team' });
    expect(await response.text()).toContain('data: [DONE]');
  });

  it('fails open when the store fails: the request proceeds, the failure goes to stderr as JSON', async () => {
    const own = await GatewayUnderTest.start({});
    const broken: RateLimitStore = {
      reserve: () => Promise.reject(new Error('store down')),
      charge: () => Promise.reject(new Error('store down')),
    };
    setLimiter(own.gateway, new RateLimiter(broken));
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const response = await chat({ 'Helicone-RateLimit-Policy': '1;w=60' }, own);
      expect(response.status).toBe(200);
      expect(limitHeaders(response).limit).toBeNull();
      const logged = stderr.mock.calls.map((call) => JSON.parse(String(call[0])) as { level: string; msg: string; error: string });
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ level: 'error', msg: 'rate limiter check failed; request allowed' });
      expect(logged[0]!.error).toContain('store down');
    } finally {
      stderr.mockRestore();
      await own.close();
    }
  });
});
