/**
 * Secrets: the built gateway, with provider keys and a gateway key, pointed at a fake provider,
 * takes a mix of traffic (chat JSON and stream, Responses, Messages with x-api-key, failing
 * providers, Helicone-Target-URL with the client's own key, manual logging, the query API, MCP over
 * HTTP, a wrong key, a PostHog export). Then none of the provider keys, the gateway key, the
 * PostHog project key, or any full credential header value the clients sent appears in:
 *
 * - the data folder's bytes (the SQLite file with its WAL while running, and again after a clean
 *   stop), nor in any row of any table (read through SQL, which also sees text split across pages);
 * - any response status line, header or body the clients received;
 * - the gateway's standard output and standard error.
 *
 * Every secret carries a random part, so no scan can pass by accident; a non-secret marker sent in
 * the bodies must be found in the same places, proving the scans read what they should.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltGateway, runBuiltCli, startBuiltGateway } from '../helpers/built-gateway.js';
import { FakeProvider } from '../helpers/fake-provider.js';
import { reportFigure } from '../helpers/figures.js';
import { eventually, startJsonReceiver } from '../helpers/json-receiver.js';

const random = () => randomBytes(12).toString('hex');
const openaiKey = `sk-test-SECRET-${random()}`;
const anthropicKey = `sk-ant-test-SECRET-${random()}`;
/** What a client sends as its own provider key through Helicone-Target-URL. */
const targetClientKey = `sk-target-SECRET-${random()}`;
/** A credential a manual log carries in the provider's response headers (documented as not logged). */
const loggedHeaderSecret = `sk-header-SECRET-${random()}`;
const wrongKey = `sk-switchyard-wrong-${random()}`;
/** Sent as Helicone-Posthog-Key: it goes to PostHog (the stand-in below) and nowhere else. */
const posthogKey = `phc_SECRET_${random()}`;
/** Not a secret: sent in bodies, must be found in the store and in query answers. */
const marker = `visible-marker-${random()}`;

let fake: FakeProvider;
let posthog: Awaited<ReturnType<typeof startJsonReceiver>>;
let gateway: BuiltGateway;
let gatewayKey: string;
const dir = mkdtempSync(join(tmpdir(), 'switchyard-secrets-'));

/** Everything the clients received: status, headers and body of every answer. */
const received: string[] = [];
/** Every credential header value the clients sent. */
const sentCredentials = new Set<string>();

async function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<{ status: number; text: string }> {
  const headers = { 'content-type': 'application/json', ...init.headers };
  for (const [name, value] of Object.entries(headers)) {
    if (['authorization', 'helicone-auth', 'x-api-key'].includes(name.toLowerCase())) sentCredentials.add(value);
  }
  const url = path.startsWith('http') ? path : `${gateway.url}${path}`;
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  received.push(`${response.status} ${response.statusText}\n${[...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}\n\n${text}`);
  return { status: response.status, text };
}

const auth = () => ({ authorization: `Bearer ${gatewayKey}` });
const chat = (model: string, stream = false) => ({ model, stream, messages: [{ role: 'user', content: `say hi ${marker}` }] });

/** The data folder's files, as bytes read now. */
function folderBytes(): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('\n');
}

let runningFolder = '';
let runningFiles: string[] = [];

beforeAll(async () => {
  fake = await FakeProvider.start();
  posthog = await startJsonReceiver();
  const created = runBuiltCli(['keys', '--data-dir', dir, 'create', '--name', 'scan']);
  expect(created.status).toBe(0);
  gatewayKey = created.stdout.trim();
  expect(gatewayKey).toMatch(/^sk-switchyard-/);
  gateway = await startBuiltGateway(['--data-dir', dir], {
    OPENAI_API_KEY: openaiKey,
    ANTHROPIC_API_KEY: anthropicKey,
    OPENAI_BASE_URL: `${fake.url}/v1`,
    ANTHROPIC_BASE_URL: `${fake.url}/v1`,
    SWITCHYARD_TARGET_URL_ALLOWLIST: fake.url,
    SWITCHYARD_POSTHOG_ALLOW_PRIVATE: '1',
  });

  const ok = async (path: string, init: Parameters<typeof call>[1], status = 200) => {
    const answer = await call(path, init);
    expect(answer.status, `${path}: ${answer.text}`).toBe(status);
    return answer;
  };

  // Model calls: chat, Responses, Messages (JSON and streams), through the gateway key.
  await ok('/v1/chat/completions', { headers: auth(), body: chat('gpt-4.1-nano/openai') });
  await ok('/v1/chat/completions', {
    headers: { ...auth(), 'helicone-session-id': 'scan-session', 'helicone-user-id': 'scan-user', 'helicone-posthog-key': posthogKey, 'helicone-posthog-host': posthog.url },
    body: chat('gpt-4.1-nano/openai', true),
  });
  // PostHog got the key (so its absence everywhere else below means something).
  await eventually(() => posthog.received.some((post) => JSON.stringify(post.body).includes(posthogKey)), 'the PostHog export');
  await ok('/v1/chat/completions', { headers: { 'helicone-auth': `Bearer ${gatewayKey}` }, body: chat('mock') });
  await ok('/v1/responses', { headers: auth(), body: { model: 'gpt-4.1-nano', input: `hello ${marker}` } });
  await ok('/v1/responses', { headers: auth(), body: { model: 'gpt-4.1-nano', input: `hello ${marker}`, stream: true } });
  const messages = { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: `hello ${marker}` }] };
  const anthropicHeaders = { 'x-api-key': gatewayKey, 'anthropic-version': '2023-06-01' };
  await ok('/v1/messages', { headers: anthropicHeaders, body: messages });
  await ok('/v1/messages', { headers: anthropicHeaders, body: { ...messages, stream: true } });
  await ok('/v1/messages/count_tokens', { headers: anthropicHeaders, body: { model: messages.model, messages: messages.messages } });

  // Failing providers: an error status, a refused key, a reset connection.
  fake.enqueue('openai', { status: 500, json: { error: { message: 'upstream broke', type: 'server_error' } } });
  await ok('/v1/chat/completions', { headers: auth(), body: chat('gpt-4.1-nano/openai') }, 500);
  fake.enqueue('openai', { status: 401, json: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } } });
  await ok('/v1/chat/completions', { headers: auth(), body: chat('gpt-4.1-nano/openai') }, 401);
  fake.enqueue('openai', { resetBeforeHeaders: true });
  await ok('/v1/chat/completions', { headers: auth(), body: chat('gpt-4.1-nano/openai', true) }, 502);
  fake.enqueue('anthropic', { status: 529, json: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
  await ok('/v1/messages', { headers: anthropicHeaders, body: messages }, 529);

  // Helicone-Target-URL: the gateway key in Helicone-Auth, the client's own key in Authorization.
  await ok('/v1/chat/completions', {
    headers: { 'helicone-auth': `Bearer ${gatewayKey}`, authorization: `Bearer ${targetClientKey}`, 'helicone-target-url': fake.url },
    body: chat('some-hosted-model'),
  });

  // Manual logging, with the key as Authorization (and credentials in the body that must not be logged).
  const manualId = randomUUID();
  await ok('/custom/v1/log', {
    headers: { ...auth(), 'helicone-request-id': manualId },
    body: {
      providerRequest: { url: 'https://api.openai.com/v1/chat/completions', json: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: marker }] }, meta: { 'Helicone-User-Id': 'scan-user' } },
      providerResponse: { status: 200, headers: { authorization: `Bearer ${loggedHeaderSecret}`, 'set-cookie': loggedHeaderSecret }, json: { choices: [{ message: { role: 'assistant', content: 'ok' } }] } },
    },
  });

  // A wrong key, in each place a key can come.
  await ok('/v1/chat/completions', { headers: { authorization: `Bearer ${wrongKey}` }, body: chat('mock') }, 401);
  await ok('/v1/messages', { headers: { 'x-api-key': wrongKey, 'anthropic-version': '2023-06-01' }, body: messages }, 401);
  await ok('/v1/request/query', { headers: { 'helicone-auth': `Bearer ${wrongKey}` }, body: { filter: 'all' } }, 401);

  // The query API, reading back what was logged (bodies included).
  const rows = JSON.parse((await ok('/v1/request/query-clickhouse', { headers: auth(), body: { filter: 'all', limit: 100 } })).text) as { data: Array<{ request_id: string; signed_body_url: string }> };
  expect(rows.data.length).toBe(13);
  await ok(`/v1/request/${manualId}?includeBody=true`, { headers: auth() });
  for (const row of rows.data) await ok(row.signed_body_url, {});
  await ok('/v1/request/query-ids', { headers: auth(), body: { requestIds: rows.data.map((row) => row.request_id) } });
  await ok('/v1/session/query', { headers: auth(), body: { filter: 'all', search: '', timeFilter: { startTimeUnixMs: 0, endTimeUnixMs: Date.now() + 60_000 }, timezoneDifference: 0 } });
  await ok('/v1/session/scan-session/trace', { headers: auth() });
  await ok('/v1/user/query', { headers: auth(), body: {} });
  await ok('/v1/metrics/query', { headers: auth(), body: { groupBy: 'provider' } });
  await ok('/v1/property/query', { headers: auth(), body: {} });

  // MCP over HTTP: a model call and a read of what was logged, through the tools.
  const mcp = (id: number, name: string, args: unknown) =>
    ok('/mcp', {
      headers: { ...auth(), accept: 'application/json, text/event-stream' },
      body: { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } },
    });
  const used = await mcp(1, 'use_ai_gateway', { model: 'gpt-4.1-nano/openai', messages: [{ role: 'user', content: `mcp ${marker}` }] });
  expect(used.text).toContain('request_id');
  await mcp(2, 'query_requests', { includeBodies: true, limit: 50 });
  await mcp(3, 'get_request', { request_id: manualId });

  // The provider keys were in use, so their absence below means something.
  expect(fake.requests.some((request) => request.headers.authorization === `Bearer ${openaiKey}`)).toBe(true);
  expect(fake.requests.some((request) => request.headers['x-api-key'] === anthropicKey)).toBe(true);
  expect(fake.requests.some((request) => request.headers.authorization === `Bearer ${targetClientKey}`)).toBe(true);

  // The folder while the gateway runs (every queued record was written before the queries answered).
  runningFiles = readdirSync(dir);
  runningFolder = folderBytes();
  gateway.child.kill('SIGTERM');
  expect(await gateway.exited).toEqual({ code: 0, signal: null });
}, 60_000);

afterAll(async () => {
  if (gateway && gateway.child.exitCode === null && gateway.child.signalCode === null) gateway.child.kill('SIGKILL');
  await fake?.close();
  await posthog?.close();
  rmSync(dir, { recursive: true, force: true });
});

function secrets(): string[] {
  return [openaiKey, anthropicKey, gatewayKey, targetClientKey, loggedHeaderSecret, wrongKey, posthogKey, ...sentCredentials];
}

/** Every row of every table, as text (blobs read as latin1). */
function tableDump(): string {
  const db = new Database(join(dir, 'switchyard.db'), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    expect(tables).toEqual(expect.arrayContaining(['requests', 'request_bodies', 'request_properties', 'api_keys']));
    return tables
      .map((table) => {
        const rows = db.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`).all() as Array<Record<string, unknown>>;
        return `${table}\n${rows.map((row) => Object.values(row).map((value) => (Buffer.isBuffer(value) ? value.toString('latin1') : String(value))).join('\t')).join('\n')}`;
      })
      .join('\n');
  } finally {
    db.close();
  }
}

function expectNoSecrets(where: string, text: string): void {
  for (const secret of secrets()) expect(text.includes(secret), `${where} contains ${secret.slice(0, 12)}…`).toBe(false);
}

describe('no provider key, gateway key or credential header value leaves the gateway', () => {
  it('sent every credential it scans for, and the marker reached the store and the answers', () => {
    // The credential header values the clients sent: the gateway key (as a bearer token in
    // Authorization and Helicone-Auth, and bare in x-api-key), the target's key, the wrong key.
    expect([...sentCredentials].sort()).toEqual(
      [`Bearer ${gatewayKey}`, gatewayKey, `Bearer ${targetClientKey}`, `Bearer ${wrongKey}`, wrongKey].sort(),
    );
    const dump = tableDump();
    expect(dump).toContain(marker);
    // While running, the newest pages are in the WAL; a clean stop checkpoints it into the file.
    expect(runningFiles).toContain('switchyard.db-wal');
    expect(runningFolder).toContain(marker);
    expect(folderBytes()).toContain(marker);
    expect(received.join('\n')).toContain(marker);
    // The store has logged the traffic: rows for the model calls, the failures and the manual log.
    const db = new Database(join(dir, 'switchyard.db'), { readonly: true });
    const statuses = db.prepare('SELECT status FROM requests').pluck().all() as number[];
    db.close();
    expect(statuses.length).toBeGreaterThanOrEqual(14); // the 13 above and the MCP tool's call
    expect(statuses).toEqual(expect.arrayContaining([200, 500, 401, 502, 529]));
    reportFigure('secrets', `secrets scan: ${secrets().length} secrets against ${statuses.length} logged requests, ${received.length} answers, ${gateway.output().length} characters of output and ${runningFolder.length + folderBytes().length} bytes of store files`);
  });

  it('none in the store: its files (running and stopped) and every row of every table', () => {
    expectNoSecrets('the data folder while running', runningFolder);
    expectNoSecrets('the data folder after the stop', folderBytes());
    expectNoSecrets('the tables', tableDump());
  });

  it('none in any answer: status lines, headers and bodies', () => {
    expectNoSecrets('the answers', received.join('\n'));
  });

  it('none in the process output', () => {
    expect(gateway.output()).toContain('Switchyard stopped.');
    expectNoSecrets('the output', gateway.output());
  });
});
