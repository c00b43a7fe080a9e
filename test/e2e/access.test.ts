/**
 * Access, with gateway keys configured:
 *
 * - every route but the public ones (`/healthz`, the model list, the dashboard's static files)
 *   answers 401 without a key, with a wrong key and with a revoked key, and something else with a
 *   valid key (so each row of the table reaches its route); the table must name every route the
 *   gateway mounts;
 * - /mcp refuses a foreign Origin, even with a valid key;
 * - Helicone-Target-URL reaches no host off its allowlist (loopback and private ranges included):
 *   a 4xx JSON error, and a local server that would see the contact sees none;
 * - the query API's filters, sorts and parameters cannot read or change other tables.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createGatewayKey } from '../../gateway/src/auth/gateway-keys.js';
import { baseRoutes } from '../../gateway/src/server/http-server.js';
import { mcpRoutes } from '../../mcp-server/src/http-route.js';
import { FakeProvider } from '../helpers/fake-provider.js';
import { fakeEnv, GatewayUnderTest } from '../helpers/gateway-under-test.js';
import { reportFigure } from '../helpers/figures.js';

/** A local server that counts every connection made to it: contact, not just requests. */
async function contactDetector(host: string): Promise<{ server: Server; url: string; contacts: () => number } | undefined> {
  let contacts = 0;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  server.on('connection', () => contacts++);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, resolve);
    });
  } catch {
    return undefined; // e.g. no IPv6 loopback on this machine
  }
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, contacts: () => contacts };
}

const fake = await FakeProvider.start();
const detector = (await contactDetector('127.0.0.1'))!;
const detector6 = await contactDetector('::1');
const allowedTarget = 'https://api.allowed.example/v1';
const gw = await GatewayUnderTest.start(fakeEnv(fake, { SWITCHYARD_TARGET_URL_ALLOWLIST: `${allowedTarget},${fake.url}/ok` }), { routes: mcpRoutes });
const keyMarker = `key-name-${randomBytes(8).toString('hex')}`;
const valid = await createGatewayKey(gw.gateway.store, keyMarker);
const revoked = await createGatewayKey(gw.gateway.store, 'revoked');
await gw.gateway.store.revokeApiKey(revoked.id, Date.now());
await gw.gateway.keys.reload();
afterAll(async () => {
  await gw.close();
  await fake.close();
  detector.server.close();
  detector6?.server.close();
});

const json = { 'content-type': 'application/json' };
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function send(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; contentType: string; text: string }> {
  const response = await fetch(`${gw.url}${path}`, {
    method,
    headers: { ...json, accept: 'application/json, text/event-stream', ...headers },
    body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
  });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

const id = randomUUID();
/** Every non-public route, with a concrete path. `key` is where the route's clients send a key, when not Authorization. */
const protectedRoutes: Array<{ method: string; pattern: string; path: string; keyHeader?: string }> = [
  { method: 'POST', pattern: '/v1/chat/completions', path: '/v1/chat/completions' },
  { method: 'POST', pattern: '/chat/completions', path: '/chat/completions' },
  { method: 'POST', pattern: '/v1/responses', path: '/v1/responses' },
  { method: 'POST', pattern: '/responses', path: '/responses' },
  { method: 'POST', pattern: '/v1/messages', path: '/v1/messages', keyHeader: 'x-api-key' },
  { method: 'POST', pattern: '/v1/messages/count_tokens', path: '/v1/messages/count_tokens', keyHeader: 'x-api-key' },
  { method: 'POST', pattern: '/v1/request/query', path: '/v1/request/query' },
  { method: 'POST', pattern: '/v1/request/query-clickhouse', path: '/v1/request/query-clickhouse' },
  { method: 'POST', pattern: '/v1/request/query-ids', path: '/v1/request/query-ids' },
  { method: 'GET', pattern: '/v1/request/:requestId', path: `/v1/request/${id}?includeBody=true` },
  { method: 'GET', pattern: '/v1/request/:requestId/body', path: `/v1/request/${id}/body` },
  { method: 'POST', pattern: '/v1/request/:requestId/feedback', path: `/v1/request/${id}/feedback` },
  { method: 'POST', pattern: '/v1/request/:requestId/score', path: `/v1/request/${id}/score` },
  { method: 'PUT', pattern: '/v1/request/:requestId/property', path: `/v1/request/${id}/property` },
  { method: 'POST', pattern: '/v1/feedback', path: '/v1/feedback' },
  { method: 'POST', pattern: '/v1/session/query', path: '/v1/session/query' },
  { method: 'POST', pattern: '/v1/session/metrics/query', path: '/v1/session/metrics/query' },
  { method: 'POST', pattern: '/v1/session/:sessionId/feedback', path: '/v1/session/s1/feedback' },
  { method: 'GET', pattern: '/v1/session/:sessionId/trace', path: '/v1/session/s1/trace' },
  { method: 'POST', pattern: '/v1/user/query', path: '/v1/user/query' },
  { method: 'POST', pattern: '/v1/user/metrics/query', path: '/v1/user/metrics/query' },
  { method: 'POST', pattern: '/v1/property/query', path: '/v1/property/query' },
  { method: 'POST', pattern: '/v1/metrics/query', path: '/v1/metrics/query' },
  ...['/custom/v1/log', '/oai/v1/log', '/anthropic/v1/log', '/googleapis/v1/log', '/v1/trace/custom/log', '/v1/trace/custom/v1/log'].map((path) => ({ method: 'POST', pattern: path, path })),
  { method: 'POST', pattern: '/v1/trace/log', path: '/v1/trace/log' },
  { method: 'POST', pattern: '/v1/prompt-2025', path: '/v1/prompt-2025' },
  { method: 'POST', pattern: '/v1/prompt-2025/update', path: '/v1/prompt-2025/update' },
  { method: 'POST', pattern: '/v1/prompt-2025/update/environment', path: '/v1/prompt-2025/update/environment' },
  { method: 'POST', pattern: '/v1/prompt-2025/remove/environment', path: '/v1/prompt-2025/remove/environment' },
  { method: 'POST', pattern: '/v1/prompt-2025/query', path: '/v1/prompt-2025/query' },
  { method: 'GET', pattern: '/v1/prompt-2025/id/:promptId', path: '/v1/prompt-2025/id/p1' },
  { method: 'POST', pattern: '/v1/prompt-2025/id/:promptId/rename', path: '/v1/prompt-2025/id/p1/rename' },
  { method: 'PATCH', pattern: '/v1/prompt-2025/id/:promptId/tags', path: '/v1/prompt-2025/id/p1/tags' },
  { method: 'GET', pattern: '/v1/prompt-2025/id/:promptId/:versionId/inputs', path: `/v1/prompt-2025/id/p1/v1/inputs?requestId=${id}` },
  { method: 'GET', pattern: '/v1/prompt-2025/tags', path: '/v1/prompt-2025/tags' },
  { method: 'GET', pattern: '/v1/prompt-2025/environments', path: '/v1/prompt-2025/environments' },
  { method: 'GET', pattern: '/v1/prompt-2025/count', path: '/v1/prompt-2025/count' },
  { method: 'POST', pattern: '/v1/prompt-2025/query/version', path: '/v1/prompt-2025/query/version' },
  { method: 'POST', pattern: '/v1/prompt-2025/query/versions', path: '/v1/prompt-2025/query/versions' },
  { method: 'POST', pattern: '/v1/prompt-2025/query/production-version', path: '/v1/prompt-2025/query/production-version' },
  { method: 'POST', pattern: '/v1/prompt-2025/query/environment-version', path: '/v1/prompt-2025/query/environment-version' },
  { method: 'POST', pattern: '/v1/prompt-2025/query/total-versions', path: '/v1/prompt-2025/query/total-versions' },
  { method: 'GET', pattern: '/v1/prompt-2025/:promptVersionId/prompt-body', path: '/v1/prompt-2025/v1/prompt-body' },
  { method: 'DELETE', pattern: '/v1/prompt-2025/:promptId', path: '/v1/prompt-2025/p1' },
  { method: 'DELETE', pattern: '/v1/prompt-2025/:promptId/:versionId', path: '/v1/prompt-2025/p1/v1' },
  { method: 'GET', pattern: '/v1/webhooks', path: '/v1/webhooks' },
  { method: 'POST', pattern: '/v1/webhooks', path: '/v1/webhooks' },
  { method: 'DELETE', pattern: '/v1/webhooks/:webhookId', path: `/v1/webhooks/${id}` },
  { method: 'GET', pattern: '/v1/evals/scores', path: '/v1/evals/scores' },
  { method: 'POST', pattern: '/v1/evals/query', path: '/v1/evals/query' },
  { method: 'POST', pattern: '/v1/evals/score-distributions/query', path: '/v1/evals/score-distributions/query' },
  { method: 'POST', pattern: '/v1/evals/:requestId', path: `/v1/evals/${id}` },
  { method: 'POST', pattern: '/v1/helicone-dataset', path: '/v1/helicone-dataset' },
  { method: 'POST', pattern: '/v1/helicone-dataset/query', path: '/v1/helicone-dataset/query' },
  { method: 'GET', pattern: '/v1/helicone-dataset/:datasetId', path: `/v1/helicone-dataset/${id}` },
  { method: 'DELETE', pattern: '/v1/helicone-dataset/:datasetId', path: `/v1/helicone-dataset/${id}` },
  { method: 'POST', pattern: '/v1/helicone-dataset/:datasetId/delete', path: `/v1/helicone-dataset/${id}/delete` },
  { method: 'POST', pattern: '/v1/helicone-dataset/:datasetId/request/:requestId', path: `/v1/helicone-dataset/${id}/request/${id}` },
  { method: 'DELETE', pattern: '/v1/helicone-dataset/:datasetId/request/:requestId', path: `/v1/helicone-dataset/${id}/request/${id}` },
  { method: 'POST', pattern: '/v1/helicone-dataset/:datasetId/requests', path: `/v1/helicone-dataset/${id}/requests` },
  { method: 'POST', pattern: '/v1/helicone-dataset/:datasetId/requests/remove', path: `/v1/helicone-dataset/${id}/requests/remove` },
  { method: 'POST', pattern: '/v1/helicone-dataset/:datasetId/mutate', path: `/v1/helicone-dataset/${id}/mutate` },
  { method: 'POST', pattern: '/v1/helicone-dataset/:datasetId/count', path: `/v1/helicone-dataset/${id}/count` },
  { method: 'POST', pattern: '/v1/helicone-dataset/:datasetId/query', path: `/v1/helicone-dataset/${id}/query` },
  { method: 'GET', pattern: '/v1/helicone-dataset/:datasetId/export', path: `/v1/helicone-dataset/${id}/export` },
  { method: 'GET', pattern: '/v1/alerts', path: '/v1/alerts' },
  { method: 'POST', pattern: '/v1/alerts', path: '/v1/alerts' },
  { method: 'GET', pattern: '/v1/alerts/history', path: '/v1/alerts/history' },
  { method: 'POST', pattern: '/v1/alerts/evaluate', path: '/v1/alerts/evaluate' },
  { method: 'GET', pattern: '/v1/alerts/:alertId', path: `/v1/alerts/${id}` },
  { method: 'PUT', pattern: '/v1/alerts/:alertId', path: `/v1/alerts/${id}` },
  { method: 'DELETE', pattern: '/v1/alerts/:alertId', path: `/v1/alerts/${id}` },
  { method: 'GET', pattern: '/v1/alerts/:alertId/history', path: `/v1/alerts/${id}/history` },
  { method: 'POST', pattern: '/v1/helicone-sql/execute', path: '/v1/helicone-sql/execute' },
  { method: 'GET', pattern: '/v1/helicone-sql/schema', path: '/v1/helicone-sql/schema' },
  { method: 'POST', pattern: '/v1/helicone-sql/download', path: '/v1/helicone-sql/download' },
  { method: 'GET', pattern: '/v1/helicone-sql/download', path: '/v1/helicone-sql/download?sql=U0VMRUNUIDE' },
  { method: 'GET', pattern: '/v1/helicone-sql/saved-queries', path: '/v1/helicone-sql/saved-queries' },
  { method: 'POST', pattern: '/v1/helicone-sql/saved-query', path: '/v1/helicone-sql/saved-query' },
  { method: 'GET', pattern: '/v1/helicone-sql/saved-query/:queryId', path: '/v1/helicone-sql/saved-query/q1' },
  { method: 'PUT', pattern: '/v1/helicone-sql/saved-query/:queryId', path: '/v1/helicone-sql/saved-query/q1' },
  { method: 'DELETE', pattern: '/v1/helicone-sql/saved-query/:queryId', path: '/v1/helicone-sql/saved-query/q1' },
  { method: 'POST', pattern: '/v1/helicone-sql/saved-queries/bulk-delete', path: '/v1/helicone-sql/saved-queries/bulk-delete' },
  { method: 'POST', pattern: '/mcp', path: '/mcp' },
  { method: 'GET', pattern: '/mcp', path: '/mcp' },
  { method: 'DELETE', pattern: '/mcp', path: '/mcp' },
];
/** Public by design (README, "Gateway keys and who may connect"; the dashboard's files hold no data). */
const publicRoutes = ['GET /healthz', 'GET /v1/models', 'GET /models', 'GET /', 'GET /dashboard/:file'];

describe('with gateway keys, only the public routes answer without one', () => {
  it('the table names every route the gateway mounts', () => {
    const mounted = [...baseRoutes, ...mcpRoutes].map((route) => `${route.method} ${route.pattern}`).sort();
    const listed = [...protectedRoutes.map((route) => `${route.method} ${route.pattern}`), ...publicRoutes].sort();
    expect(listed).toEqual(mounted);
    expect(baseRoutes.filter((route) => route.public).map((route) => `${route.method} ${route.pattern}`).sort()).toEqual([...publicRoutes].sort());
  });

  it.each(protectedRoutes)('$method $path: 401 without a key, with a wrong or revoked one, in each place a key can come', async ({ method, path, keyHeader }) => {
    const attempts: Array<Record<string, string>> = [
      {},
      bearer(`sk-switchyard-${randomBytes(16).toString('hex')}`),
      { 'helicone-auth': `Bearer sk-switchyard-${randomBytes(16).toString('hex')}` },
      bearer(revoked.key),
      { 'helicone-auth': `Bearer ${revoked.key}` },
      bearer(''),
      ...(keyHeader ? [{ [keyHeader]: revoked.key }, { [keyHeader]: 'sk-switchyard-wrong' }] : []),
    ];
    for (const headers of attempts) {
      const answer = await send(method, path, headers);
      expect(answer.status, `${JSON.stringify(headers)} → ${answer.text}`).toBe(401);
      expect(answer.contentType).toMatch(/^application\/json/);
      expect(() => JSON.parse(answer.text)).not.toThrow();
    }
    // The valid key gets past authentication, to the route itself.
    const authorized = await send(method, path, keyHeader ? { [keyHeader]: valid.key } : bearer(valid.key));
    expect(authorized.status, authorized.text).not.toBe(401);
    // (not the router's "no route" or "method not allowed"; /mcp itself answers GET and DELETE with a JSON-RPC 405)
    expect(authorized.text).not.toMatch(/No route for|is not allowed on/);
  });

  it('a forged signature on a body link is no key', async () => {
    for (const path of [`/v1/request/${id}/body`, '/v1/prompt-2025/v1/prompt-body', '/v1/helicone-sql/download?sql=U0VMRUNUIDE&x=1']) {
      expect((await send('GET', `${path}?expires=99999999999&signature=${'0'.repeat(64)}`, {})).status).toBe(401);
    }
  });

  it('the public routes answer without a key', async () => {
    expect((await send('GET', '/healthz', {})).status).toBe(200);
    const models = await send('GET', '/v1/models', {});
    expect(models.status).toBe(200);
    expect(JSON.parse(models.text)).toMatchObject({ object: 'list' });
    expect((await send('GET', '/models', {})).status).toBe(200);
    expect((await send('GET', '/', {})).status).not.toBe(401);
  });
});

describe('/mcp', () => {
  it('refuses a foreign Origin or Host, even with a valid key', async () => {
    const call = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
    for (const origin of ['https://evil.example', 'http://127.0.0.1.evil.example', 'null']) {
      const answer = await send('POST', '/mcp', { ...bearer(valid.key), origin }, call);
      expect(answer.status, origin).toBe(403);
      expect(JSON.parse(answer.text)).toMatchObject({ jsonrpc: '2.0', error: { message: expect.stringMatching(/Origin .* is not allowed/) } });
    }
    const port = new URL(gw.url).port;
    const rebinding = await new Promise<number>((resolve, reject) => {
      // fetch does not let a caller set Host: a raw request, as a DNS-rebinding page's would arrive.
      const socket = connect(Number(port), '127.0.0.1', () => {
        const body = JSON.stringify(call);
        socket.write(`POST /mcp HTTP/1.1\r\nHost: evil.example:${port}\r\nAuthorization: Bearer ${valid.key}\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
      });
      let text = '';
      socket.on('data', (data: Buffer) => (text += data));
      socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1])));
      socket.on('error', reject);
    });
    expect(rebinding).toBe(403);
    // Its own origin, with the key, is served.
    const own = await send('POST', '/mcp', { ...bearer(valid.key), origin: gw.url }, call);
    expect(own.status).toBe(200);
    expect(own.text).toContain('use_ai_gateway');
  });
});

describe('Helicone-Target-URL reaches only its allowlist', () => {
  const chat = { model: 'some-model', messages: [{ role: 'user', content: 'hi' }] };
  const refused = [
    detector.url,
    `${detector.url}/v1`,
    `http://localhost:${new URL(detector.url).port}`,
    ...(detector6 ? [detector6.url] : []),
    `http://0.0.0.0:${new URL(detector.url).port}`,
    'http://10.0.0.1',
    'http://10.0.0.1:8080/v1',
    'http://172.16.0.1',
    'http://192.168.1.1',
    'http://169.254.169.254/latest/meta-data',
    'http://[fd00::1]',
    // Look-alikes of the allowed prefix.
    'https://api.allowed.example.evil.example/v1',
    `https://api.allowed.example@127.0.0.1:${new URL(detector.url).port}/v1`,
    'http://api.allowed.example/v1',
    'https://api.allowed.example:8443/v1',
    'https://api.allowed.example/v10',
    'https://api.allowed.example/v1/../admin',
    `${fake.url}/okay`,
    `${fake.url}/`,
  ];

  it.each(refused)('%s: a 4xx JSON error, with no contact', async (target) => {
    const before = { detector: detector.contacts(), detector6: detector6?.contacts() ?? 0, fake: fake.requests.length };
    for (const path of ['/v1/chat/completions', '/v1/responses']) {
      const body = path === '/v1/responses' ? { model: 'some-model', input: 'hi' } : chat;
      const answer = await send('POST', path, { ...bearer(valid.key), 'helicone-target-url': target }, body);
      expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
      expect(answer.status, answer.text).toBeLessThan(500);
      expect(answer.contentType).toMatch(/^application\/json/);
      expect((JSON.parse(answer.text) as { error: { message: string } }).error.message).toMatch(/allowlist/);
    }
    expect({ detector: detector.contacts(), detector6: detector6?.contacts() ?? 0, fake: fake.requests.length }).toEqual(before);
  });

  it('a target that is not a URL, or not http, is a 400', async () => {
    for (const target of ['not a url', 'file:///etc/passwd', 'gopher://127.0.0.1:70/', `ftp://127.0.0.1:${new URL(detector.url).port}/`]) {
      const answer = await send('POST', '/v1/chat/completions', { ...bearer(valid.key), 'helicone-target-url': target }, chat);
      expect(answer.status, `${target}: ${answer.text}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${target}: ${answer.text}`).toBeLessThan(500);
    }
    expect(detector.contacts()).toBe(0);
  });

  it('an allowlisted target is reached, so the detectors would see a contact', async () => {
    // The fake has no /ok/v1/chat/completions: its own 404, relayed, shows the request reached it.
    const answer = await send('POST', '/v1/chat/completions', { 'helicone-auth': `Bearer ${valid.key}`, 'helicone-target-url': `${fake.url}/ok` }, chat);
    expect(answer.status, answer.text).toBe(404);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { details: [{ source: `some-model/${new URL(fake.url).host}`, status: 404, message: 'no such route' }] } });
    const other = await GatewayUnderTest.start(fakeEnv(fake, { SWITCHYARD_TARGET_URL_ALLOWLIST: detector.url }));
    try {
      expect((await other.post('/v1/chat/completions', chat, { 'helicone-target-url': detector.url })).status).toBe(200);
      expect(detector.contacts()).toBe(1);
    } finally {
      await other.close();
    }
  });
});

describe('the query API reads and writes only its own tables', () => {
  const sqlTexts = [
    "x' OR 1=1 --",
    "') UNION SELECT key_hash, name, id, 1, 1 FROM api_keys --",
    '" OR ""="',
    'x; DROP TABLE api_keys; --',
    "%' UNION SELECT name FROM sqlite_master --",
  ];

  it('filters, sorts and parameters with SQL in them are refused or match rows, and show nothing from api_keys', async () => {
    const requestId = randomUUID();
    const logged = await send('POST', '/v1/chat/completions', { ...bearer(valid.key), 'helicone-request-id': requestId, 'helicone-property-env': 'prod', 'helicone-user-id': 'u1', 'helicone-session-id': 's1' }, { model: 'mock', messages: [{ role: 'user', content: 'hi' }] });
    expect(logged.status).toBe(200);
    const db = gw.gateway.store.sql;
    const keyRows = () => db.all<{ key_hash: string }>('SELECT * FROM api_keys ORDER BY id');
    // Every table, index and view of the store, with its definition.
    const schema = () =>
      db.dialect.name === 'sqlite'
        ? db.all('SELECT type, name, sql FROM sqlite_master ORDER BY name')
        : db.all("SELECT c.relkind, c.relname, c.relnatts FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace ORDER BY c.relname");
    const keysBefore = await keyRows();
    const schemaBefore = await schema();
    const forbidden = [keyMarker, ...keysBefore.map((row) => row.key_hash), valid.key, revoked.key];

    // The fourth element: the query must answer 200 with no rows (no request matches the text as a
    // value; an injected `OR 1=1` would match them all).
    const queries: Array<[string, string, unknown, 'no rows'?]> = [];
    for (const sql of sqlTexts) {
      const leaf = (table: string, column: string, value: unknown) => ({ [table]: { [column]: value } });
      queries.push(
        ['POST', '/v1/request/query-clickhouse', { filter: leaf('request_response_rmt', 'properties', { [sql]: { equals: 'prod' } }) }, 'no rows'],
        ['POST', '/v1/request/query-clickhouse', { filter: leaf('request_response_rmt', 'properties', { env: { equals: sql } }) }, 'no rows'],
        ['POST', '/v1/request/query-clickhouse', { filter: leaf('request_response_rmt', 'model', { contains: sql }) }, 'no rows'],
        ['POST', '/v1/request/query-clickhouse', { filter: leaf('request_response_rmt', 'user_id', { equals: sql }) }, 'no rows'],
        ['POST', '/v1/request/query-clickhouse', { filter: leaf('request_response_rmt', sql, { equals: 'x' }) }],
        ['POST', '/v1/request/query-clickhouse', { filter: leaf('request_response_rmt', 'model', { [sql]: 'x' }) }],
        ['POST', '/v1/request/query-clickhouse', { filter: { [sql]: { model: { equals: 'x' } } } }],
        ['POST', '/v1/request/query-clickhouse', { filter: 'all', sort: { [sql]: 'desc' } }],
        ['POST', '/v1/request/query-clickhouse', { filter: 'all', sort: { created_at: sql } }],
        ['POST', '/v1/request/query-clickhouse', { filter: 'all', sort: { properties: { [sql]: 'asc' } } }],
        ['POST', '/v1/request/query', { filter: { properties: { [sql]: { equals: 'x' } } } }],
        ['POST', '/v1/request/query', { filter: { values: { [sql]: { equals: 'x' } } } }],
        ['POST', '/v1/request/query', { filter: { request: { prompt: { contains: sql } } } }],
        ['POST', '/v1/request/query-ids', { requestIds: [sql] }],
        ['POST', '/v1/request/query', { filter: { request: { user_id: { equals: sql } } } }],
        ['POST', '/v1/session/query', { filter: 'all', search: sql, timeFilter: { startTimeUnixMs: 0, endTimeUnixMs: Date.now() + 60_000 }, timezoneDifference: 0 }],
        ['POST', '/v1/session/query', { filter: 'all', nameEquals: sql, timeFilter: { startTimeUnixMs: 0, endTimeUnixMs: Date.now() + 60_000 }, timezoneDifference: 0 }],
        ['POST', '/v1/user/query', { userIds: [sql] }],
        ['POST', '/v1/user/metrics/query', { filter: leaf('users_view', 'user_id', { equals: sql }) }],
        ['POST', '/v1/metrics/query', { groupBy: 'property', property: sql }],
        ['POST', '/v1/metrics/query', { groupBy: sql }],
        ['GET', `/v1/session/${encodeURIComponent(sql)}/trace`, undefined],
      );
    }
    for (const sql of sqlTexts) {
      queries.push(
        ['PUT', `/v1/request/${requestId}/property`, { key: sql, value: sql }],
        ['POST', `/v1/request/${requestId}/score`, { scores: { [sql]: 1 } }],
        ['POST', `/v1/session/${encodeURIComponent(sql)}/feedback`, { rating: true }],
      );
    }

    const statuses = new Map<number, number>();
    let emptyChecked = 0;
    for (const [method, path, body, expectation] of queries) {
      const answer = await send(method, path, bearer(valid.key), body);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      const where = `${method} ${path} ${JSON.stringify(body)} → ${answer.status} ${answer.text.slice(0, 300)}`;
      expect(answer.status < 500 && answer.status !== 401, where).toBe(true);
      expect(answer.contentType, where).toMatch(/^application\/json/);
      for (const secret of forbidden) expect(answer.text.includes(secret), where).toBe(false);
      expect(answer.text, where).not.toMatch(/CREATE TABLE/);
      // What came back are rows of requests (or totals), never rows of another table.
      const data = (JSON.parse(answer.text) as { data?: unknown }).data;
      if (Array.isArray(data)) for (const row of data) expect(Object.keys(row as object), where).not.toContain('key_hash');
      if (expectation === 'no rows') {
        expect(answer.status, where).toBe(200);
        expect(data, where).toEqual([]);
        emptyChecked++;
      }
    }
    // The same filter with a real value does find the request, so "no rows" above means something.
    const found = await send('POST', '/v1/request/query-clickhouse', bearer(valid.key), { filter: { request_response_rmt: { properties: { env: { equals: 'prod' } } } } });
    expect((JSON.parse(found.text) as { data: Array<{ request_id: string }> }).data.map((row) => row.request_id)).toContain(requestId);
    reportFigure('access', `query API with SQL in filters, sorts and parameters: ${queries.length} calls (${emptyChecked} of them checked to match no row), answered ${[...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${n}×${status}`).join(', ')}`);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);

    // Nothing outside the log's tables changed, and the log itself is whole.
    expect(await keyRows()).toEqual(keysBefore);
    expect(await schema()).toEqual(schemaBefore);
    expect((await gw.rows()).some((row) => row.request_id === requestId)).toBe(true);
    // A property key written with SQL in it is stored as the text it was.
    expect((await gw.row(requestId)).properties[sqlTexts[0]!]).toBe(sqlTexts[0]);
  });
});
