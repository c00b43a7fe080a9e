/**
 * Helicone's query API over a store seeded through the gateway itself (fake OpenAI and Anthropic,
 * the mock provider) and through manual logging, then queried with the documented examples of
 * rest-api-spec §2.5, verbatim.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { gw } = await gatewayWithFakeProviders();

interface Envelope<T> {
  data: T;
  error: string | null;
}
interface Row {
  request_id: string;
  request_model: string;
  model: string;
  cost: number | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  delay_ms: number;
  request_user_id: string | null;
  request_properties: Record<string, string>;
  properties: Record<string, string>;
  scores: Record<string, number>;
  feedback_rating: boolean | null;
  response_status: number;
  request_created_at: string;
  request_body: { messages?: Array<{ content: string }> } | null;
  response_body: unknown;
  signed_body_url: string;
  response_id: string | null;
}

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: Envelope<T> }> {
  const response = await fetch(`${gw.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Envelope<T> };
}

const post = <T>(path: string, body: unknown) => api<T>('POST', path, body);

/** Runs a request query and returns the seeded names of the rows, sorted. */
async function names(path: string, body: unknown): Promise<string[]> {
  const { status, body: envelope } = await post<Row[]>(path, body);
  expect(envelope.error, JSON.stringify(body)).toBeNull();
  expect(status).toBe(200);
  return envelope.data.map((row) => nameOf.get(row.request_id) ?? row.request_id).sort();
}

const nameOf = new Map<string, string>();
const idOf = (name: string) => [...nameOf.entries()].find(([, seeded]) => seeded === name)![0];
const sessionOne = `stock-${randomUUID()}`;
const sessionTwo = `plan-${randomUUID()}`;

async function viaGateway(name: string, model: string, content: string, headers: Record<string, string>): Promise<void> {
  const requestId = randomUUID();
  nameOf.set(requestId, name);
  await gw.post('/v1/chat/completions', { model, messages: [{ role: 'user', content }] }, { 'Helicone-Request-Id': requestId, ...headers });
}

async function viaManualLog(name: string, at: string, model: string, headers: Record<string, string>): Promise<void> {
  const requestId = randomUUID();
  nameOf.set(requestId, name);
  const seconds = Math.floor(Date.parse(at) / 1000);
  const response = await fetch(`${gw.url}/custom/v1/log`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Helicone-Request-Id': requestId, ...headers },
    body: JSON.stringify({
      providerRequest: { url: 'custom-model-nopath', json: { model, messages: [{ role: 'user', content: `${name} asks` }] }, meta: {} },
      providerResponse: {
        status: 200,
        headers: {},
        json: { id: `chatcmpl-${name}`, model, choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 } },
      },
      timing: { startTime: { seconds, milliseconds: 0 }, endTime: { seconds: seconds + 2, milliseconds: 500 } },
    }),
  });
  expect(response.status).toBe(200);
}

// A and B share a session; C and D another; E stands alone; F and G were logged in 2024.
await viaGateway('A', 'gpt-4o-mini/openai', 'price of TSLA', {
  'Helicone-User-Id': 'abc@email.com',
  'Helicone-Property-Environment': 'production',
  'Helicone-Property-App': 'mobile',
  'Helicone-Session-Id': sessionOne,
  'Helicone-Session-Path': '/stock-chat',
  'Helicone-Session-Name': 'Stock chat',
});
await viaGateway('B', 'claude-sonnet-4-5/anthropic', 'and its history', {
  'Helicone-User-Id': 'abc@email.com',
  'Helicone-Property-Environment': 'staging',
  'Helicone-Session-Id': sessionOne,
  'Helicone-Session-Path': '/stock-chat/price/tsla',
});
await viaGateway('C', 'mock', 'plan a course', {
  'Helicone-User-Id': 'bob',
  'Helicone-Property-appname': 'LlamaCoder',
  'Helicone-Property-Conversation': 'support_issue_2',
  'Helicone-Session-Id': sessionTwo,
  'Helicone-Session-Path': '/plan',
  'Helicone-Session-Name': 'Course Plan',
});
await viaGateway('D', 'mock', 'mock:error=500 fail please', { 'Helicone-User-Id': 'bob', 'Helicone-Session-Id': sessionTwo, 'Helicone-Session-Path': '/plan/search' });
await viaGateway('E', 'mock', 'alone', { 'Helicone-Property-ticket-id': 'T-1' });
await viaManualLog('F', '2024-08-01T10:00:00Z', 'gpt-4', { 'Helicone-User-Id': 'abc@email.com', 'Helicone-Property-appname': 'LlamaCoder', 'Helicone-Property-Environment': 'production' });
await viaManualLog('G', '2024-12-31T12:00:00Z', 'gpt-4-turbo', { 'Helicone-User-Id': 'abc@email.com', 'Helicone-Property-appname': 'MyApp' });

describe('request queries: the documented examples, verbatim', () => {
  it('1. /v1/request/query with legacy request leaves', async () => {
    expect(
      await names('/v1/request/query', {
        filter: { operator: 'and', right: { request: { model: { contains: 'gpt-4' } } }, left: { request: { user_id: { equals: 'abc@email.com' } } } },
      }),
    ).toEqual(['A', 'F', 'G']);
  });

  it('2. getting a user’s requests, then narrowing by model', async () => {
    expect(await names('/v1/request/query', { filter: { request: { user_id: { equals: 'abc@email.com' } } } })).toEqual(['A', 'B', 'F', 'G']);
    expect(
      await names('/v1/request/query', {
        filter: { operator: 'and', right: { request: { model: { contains: 'gpt-4o-mini' } } }, left: { request: { user_id: { equals: 'abc@email.com' } } } },
      }),
    ).toEqual(['A']);
  });

  it('3. a session’s requests by the Helicone-Session-Id property', async () => {
    expect(await names('/v1/request/query', { filter: { properties: { 'Helicone-Session-Id': { equals: sessionOne } } } })).toEqual(['A', 'B']);
  });

  it('4. query-clickhouse needs the request_response_rmt wrapper for properties', async () => {
    expect(await names('/v1/request/query-clickhouse', { filter: { properties: { 'ticket-id': { equals: 'T-1' } } } })).toEqual([]);
    expect(await names('/v1/request/query-clickhouse', { filter: { request_response_rmt: { properties: { 'ticket-id': { equals: 'T-1' } } } } })).toEqual(['E']);
  });

  it('5–6. a simple and a combined request_response_rmt filter', async () => {
    expect(await names('/v1/request/query-clickhouse', { filter: { request_response_rmt: { model: { contains: 'gpt-4' } } } })).toEqual(['A', 'F', 'G']);
    expect(
      await names('/v1/request/query-clickhouse', {
        filter: {
          left: { request_response_rmt: { model: { contains: 'gpt-4' } } },
          operator: 'and',
          right: { request_response_rmt: { user_id: { equals: 'abc@email.com' } } },
        },
      }),
    ).toEqual(['A', 'F', 'G']);
  });

  it('7. match all', async () => {
    expect(await names('/v1/request/query-clickhouse', { filter: 'all' })).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
  });

  it('8–9. a date and a date range', async () => {
    expect(await names('/v1/request/query-clickhouse', { filter: { request_response_rmt: { request_created_at: { gte: '2024-01-01T00:00:00Z' } } } })).toEqual([
      'A', 'B', 'C', 'D', 'E', 'F', 'G',
    ]);
    expect(
      await names('/v1/request/query-clickhouse', {
        filter: {
          left: { request_response_rmt: { request_created_at: { gte: '2024-01-01T00:00:00Z' } } },
          operator: 'and',
          right: { request_response_rmt: { request_created_at: { lte: '2024-12-31T23:59:59Z' } } },
        },
      }),
    ).toEqual(['F', 'G']);
  });

  it('10. a property, alone and with a model', async () => {
    expect(await names('/v1/request/query-clickhouse', { filter: { request_response_rmt: { properties: { environment: { equals: 'production' } } } } })).toEqual(['A', 'F']);
    expect(
      await names('/v1/request/query-clickhouse', {
        filter: {
          left: { request_response_rmt: { model: { equals: 'gpt-4' } } },
          operator: 'and',
          right: { request_response_rmt: { properties: { environment: { equals: 'production' } } } },
        },
      }),
    ).toEqual(['F']);
  });

  it('11. a date range and a property, nested', async () => {
    expect(
      await names('/v1/request/query-clickhouse', {
        filter: {
          left: {
            left: { request_response_rmt: { request_created_at: { gte: '2024-08-01T00:00:00Z' } } },
            operator: 'and',
            right: { request_response_rmt: { request_created_at: { lte: '2024-08-31T23:59:59Z' } } },
          },
          operator: 'and',
          right: { request_response_rmt: { properties: { appname: { equals: 'LlamaCoder' } } } },
        },
        limit: 100,
        offset: 0,
      }),
    ).toEqual(['F']);
  });

  it('12. the ETL queries', async () => {
    expect(await names('/v1/request/query-clickhouse', { filter: 'all', limit: 1000, offset: 0 })).toHaveLength(7);
    expect(await names('/v1/request/query-clickhouse', { filter: { request_response_rmt: { properties: { environment: { equals: 'production' } } } }, limit: 1000 })).toEqual(['A', 'F']);
    expect(
      await names('/v1/request/query-clickhouse', {
        filter: {
          left: { request_response_rmt: { request_created_at: { gte: '2024-01-01T00:00:00Z' } } },
          operator: 'and',
          right: { request_response_rmt: { properties: { appname: { equals: 'MyApp' } } } },
        },
        limit: 1000,
        offset: 0,
      }),
    ).toEqual(['G']);
  });

  it('13. custom properties, with the case the client wrote', async () => {
    expect(await names('/v1/request/query-clickhouse', { filter: { request_response_rmt: { properties: { Environment: { equals: 'production' } } } }, limit: 100 })).toEqual(['A', 'F']);
    expect(
      await names('/v1/request/query-clickhouse', {
        filter: {
          left: { request_response_rmt: { properties: { Environment: { equals: 'production' } } } },
          operator: 'and',
          right: { request_response_rmt: { properties: { App: { equals: 'mobile' } } } },
        },
      }),
    ).toEqual(['A']);
    expect(
      await names('/v1/request/query-clickhouse', {
        filter: {
          left: { request_response_rmt: { request_created_at: { gte: '2024-01-01T00:00:00Z' } } },
          operator: 'and',
          right: { request_response_rmt: { properties: { Conversation: { equals: 'support_issue_2' } } } },
        },
      }),
    ).toEqual(['C']);
  });
});

describe('request rows', () => {
  it('come in Helicone’s row shape, with bodies, session properties and USD costs', async () => {
    const { body } = await post<Row[]>('/v1/request/query-clickhouse', { filter: { request_response_rmt: { request_id: { equals: idOf('A') } } } });
    const [row] = body.data;
    expect(row).toMatchObject({
      request_id: idOf('A'),
      request_model: 'gpt-4o-mini/openai',
      model: 'gpt-4.1-nano-2025-04-14',
      request_user_id: 'abc@email.com',
      response_status: 200,
      prompt_tokens: 16,
      completion_tokens: 363,
      request_properties: { Environment: 'production', App: 'mobile', 'Helicone-Session-Id': sessionOne, 'Helicone-Session-Path': '/stock-chat', 'Helicone-Session-Name': 'Stock chat' },
    });
    expect(row!.request_created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(row!.cost).toBeCloseTo((16 * 0.1 + 363 * 0.4) / 1e6, 12);
    expect(row!.request_body!.messages![0]!.content).toBe('price of TSLA');
  });

  it('page with limit and offset in the order asked for', async () => {
    const all = await post<Row[]>('/v1/request/query-clickhouse', { filter: 'all', sort: { created_at: 'asc' }, limit: 1000 });
    expect(all.body.data.map((row) => nameOf.get(row.request_id))).toEqual(['F', 'G', 'A', 'B', 'C', 'D', 'E']);
    const page = await post<Row[]>('/v1/request/query-clickhouse', { filter: 'all', sort: { created_at: 'asc' }, limit: 2, offset: 2 });
    expect(page.body.data.map((row) => nameOf.get(row.request_id))).toEqual(['A', 'B']);
    const byCost = await post<Row[]>('/v1/request/query-clickhouse', { filter: { request_response_rmt: { user_id: { equals: 'abc@email.com' } } }, sort: { cost: 'desc' } });
    const costs = byCost.body.data.map((row) => row.cost!);
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
  });

  it('by id, with or without bodies, and by a list of ids', async () => {
    const one = await api<Row>('GET', `/v1/request/${idOf('C')}`);
    expect(one.body.data.request_body).toBeNull();
    expect(one.body.data.response_id).toMatch(/^chatcmpl-mock-/);
    expect(one.body.data.signed_body_url).toMatch(new RegExp(`^${gw.url}/v1/request/${idOf('C')}/body\\?expires=\\d+&signature=[\\w-]+$`));
    const bodies = await api<{ request: { messages: Array<{ content: string }> } }>('GET', `/v1/request/${idOf('C')}/body`);
    expect(bodies.body.data.request.messages[0]!.content).toBe('plan a course');
    const withBody = await api<Row>('GET', `/v1/request/${idOf('C')}?includeBody=true`);
    expect(withBody.body.data.request_body!.messages![0]!.content).toBe('plan a course');
    const unknown = await api<Row>('GET', `/v1/request/${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ data: null, error: expect.stringMatching(/^Request not found/) });
    const ids = await post<Row[]>('/v1/request/query-ids', { requestIds: [idOf('A'), idOf('E'), randomUUID()] });
    expect(ids.body.data.map((row) => nameOf.get(row.request_id)).sort()).toEqual(['A', 'E']);
  });
});

describe('feedback, scores and properties round-trip', () => {
  it('feedback is stored as the score helicone-score-feedback and is filterable', async () => {
    expect((await post(`/v1/request/${idOf('C')}/feedback`, { rating: true })).body).toEqual({ data: null, error: null });
    expect((await post('/v1/feedback', { 'helicone-id': idOf('E'), rating: false })).status).toBe(200);
    const { body } = await api<Row>('GET', `/v1/request/${idOf('C')}`);
    expect(body.data).toMatchObject({ feedback_rating: true, scores: { 'helicone-score-feedback': 1 } });
    expect(await names('/v1/request/query-clickhouse', { filter: { request_response_rmt: { 'helicone-score-feedback': { equals: true } } } })).toEqual(['C']);
    expect(await names('/v1/request/query', { filter: { feedback: { rating: { equals: false } } } })).toEqual(['E']);
  });

  it('scores take numbers and booleans, answer 201, and filter', async () => {
    const response = await post(`/v1/request/${idOf('A')}/score`, { scores: { accuracy: 87, helpful: true } });
    expect(response.status).toBe(201);
    const { body } = await api<Row>('GET', `/v1/request/${idOf('A')}`);
    expect(body.data.scores).toEqual({ accuracy: 87, helpful: 1 });
    expect(await names('/v1/request/query-clickhouse', { filter: { request_response_rmt: { scores: { accuracy: { gte: 80 } } } } })).toEqual(['A']);
    expect(await names('/v1/request/query-clickhouse', { filter: 'all', isScored: true })).toEqual(['A', 'C', 'E']);
  });

  it('properties are added or replaced after the fact, in both body forms', async () => {
    expect((await api('PUT', `/v1/request/${idOf('E')}/property`, { key: 'Reviewed', value: 'yes' })).status).toBe(200);
    expect((await api('PUT', `/v1/request/${idOf('E')}/property`, { Environment: 'production', 'ticket-id': 'T-2' })).status).toBe(200);
    const { body } = await api<Row>('GET', `/v1/request/${idOf('E')}`);
    expect(body.data.properties).toEqual({ Reviewed: 'yes', Environment: 'production', 'ticket-id': 'T-2' });
    expect(await names('/v1/request/query-clickhouse', { filter: { request_response_rmt: { properties: { 'ticket-id': { equals: 'T-1' } } } } })).toEqual([]);
  });

  it('takes feedback for a request still being answered, but not properties until it is logged', async () => {
    const requestId = randomUUID();
    const slow = gw.post('/v1/chat/completions', { model: 'mock', messages: [{ role: 'user', content: 'mock:latency=300 slow one' }] }, { 'Helicone-Request-Id': requestId });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await post(`/v1/request/${requestId}/feedback`, { rating: true })).status).toBe(200);
    const early = await api('PUT', `/v1/request/${requestId}/property`, { key: 'Reviewed', value: 'yes' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatch(/still being served/);
    expect((await slow).status).toBe(200);
    expect((await api('PUT', `/v1/request/${requestId}/property`, { key: 'Reviewed', value: 'yes' })).status).toBe(200);
    const { body } = await api<Row>('GET', `/v1/request/${requestId}`);
    expect(body.data).toMatchObject({ feedback_rating: true, properties: { Reviewed: 'yes' } });
    nameOf.set(requestId, 'slow');
  });

  it('refuses unknown and malformed request ids', async () => {
    expect((await post(`/v1/request/${randomUUID()}/feedback`, { rating: true })).status).toBe(404);
    const bad = await post('/v1/request/not-a-uuid/feedback', { rating: true });
    expect(bad).toEqual({ status: 400, body: { data: null, error: 'Invalid requestId: must be a valid UUID' } });
    expect((await post(`/v1/request/${idOf('A')}/feedback`, { rating: 'yes' })).body.error).toMatch(/rating must be true or false/);
  });
});

describe('sessions', () => {
  interface Session {
    session_id: string;
    session_name: string;
    total_requests: number;
    total_cost: number;
    prompt_tokens: number;
    completion_tokens: number;
    total_tokens: number;
    avg_latency: number;
    user_ids: string[];
    created_at: string;
    latest_request_created_at: string;
  }
  const window = () => ({ startTimeUnixMs: Date.now() - 3_600_000, endTimeUnixMs: Date.now() + 60_000 });

  it('aggregate their requests, checked against sums of the rows', async () => {
    const rows = (await post<Row[]>('/v1/request/query-clickhouse', { filter: { request_response_rmt: { properties: { 'Helicone-Session-Id': { equals: sessionOne } } } } })).body.data;
    const { body } = await post<Session[]>('/v1/session/query', { search: '', timeFilter: window(), timezoneDifference: 0, filter: 'all' });
    const session = body.data.find((candidate) => candidate.session_id === sessionOne)!;
    const sum = (pick: (row: Row) => number) => rows.reduce((total, row) => total + pick(row), 0);
    expect(session).toMatchObject({
      session_name: 'Stock chat',
      total_requests: 2,
      prompt_tokens: 16 + 12,
      completion_tokens: 363 + 29,
      total_tokens: 16 + 12 + 363 + 29,
      user_ids: ['abc@email.com'],
    });
    expect(session.total_cost).toBeCloseTo((16 * 0.1 + 363 * 0.4) / 1e6 + (12 * 3 + 29 * 15) / 1e6, 12);
    expect(session.total_cost).toBeCloseTo(sum((row) => row.cost ?? 0), 12);
    expect(session.avg_latency).toBeCloseTo(sum((row) => row.delay_ms) / 2, 6);
    expect(session.created_at).toBe(rows.map((row) => row.request_created_at).sort()[0]);
  });

  it('filter by name, search, session-level leaves, and shift times by timezoneDifference', async () => {
    const base = { search: '', timeFilter: window(), timezoneDifference: 0, filter: 'all' };
    const ids = async (body: unknown) => (await post<Session[]>('/v1/session/query', body)).body.data.map((session) => session.session_id).sort();
    expect(await ids({ ...base, nameEquals: 'Course Plan' })).toEqual([sessionTwo]);
    // D carries no name, yet belongs to the named session: it counts in the totals.
    const named = (await post<Session[]>('/v1/session/query', { ...base, nameEquals: 'Course Plan' })).body.data[0]!;
    expect(named.total_requests).toBe(2);
    const searched = (await post<Session[]>('/v1/session/query', { ...base, search: 'course' })).body.data;
    expect(searched.map((session) => [session.session_id, session.total_requests])).toEqual([[sessionTwo, 2]]);
    expect(await ids({ ...base, search: 'stock-' })).toEqual([sessionOne]);
    expect(await ids({ ...base, filter: { sessions_request_response_rmt: { session_total_requests: { gte: 2 } } } })).toEqual([sessionOne, sessionTwo].sort());
    expect(await ids({ ...base, filter: { sessions_request_response_rmt: { session_total_cost: { gt: 0.0001 } } } })).toEqual([sessionOne]);
    expect(await ids({ ...base, filter: { request_response_rmt: { user_id: { equals: 'bob' } } } })).toEqual([sessionTwo]);
    const plain = (await post<Session[]>('/v1/session/query', { ...base, nameEquals: 'Course Plan' })).body.data[0]!;
    const shifted = (await post<Session[]>('/v1/session/query', { ...base, nameEquals: 'Course Plan', timezoneDifference: 60 })).body.data[0]!;
    expect(Date.parse(shifted.created_at) - Date.parse(plain.created_at)).toBe(3_600_000);
    const outside = await post<Session[]>('/v1/session/query', { ...base, timeFilter: { startTimeUnixMs: 0, endTimeUnixMs: 1 } });
    expect(outside.body.data).toEqual([]);
  });

  it('take feedback on their first request', async () => {
    expect((await post(`/v1/session/${sessionTwo}/feedback`, { rating: false })).body).toEqual({ data: null, error: null });
    const { body } = await api<Row>('GET', `/v1/request/${idOf('C')}`);
    expect(body.data.properties['Helicone-Session-Feedback']).toBe('0');
    expect((await post(`/v1/session/no-such-session/feedback`, { rating: true })).status).toBe(404);
  });

  it('give metrics as histograms', async () => {
    const { body } = await post<{ session_count: Array<{ value: number }>; average: { session_count: Array<{ average: number }> } }>('/v1/session/metrics/query', {
      nameContains: '',
      timezoneDifference: 0,
      pSize: 'p99',
      timeFilter: window(),
    });
    expect(body.data.session_count.reduce((total, bin) => total + bin.value, 0)).toBe(2);
    expect(body.data.average.session_count[0]!.average).toBe(2);
  });

  it('come back as a tree by path, with subtree totals and errors', async () => {
    interface Node {
      path: string;
      request_count: number;
      errors: number;
      requests: Array<{ request_id: string; status: number }>;
      children: Node[];
    }
    const { body } = await api<{ session_name: string; request_count: number; errors: number; tree: Node }>('GET', `/v1/session/${sessionTwo}/trace`);
    expect(body.data).toMatchObject({ session_name: 'Course Plan', request_count: 2, errors: 1 });
    const plan = body.data.tree.children[0]!;
    expect(plan).toMatchObject({ path: '/plan', request_count: 2, errors: 1, requests: [{ request_id: idOf('C'), status: 200 }] });
    expect(plan.children[0]).toMatchObject({ path: '/plan/search', request_count: 1, errors: 1, requests: [{ request_id: idOf('D'), status: 500 }] });
  });
});

describe('users, properties and metrics', () => {
  it('total users', async () => {
    const { body } = await post<Array<{ user_id: string; count: number; prompt_tokens: number }>>('/v1/user/query', {});
    expect(body.data.map((user) => [user.user_id, user.count])).toEqual([
      ['abc@email.com', 4],
      ['bob', 2],
    ]);
    const bob = await post<Array<{ user_id: string }>>('/v1/user/query', { userIds: ['bob'] });
    expect(bob.body.data.map((user) => user.user_id)).toEqual(['bob']);
  });

  it('user metrics: aggregates, users_view leaves, sort and count', async () => {
    const { body } = await post<{ users: Array<{ user_id: string; total_requests: number; active_for: number; cost: number }>; count: number; hasUsers: boolean }>(
      '/v1/user/metrics/query',
      { filter: { users_view: { user_total_requests: { gte: 3 } } }, offset: 0, limit: 10, sort: { total_requests: 'desc' } },
    );
    expect(body.data.count).toBe(1);
    expect(body.data.hasUsers).toBe(true);
    expect(body.data.users[0]).toMatchObject({ user_id: 'abc@email.com', total_requests: 4, active_for: 3 });
  });

  it('property keys', async () => {
    const { body } = await post<Array<{ property: string }>>('/v1/property/query', {});
    const keys = body.data.map((entry) => entry.property);
    expect(keys).toEqual(expect.arrayContaining(['Helicone-Session-Id', 'Environment', 'App', 'appname', 'Conversation', 'ticket-id']));
  });

  it('metrics grouped by model, with errors, tokens, cost and latency percentiles', async () => {
    interface Metric {
      group: string;
      requests: number;
      errors: number;
      prompt_tokens: number;
      cost: number;
      unpriced_requests: number;
      latency_p50_ms: number;
    }
    const { body } = await post<Metric[]>('/v1/metrics/query', { groupBy: 'model' });
    const mock = body.data.find((row) => row.group === 'mock')!;
    // C, D, E and the slow request of the feedback test.
    expect(mock).toMatchObject({ requests: 4, errors: 1 });
    expect(body.data.find((row) => row.group === 'gpt-4')).toMatchObject({ requests: 1, prompt_tokens: 100 });
    const byUser = await post<Metric[]>('/v1/metrics/query', { groupBy: 'user', filter: { request_response_rmt: { user_id: { equals: 'bob' } } } });
    expect(byUser.body.data).toEqual([expect.objectContaining({ group: 'bob', requests: 2, errors: 1 })]);
    const byProperty = await post<Metric[]>('/v1/metrics/query', { groupBy: 'property', property: 'environment' });
    expect(byProperty.body.data.map((row) => [row.group, row.requests])).toEqual(
      expect.arrayContaining([
        ['production', 3],
        ['staging', 1],
      ]),
    );
  });
});

describe('hostile and malformed queries get a 400 and change nothing', () => {
  const count = async () => (await post<Row[]>('/v1/request/query-clickhouse', { filter: 'all', limit: 1000 })).body.data.length;

  it.each([
    ['SQL in a value', { filter: { request_response_rmt: { user_id: { equals: "x' OR 1=1 --" } } } }, 200],
    ['SQL in a property key', { filter: { request_response_rmt: { properties: { "x') OR 1=1; DROP TABLE requests; --": { equals: 'a' } } } } }, 200],
  ])('%s matches nothing', async (_name, body, status) => {
    const before = await count();
    const response = await post<Row[]>('/v1/request/query-clickhouse', body);
    expect(response.status).toBe(status);
    expect(response.body.data).toEqual([]);
    expect(await count()).toBe(before);
  });

  it.each([
    ['an unknown column', { filter: { request_response_rmt: { modle: { equals: 'x' } } } }, /modle/],
    ['an unknown operator', { filter: { request_response_rmt: { model: { startsWith: 'x' } } } }, /startsWith/],
    ['an unknown branch operator', { filter: { left: 'all', operator: 'xor', right: 'all' } }, /xor/],
    ['a wrong value type', { filter: { request_response_rmt: { latency: { gte: 'fast' } } } }, /latency/],
    ['a bad date', { filter: { request_response_rmt: { request_created_at: { gte: 'yesterday' } } } }, /request_created_at/],
    ['a huge limit', { filter: 'all', limit: 100000 }, /limit must be between 0 and 1000/],
    ['a negative offset', { filter: 'all', offset: -1 }, /offset/],
    ['a missing filter', { limit: 5 }, /filter/],
    ['an unknown field', { filter: 'all', colour: 'red' }, /colour/],
    ['a deep tree', { filter: Array.from({ length: 80 }).reduce<unknown>((node) => ({ left: node, operator: 'and', right: 'all' }), 'all') }, /deep/i],
    ['a filter that is a number', { filter: 42 }, /filter/],
  ])('%s', async (_name, body, message) => {
    const before = await count();
    const response = await post<null>('/v1/request/query-clickhouse', body);
    expect(response.status).toBe(400);
    expect(response.body.data).toBeNull();
    expect(response.body.error).toMatch(message);
    expect(await count()).toBe(before);
  });

  it('invalid JSON and a bad timezone', async () => {
    expect((await post('/v1/request/query', '{"filter":')).status).toBe(400);
    const session = await post('/v1/session/query', { search: '', timeFilter: { startTimeUnixMs: 0, endTimeUnixMs: 1 }, timezoneDifference: 5000, filter: 'all' });
    expect(session.status).toBe(400);
    expect(session.body.error).toMatch(/Invalid timezone difference/);
  });
});
