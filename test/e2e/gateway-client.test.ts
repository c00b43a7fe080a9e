/**
 * GatewayClient against a real gateway (the mock provider, fake providers behind it): chat in
 * its three forms with Helicone headers, then every query, annotation and logging call over what
 * was seeded, with the values the store holds.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type ChatCompletionChunk, GatewayClient, GatewayClientError } from '../../gateway/src/client/index.js';
import { gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { gw } = await gatewayWithFakeProviders();
const client = new GatewayClient({ baseUrl: gw.url, headers: { 'Helicone-Property-Suite': 'gateway-client' } });

const suffix = randomUUID();
const sessionId = `client-session-${suffix}`;
const sessionName = `Client session ${suffix}`;
const userId = `client-user-${suffix}@example.com`;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const seededFrom = Date.now();

async function caught(promise: Promise<unknown>): Promise<GatewayClientError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof GatewayClientError)) throw new Error(`expected a GatewayClientError, got ${String(error)}`);
  return error;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// The session: four requests by one user, seeded through the client itself.
const plain = await client.chat(
  { model: 'mock', messages: [{ role: 'user', content: 'mock:reply=Hello_from_the_client' }] },
  { session: { id: sessionId, name: sessionName, path: '/plan' }, userId, properties: { Environment: 'test', Attempt: 1, Beta: true } },
);

const streamed = await client.chatStream(
  { model: 'mock', messages: [{ role: 'user', content: 'stream these words please' }] },
  { session: { id: sessionId, path: '/plan/stream' }, userId },
);
const streamedChunks: ChatCompletionChunk[] = [];
for await (const chunk of streamed.chunks) streamedChunks.push(chunk);

const collected = await client.chatCollected(
  { model: 'mock', messages: [{ role: 'user', content: 'mock:reply=Collected_answer_here' }] },
  { session: { id: sessionId, path: '/plan/collect' }, userId },
);

const cut = await client.chatStream(
  { model: 'mock', messages: [{ role: 'user', content: 'mock:cut-after=2 please fail midway' }] },
  { session: { id: sessionId, path: '/plan/cut' }, userId },
);
const cutChunks: ChatCompletionChunk[] = [];
const cutError = await caught(
  (async () => {
    for await (const chunk of cut.chunks) cutChunks.push(chunk);
  })(),
);

const sessionRequestIds = [plain.requestId, streamed.requestId, collected.requestId, cut.requestId] as string[];
const sessionRows = await Promise.all(sessionRequestIds.map((id) => gw.row(id)));
const sum = (values: Array<number | null>) => values.reduce<number>((total, value) => total + (value ?? 0), 0);

describe('chat', () => {
  it('answers with the completion and the logged request id, sending the session, user and properties', async () => {
    expect(plain.completion).toMatchObject({ object: 'chat.completion', model: 'mock', choices: [{ message: { role: 'assistant', content: 'Hello from the client' }, finish_reason: 'stop' }] });
    expect(plain.requestId).toMatch(uuidPattern);
    const row = await gw.row(plain.requestId!);
    expect(row).toMatchObject({ status: 200, is_stream: 0, session_id: sessionId, session_name: sessionName, session_path: '/plan', user_id: userId });
    expect(row.properties).toEqual({ Suite: 'gateway-client', Environment: 'test', Attempt: '1', Beta: 'true' });
    expect(plain.completion.usage).toEqual({ prompt_tokens: row.prompt_tokens, completion_tokens: row.completion_tokens, total_tokens: row.total_tokens });
  });

  it('finds that request by its session property with queryRequests, and reads it back with getRequest', async () => {
    const rows = await client.queryRequests({ filter: { request_response_rmt: { properties: { 'Helicone-Session-Id': { equals: sessionId } } } }, sort: { created_at: 'asc' } });
    expect(rows.map((row) => row.request_id)).toEqual(sessionRequestIds);
    expect(rows[0]).toMatchObject({
      request_id: plain.requestId,
      request_user_id: userId,
      request_model: 'mock',
      response_status: 200,
      request_properties: { Suite: 'gateway-client', Environment: 'test', Attempt: '1', Beta: 'true', 'Helicone-Session-Id': sessionId, 'Helicone-Session-Path': '/plan', 'Helicone-Session-Name': sessionName },
    });

    const withBody = await client.getRequest(plain.requestId!, { includeBody: true });
    expect(withBody.request_body).toEqual({ model: 'mock', messages: [{ role: 'user', content: 'mock:reply=Hello_from_the_client' }], stream: false });
    expect(withBody.response_body).toMatchObject({ choices: [{ message: { content: 'Hello from the client' } }] });
    expect(withBody.prompt_tokens).toBe(sessionRows[0]!.prompt_tokens);

    const withoutBody = await client.getRequest(plain.requestId!);
    expect(withoutBody).toMatchObject({ request_id: plain.requestId, request_body: null, response_body: null });
  });

  it('queries the legacy route and by ids', async () => {
    const legacy = await client.queryRequestsLegacy({ filter: { properties: { 'Helicone-Session-Id': { equals: sessionId } } }, limit: 2, sort: { created_at: 'asc' } });
    expect(legacy.map((row) => row.request_id)).toEqual(sessionRequestIds.slice(0, 2));
    const byIds = await client.queryRequestIds([collected.requestId!, plain.requestId!]);
    expect(byIds.map((row) => row.request_id).sort()).toEqual([collected.requestId, plain.requestId].sort());
    expect(await client.queryRequestIds([randomUUID()])).toEqual([]);
  });

  it('streams chunks with a request id: role, words, finish, usage', async () => {
    expect(streamed.requestId).toMatch(uuidPattern);
    const text = streamedChunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Mock reply to: stream these words please');
    expect(streamedChunks[0]!.choices[0]!.delta.role).toBe('assistant');
    expect(streamedChunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    const row = sessionRows[1]!;
    expect(streamedChunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: row.prompt_tokens, completion_tokens: row.completion_tokens } });
    expect(row).toMatchObject({ status: 200, is_stream: 1, session_path: '/plan/stream' });
  });

  it('assembles a streamed answer with its text and usage', async () => {
    const row = sessionRows[2]!;
    expect(collected.completion).toMatchObject({
      object: 'chat.completion',
      model: 'mock',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Collected answer here' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: row.prompt_tokens, completion_tokens: 6, total_tokens: row.prompt_tokens! + 6 },
    });
    expect(row).toMatchObject({ status: 200, is_stream: 1, completion_tokens: 6 });
  });

  it('throws a GatewayClientError when the provider fails mid-stream, after the chunks that came', async () => {
    expect(cutChunks).toHaveLength(2);
    expect(cutChunks[1]!.choices[0]!.delta.content).toBe('Mock ');
    expect(cutError.status).toBe(500);
    expect(cutError.path).toBe('/v1/chat/completions');
    expect(cutError.message).toBe('POST /v1/chat/completions failed with 500: mock stream failed: mock: connection dropped mid-stream (mock:cut-after)');
    expect(sessionRows[3]).toMatchObject({ status: 500, error_message: 'mock stream failed: mock: connection dropped mid-stream (mock:cut-after)' });
  });

  it('throws a GatewayClientError with status 400 and the gateway’s message for an unknown model', async () => {
    const error = await caught(client.chat({ model: 'gpt-17', messages: [{ role: 'user', content: 'hi' }] }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^POST \/v1\/chat\/completions failed with 400: Unknown model "gpt-17"\. Name its provider/);
    expect(error.body).toMatchObject({ error: { type: 'invalid_model', message: expect.stringMatching(/^Unknown model "gpt-17"/) } });
    const streamError = await caught(client.chatStream({ model: 'gpt-17', messages: [{ role: 'user', content: 'hi' }] }));
    expect(streamError.status).toBe(400);
  });

  it('throws the query API’s envelope error with its status', async () => {
    const error = await caught(client.queryRequests({ filter: { request_response_rmt: { no_such_column: { equals: 1 } } } }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^POST \/v1\/request\/query-clickhouse failed with 400: .*no_such_column/);
    expect(error.body).toEqual({ data: null, error: expect.stringContaining('no_such_column') });
  });

  it('lists the models, mock among them', async () => {
    const models = await client.listModels();
    expect(models.length).toBeGreaterThan(10);
    expect(models.find((model) => model.id === 'mock')).toMatchObject({ id: 'mock', object: 'model' });
  });
});

describe('annotations', () => {
  it('round-trips feedback, scores and properties', async () => {
    const { requestId } = await client.chat({ model: 'mock', messages: [{ role: 'user', content: 'rate me' }] }, { properties: { Environment: 'staging' } });
    await client.addFeedback(requestId!, true);
    await client.addScores(requestId!, { accuracy: 87, helpful: true, latency_ok: false });
    await client.setProperties(requestId!, { Reviewed: 'yes', Environment: 'production' });
    const row = await client.getRequest(requestId!);
    expect(row.feedback_rating).toBe(true);
    expect(row.scores).toEqual({ 'helicone-score-feedback': 1, accuracy: 87, helpful: 1, latency_ok: 0 });
    expect(row.properties).toEqual({ Suite: 'gateway-client', Environment: 'production', Reviewed: 'yes' });

    await client.addFeedback(requestId!, false);
    expect((await client.getRequest(requestId!)).feedback_rating).toBe(false);
  });

  it('answers 404 for an unknown request', async () => {
    const missing = randomUUID();
    const error = await caught(client.addFeedback(missing, true));
    expect({ status: error.status, message: error.message }).toEqual({ status: 404, message: `POST /v1/request/${missing}/feedback failed with 404: Request not found: ${missing}` });
    expect((await caught(client.getRequest(missing))).status).toBe(404);
  });
});

describe('sessions, users, properties, metrics', () => {
  const timeFilter = () => ({ startTimeUnixMs: seededFrom - 1000, endTimeUnixMs: Date.now() + 60_000 });

  it('querySessions returns the session with its totals', async () => {
    const sessions = await client.querySessions({ search: sessionId, timeFilter: timeFilter(), timezoneDifference: 0, filter: 'all' });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      session_id: sessionId,
      session_name: sessionName,
      total_requests: 4,
      prompt_tokens: sum(sessionRows.map((row) => row.prompt_tokens)),
      completion_tokens: sum(sessionRows.map((row) => row.completion_tokens)),
      user_ids: [userId],
      // The cut stream reported no usage, so it has no price.
      unpriced_requests: 1,
    });
    expect(sessionRows.map((row) => row.cost_usd === null)).toEqual([false, false, false, true]);
    expect(sessions[0]!.total_cost).toBeCloseTo(sum(sessionRows.map((row) => row.cost_usd)), 12);
    expect(sessions[0]!.total_cost).toBeGreaterThan(0);
    expect(await client.querySessions({ search: sessionId, nameEquals: 'another name', timeFilter: timeFilter(), timezoneDifference: 0, filter: 'all' })).toEqual([]);
  });

  it('sessionMetrics histograms the session', async () => {
    const metrics = await client.sessionMetrics({ nameContains: sessionName, timezoneDifference: 0 });
    expect(metrics.session_count).toEqual([{ range_start: '4', range_end: '4', value: 1 }]);
    expect(metrics.average.session_count).toEqual([{ average: 4 }]);
    expect(metrics.average.session_cost[0]!.average).toBeCloseTo(sum(sessionRows.map((row) => row.cost_usd)), 12);
    expect(metrics.session_duration).toHaveLength(1);
  });

  it('sessionTrace shows the tree by path', async () => {
    const trace = await client.sessionTrace(sessionId);
    expect(trace).toMatchObject({ session_id: sessionId, session_name: sessionName, user_ids: [userId], request_count: 4, errors: 1 });
    expect(trace.tree.path).toBe('/');
    const planNode = trace.tree.children[0]!;
    expect(planNode).toMatchObject({ path: '/plan', name: 'plan', request_count: 4, errors: 1 });
    expect(planNode.requests.map((request) => request.request_id)).toEqual([plain.requestId]);
    expect(planNode.children.map((child) => [child.path, child.request_count, child.errors])).toEqual([
      ['/plan/stream', 1, 0],
      ['/plan/collect', 1, 0],
      ['/plan/cut', 1, 1],
    ]);
    expect(planNode.children[2]!.requests[0]).toMatchObject({ request_id: cut.requestId, status: 500 });
    const missing = await caught(client.sessionTrace('no-such-session'));
    expect({ status: missing.status, message: missing.message }).toEqual({ status: 404, message: 'GET /v1/session/no-such-session/trace failed with 404: Session not found: no-such-session' });
  });

  it('addSessionFeedback marks the session’s first request', async () => {
    await client.addSessionFeedback(sessionId, true);
    expect((await gw.row(plain.requestId!)).properties['Helicone-Session-Feedback']).toBe('1');
    expect((await caught(client.addSessionFeedback(`missing ${suffix}`, false))).status).toBe(404);
  });

  it('queryUsers and userMetrics total the user', async () => {
    const users = await client.queryUsers({ userIds: [userId] });
    expect(users).toEqual([
      {
        user_id: userId,
        count: 4,
        prompt_tokens: sum(sessionRows.map((row) => row.prompt_tokens)),
        completion_tokens: sum(sessionRows.map((row) => row.completion_tokens)),
        cost: expect.closeTo(sum(sessionRows.map((row) => row.cost_usd)), 12),
      },
    ]);
    expect((await client.queryUsers()).map((user) => user.user_id)).toContain(userId);

    const metrics = await client.userMetrics({ filter: { request_response_rmt: { user_id: { equals: userId } } }, offset: 0, limit: 10 });
    expect(metrics.count).toBe(1);
    expect(metrics.hasUsers).toBe(true);
    expect(metrics.users[0]).toMatchObject({ id: userId, user_id: userId, total_requests: 4, active_for: 1, total_prompt_tokens: sum(sessionRows.map((row) => row.prompt_tokens)) });
  });

  it('propertyKeys lists the keys in use', async () => {
    const keys = await client.propertyKeys();
    expect(keys).toEqual(expect.arrayContaining(['Helicone-Session-Id', 'Helicone-Session-Path', 'Helicone-Session-Name', 'Suite', 'Environment', 'Attempt', 'Beta']));
    expect(keys.every((key) => typeof key === 'string')).toBe(true);
  });

  it('metrics groups the user’s requests by status', async () => {
    const rows = await client.metrics({ groupBy: 'status', filter: { request_response_rmt: { user_id: { equals: userId } } } });
    expect(rows.map((row) => [row.group, row.requests, row.errors])).toEqual([
      [200, 3, 0],
      [500, 1, 1],
    ]);
    const [all] = await client.metrics({ filter: { request_response_rmt: { user_id: { equals: userId } } } });
    expect(all).toMatchObject({ group: 'all', requests: 4, errors: 1, prompt_tokens: sum(sessionRows.map((row) => row.prompt_tokens)), unpriced_requests: 1 });
  });
});

describe('manual logging and bodies', () => {
  const payload = (model: string) => ({
    providerRequest: { url: 'custom-model-nopath', json: { model, messages: [{ role: 'user', content: 'logged by hand' }] }, meta: {} },
    providerResponse: {
      status: 200,
      headers: {},
      json: { id: 'chatcmpl-manual', model, choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 } },
    },
    timing: { startTime: { seconds: Math.floor(Date.now() / 1000) - 2, milliseconds: 0 }, endTime: { seconds: Math.floor(Date.now() / 1000), milliseconds: 500 } },
  });

  it('logs a record that is then found, with its headers', async () => {
    const requestId = randomUUID();
    const manualUser = `manual-${suffix}`;
    expect(await client.logManual(payload('gpt-4o-mini'), { requestId, userId: manualUser, properties: { Source: 'client' } })).toEqual({ requestId });
    const [row] = await client.queryRequests({ filter: { request_response_rmt: { user_id: { equals: manualUser } } } });
    expect(row).toMatchObject({
      request_id: requestId,
      request_user_id: manualUser,
      request_model: 'gpt-4o-mini',
      prompt_tokens: 100,
      completion_tokens: 20,
      request_path: '/custom/v1/log',
      properties: { Suite: 'gateway-client', Source: 'client' },
    });

    const generated = await client.logManual(payload('my-model'), { path: '/v1/trace/custom/log' });
    expect(generated.requestId).toMatch(uuidPattern);
    expect(await client.getRequest(generated.requestId!)).toMatchObject({ request_model: 'my-model', request_path: '/v1/trace/custom/log' });

    const duplicate = await caught(client.logManual(payload('gpt-4o-mini'), { requestId }));
    expect(duplicate.status).toBe(409);
  });

  it('getRequestBodies follows signed_body_url, with or without the key', async () => {
    const [row] = await client.queryRequestIds([plain.requestId!]);
    expect(row!.signed_body_url).toMatch(new RegExp(`^${gw.url}/v1/request/${plain.requestId}/body\\?expires=\\d+&signature=`));
    const bodies = await client.getRequestBodies(row!);
    expect(bodies.request).toEqual({ model: 'mock', messages: [{ role: 'user', content: 'mock:reply=Hello_from_the_client' }], stream: false });
    expect(bodies.response).toMatchObject({ object: 'chat.completion', choices: [{ message: { content: 'Hello from the client' } }] });

    // A client of another base sends no key to the URL: the signature is enough.
    const elsewhere = new GatewayClient({ baseUrl: 'http://127.0.0.2:1', apiKey: 'sk-not-for-this-host' });
    expect(await elsewhere.getRequestBodies(row!)).toEqual(bodies);

    const streamedBodies = await client.getRequestBodies({ request_id: collected.requestId!, signed_body_url: null });
    expect(streamedBodies.response).toMatchObject({ choices: [{ message: { content: 'Collected answer here' } }] });
  });
});

describe('timeouts', () => {
  it('keep a stream that keeps delivering, and cut one that stalls', async () => {
    const patient = new GatewayClient({ baseUrl: gw.url, timeoutMs: 400 });
    // Six chunks 150 ms apart: longer than the timeout in all, never silent for that long.
    const slow = await patient.chatCollected({ model: 'mock', messages: [{ role: 'user', content: 'mock:chunk-delay=150 one two three four' }] });
    expect(slow.completion.choices[0]!.message.content).toBe('Mock reply to: one two three four');
    const stalled = await caught(patient.chatCollected({ model: 'mock', messages: [{ role: 'user', content: 'mock:chunk-delay=900 stalls' }] }));
    expect(stalled.status).toBe(0);
    expect(stalled.message).toMatch(/nothing more from .* for 400 ms/);
  });

  it('carry the id of the logged request on a failed call', async () => {
    const failed = await caught(client.chat({ model: 'mock', messages: [{ role: 'user', content: 'mock:error=503 logged failure' }] }));
    expect(failed.status).toBe(503);
    expect(failed.requestId).toMatch(uuidPattern);
    expect((await gw.row(failed.requestId!)).status).toBe(503);
  });
});

describe('health and unreachable servers', () => {
  it('health() is true for the gateway and false for a closed port', async () => {
    expect(await client.health()).toBe(true);
    const port = await closedPort();
    expect(await new GatewayClient({ baseUrl: `http://127.0.0.1:${port}` }).health()).toBe(false);
  });

  it('gives status 0 and the URL when nothing listens', async () => {
    const port = await closedPort();
    const offline = new GatewayClient({ baseUrl: `http://127.0.0.1:${port}` });
    const error = await caught(offline.queryRequests({ filter: 'all' }));
    expect(error.status).toBe(0);
    expect(error.message).toMatch(new RegExp(`^POST /v1/request/query-clickhouse failed with 0: could not reach http://127\\.0\\.0\\.1:${port}/v1/request/query-clickhouse \\(.*ECONNREFUSED`));
    const chatError = await caught(offline.chat({ model: 'mock', messages: [{ role: 'user', content: 'hi' }] }));
    expect(chatError).toMatchObject({ status: 0, path: '/v1/chat/completions' });
  });

  it('gives status 0 when the server does not answer in time', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const error = await caught(new GatewayClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 }).propertyKeys());
      expect(error).toMatchObject({ status: 0, message: `POST /v1/property/query failed with 0: no answer from http://127.0.0.1:${port}/v1/property/query within 200 ms` });
    } finally {
      silent.close();
    }
  });

  it('leaves the caller’s abort as an abort', async () => {
    const controller = new AbortController();
    const call = client.chat({ model: 'mock', messages: [{ role: 'user', content: 'mock:latency=2000 slow' }] }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  });
});
