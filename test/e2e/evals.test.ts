/**
 * Evals and scores end to end (rest-api-spec E1–E4, §4.3): requests through a real gateway (the
 * openai SDK, the mock model), scored with POST /v1/request/:id/score, POST /v1/evals/:id and
 * feedback; the score names, the per-name summaries (average, min, max, count, per day) and the
 * score distributions match the scores given, under a filter and a time window; bad input is a
 * 4xx naming the field.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { gw } = await gatewayWithFakeProviders();

interface Envelope<T> {
  data: T;
  error: string | null;
}
interface Eval {
  name: string;
  averageScore: number;
  minScore: number;
  maxScore: number;
  count: number;
  overTime: Array<{ date: string; count: number }>;
  averageOverTime: Array<{ date: string; value: number }>;
}
interface ScoreDistribution {
  name: string;
  distribution: Array<{ lower: number; upper: number; value: number }>;
}

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: Envelope<T> }> {
  const response = await fetch(`${gw.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Envelope<T> };
}

async function ok<T>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
  const answer = await api<T>(method, path, body);
  expect(answer.body.error, `${method} ${path}`).toBeNull();
  expect(answer.status).toBe(status);
  return answer.body.data;
}

const openai = gw.client();
async function chat(group: string): Promise<string> {
  const id = randomUUID();
  await openai.chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: `hello from ${group}` }] }, { headers: { 'Helicone-Request-Id': id, 'Helicone-Property-Group': group } });
  return id;
}

// quality: a = 1, 2; b = 2, 5. relevance (fractional, by /v1/evals, none on a bin edge): 0.1, 0.45, 0.9 on the first three.
const [a1, a2, b1, b2] = [await chat('a'), await chat('a'), await chat('b'), await chat('b')];
const quality: Array<[string, number]> = [[a1, 1], [a2, 2], [b1, 2], [b2, 5]];
for (const [id, value] of quality) await ok('POST', `/v1/request/${id}/score`, { scores: { quality: value } }, 201);
for (const [id, value] of [[a1, 0.1], [a2, 0.45], [b1, 0.9]] as const) expect(await ok('POST', `/v1/evals/${id}`, { name: 'relevance', score: value })).toBeNull();
await ok('POST', `/v1/request/${a1}/feedback`, { rating: true });
await ok('POST', `/v1/request/${b2}/feedback`, { rating: false });

const allTime = { start: '2000-01-01T00:00:00Z', end: '2100-01-01T00:00:00Z' };
const groupA = { request_response_rmt: { properties: { Group: { equals: 'a' } } } };
const byName = <T extends { name: string }>(rows: T[]) => Object.fromEntries(rows.map((row) => [row.name, row]));

describe('score names', () => {
  it('GET /v1/evals/scores lists every score given, feedback included', async () => {
    expect(await ok<string[]>('GET', '/v1/evals/scores')).toEqual(['helicone-score-feedback', 'quality', 'relevance']);
  });
});

describe('POST /v1/evals/query', () => {
  it('summarises each score: average, min, max, count, and per day', async () => {
    const evals = byName(await ok<Eval[]>('POST', '/v1/evals/query', { filter: 'all', timeFilter: allTime }));
    expect(Object.keys(evals)).toEqual(['helicone-score-feedback', 'quality', 'relevance']);
    expect(evals.quality).toMatchObject({ averageScore: 2.5, minScore: 1, maxScore: 5, count: 4 });
    expect(evals.relevance!.averageScore).toBeCloseTo(1.45 / 3, 10);
    expect(evals.relevance).toMatchObject({ minScore: 0.1, maxScore: 0.9, count: 3 });
    expect(evals['helicone-score-feedback']).toMatchObject({ averageScore: 0.5, minScore: 0, maxScore: 1, count: 2 });
    // The days the requests were made on (read back from the log), each count once.
    const days = new Set<string>();
    for (const [id] of quality) {
      const { request_created_at } = await ok<{ request_created_at: string }>('GET', `/v1/request/${id}`);
      days.add(`${request_created_at.slice(0, 10)}T00:00:00.000Z`);
    }
    expect(evals.quality!.overTime.map((day) => day.date)).toEqual([...days].sort());
    expect(evals.quality!.overTime.reduce((sum, day) => sum + day.count, 0)).toBe(4);
    expect(evals.quality!.averageOverTime.map((day) => day.date)).toEqual([...days].sort());
  });

  it('counts only the requests the filter picks', async () => {
    const evals = byName(await ok<Eval[]>('POST', '/v1/evals/query', { filter: groupA, timeFilter: allTime }));
    expect(evals.quality).toMatchObject({ averageScore: 1.5, minScore: 1, maxScore: 2, count: 2 });
    expect(evals.relevance).toMatchObject({ count: 2, minScore: 0.1, maxScore: 0.45 });
    // A score leaf picks requests by another score.
    const good = byName(await ok<Eval[]>('POST', '/v1/evals/query', { filter: { request_response_rmt: { scores: { quality: { gte: 2 } } } }, timeFilter: allTime }));
    expect(good.quality).toMatchObject({ count: 3, minScore: 2 });
    expect(good.relevance).toMatchObject({ count: 2 });
  });

  it('counts only requests inside the time window, and pages the names', async () => {
    expect(await ok('POST', '/v1/evals/query', { filter: 'all', timeFilter: { start: '2000-01-01T00:00:00Z', end: '2000-01-02T00:00:00Z' } })).toEqual([]);
    const page = await ok<Eval[]>('POST', '/v1/evals/query', { filter: 'all', timeFilter: allTime, limit: 1, offset: 1 });
    expect(page.map((row) => row.name)).toEqual(['quality']);
  });
});

describe('POST /v1/evals/score-distributions/query', () => {
  it('counts whole-number scores one bin per value, and others in ten equal bins', async () => {
    const distributions = byName(await ok<ScoreDistribution[]>('POST', '/v1/evals/score-distributions/query', { filter: 'all', timeFilter: allTime }));
    expect(distributions.quality!.distribution).toEqual([
      { lower: 1, upper: 2, value: 1 },
      { lower: 2, upper: 3, value: 2 },
      { lower: 3, upper: 4, value: 0 },
      { lower: 4, upper: 5, value: 0 },
      { lower: 5, upper: 6, value: 1 },
    ]);
    expect(distributions['helicone-score-feedback']!.distribution).toEqual([
      { lower: 0, upper: 1, value: 1 },
      { lower: 1, upper: 2, value: 1 },
    ]);
    const relevance = distributions.relevance!.distribution;
    expect(relevance).toHaveLength(10);
    expect(relevance[0]!.lower).toBe(0.1);
    expect(relevance[9]!.upper).toBe(0.9);
    // Bins 0.08 wide: 0.45 is in the fifth, [0.42, 0.5).
    expect(relevance.map((bin) => bin.value)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(relevance[4]!.lower).toBeCloseTo(0.42, 10);
  });

  it('under a filter', async () => {
    const distributions = byName(await ok<ScoreDistribution[]>('POST', '/v1/evals/score-distributions/query', { filter: groupA, timeFilter: allTime }));
    expect(distributions.quality!.distribution).toEqual([
      { lower: 1, upper: 2, value: 1 },
      { lower: 2, upper: 3, value: 1 },
    ]);
    // One value alone is one bin.
    expect(distributions['helicone-score-feedback']!.distribution).toEqual([{ lower: 1, upper: 1, value: 1 }]);
  });
});

describe('bad input is a 4xx naming the field, never a 500', () => {
  it.each([
    ['POST', `/v1/evals/${randomUUID()}`, { name: 'x', score: 1 }, 404, /Request not found/],
    ['POST', '/v1/evals/not-a-uuid', { name: 'x', score: 1 }, 400, /requestId/],
    ['POST', 'A1', { score: 1 }, 400, /"name"/],
    ['POST', 'A1', { name: 'x', score: 'high' }, 400, /"score"/],
    ['POST', 'A1', { name: 'x', score: 1, extra: 1 }, 400, /unknown field "extra"/],
    ['POST', '/v1/evals/query', { filter: 'all', timeFilter: { start: 'yesterday', end: '2100-01-01T00:00:00Z' } }, 400, /"timeFilter.start"/],
    ['POST', '/v1/evals/query', { filter: 'all', timeFilter: { start: '2000-01-01T00:00:00Z' } }, 400, /"timeFilter.end"/],
    ['POST', '/v1/evals/query', { filter: { request: { model: { equals: 'x' } } } }, 400, /request/],
    ['POST', '/v1/evals/query', { filter: { request_response_rmt: { latency: { gte: 'fast' } } } }, 400, /latency/],
    ['POST', '/v1/evals/query', { filter: 'all', limit: 5000 }, 400, /"limit"/],
    ['POST', '/v1/evals/score-distributions/query', { filter: 'all', timeZoneDifference: 9999 }, 400, /"timeZoneDifference"/],
    ['POST', '/v1/evals/score-distributions/query', '{not json', 400, /JSON/i],
  ])('%s %s %j', async (method, path, body, status, message) => {
    const answer = await api(method, path === 'A1' ? `/v1/evals/${a1}` : path, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    expect(answer.body.data).toBeNull();
    expect(answer.body.error).toMatch(message);
  });
});
