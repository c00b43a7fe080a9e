/**
 * The MCP server, driven by the MCP SDK's own Client: over stdio (spawning `switchyard mcp`) and
 * over Streamable HTTP (/mcp on the gateway), against a live gateway with the mock provider.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayKey } from '../../gateway/src/auth/gateway-keys.js';
import { mcpRoutes } from '../../mcp-server/src/http-route.js';
import { GatewayUnderTest } from '../helpers/gateway-under-test.js';

const cli = join(import.meta.dirname, '../../gateway/src/cli/main.ts');
let gw: GatewayUnderTest;
let stdio: Client;
/** Anything but protocol on the server's stdout shows up here (the SDK passes it to onerror). */
const protocolErrors: unknown[] = [];

interface TextResult {
  content: Array<{ type: string; text: string }>;
  isError?: boolean;
}

function stdioClient(env: NodeJS.ProcessEnv): { client: Client; transport: StdioClientTransport } {
  const transport = new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', cli, 'mcp'], env: env as Record<string, string>, stderr: 'pipe' });
  return { client: new Client({ name: 'switchyard-test', version: '1.0.0' }), transport };
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<TextResult> {
  return (await client.callTool({ name, arguments: args })) as TextResult;
}

const text = (result: TextResult) => result.content.map((part) => part.text).join('\n');

beforeAll(async () => {
  gw = await GatewayUnderTest.start({}, { routes: mcpRoutes });
  const { client, transport } = stdioClient({ ...process.env, SWITCHYARD_URL: gw.url });
  stdio = client;
  stdio.onerror = (error) => protocolErrors.push(error);
  await stdio.connect(transport);
});

afterAll(async () => {
  await stdio.close();
  await gw.close();
});

describe('the MCP server over stdio', () => {
  it('lists its tools with schemas, descriptions and read-only hints', async () => {
    const { tools } = await stdio.listTools();
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect([...byName.keys()].sort()).toEqual(
      ['add_feedback', 'create_dataset', 'get_metrics', 'get_request', 'get_score_distributions', 'get_session_trace', 'list_models', 'list_properties', 'query_requests', 'query_sessions', 'query_users', 'run_sql', 'score_request', 'use_ai_gateway'].sort(),
    );
    const useGateway = byName.get('use_ai_gateway')!;
    expect(useGateway.inputSchema.required).toEqual(['model']);
    expect(Object.keys(useGateway.inputSchema.properties!)).toEqual(expect.arrayContaining(['sessionId', 'sessionName', 'sessionPath', 'userId', 'customProperties', 'tools', 'stream']));
    for (const name of ['query_requests', 'get_request', 'query_sessions', 'get_session_trace', 'query_users', 'get_metrics', 'list_models', 'list_properties', 'run_sql', 'get_score_distributions']) {
      expect(byName.get(name)!.annotations?.readOnlyHint, name).toBe(true);
    }
    for (const name of ['use_ai_gateway', 'add_feedback', 'score_request', 'create_dataset']) {
      expect(byName.get(name)!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    }
    // Schemas stay within what every client accepts: no uuid formats, exclusive bounds or type arrays.
    const schemas = JSON.stringify(tools.map((tool) => tool.inputSchema));
    expect(schemas).not.toMatch(/"format":"uuid"|exclusiveMinimum|"type":\[/);
    expect(byName.get('query_requests')!.description).toContain('"request_response_rmt"');
    // run_sql carries the view's schema, so a model can write the query at once.
    expect(byName.get('run_sql')!.description).toMatch(/request_response_rmt[\s\S]*- cost \(Nullable\(Int64\)\)/);
  });

  it('run_sql answers SQL over the log, and refuses other tables with the HQL error', async () => {
    const answer = JSON.parse(text(await call(stdio, 'use_ai_gateway', { model: 'mock', messages: [{ role: 'user', content: 'for sql' }], userId: 'sql-user' }))) as { request_id: string };
    const found = await call(stdio, 'run_sql', { sql: `SELECT request_id, user_id FROM request_response_rmt WHERE request_id = '${answer.request_id}'` });
    expect(found.isError).toBeFalsy();
    expect(text(found)).toContain(`{"request_id":"${answer.request_id}","user_id":"sql-user"}`);
    const refused = await call(stdio, 'run_sql', { sql: 'SELECT * FROM api_keys' });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain('[HQL_INVALID_TABLE]');
  });

  it('use_ai_gateway answers with a request id that query_requests then finds, with its session, user and properties', async () => {
    const answer = await call(stdio, 'use_ai_gateway', {
      model: 'mock',
      messages: [{ role: 'user', content: 'What is Switchyard?' }],
      sessionId: 'mcp-session-1',
      sessionName: 'MCP test',
      sessionPath: '/ask',
      userId: 'mcp-user',
      customProperties: { topic: 'gateways', attempt: 1 },
    });
    expect(answer.isError).toBeFalsy();
    const parsed = JSON.parse(text(answer)) as { request_id: string; content: string; usage: { prompt_tokens: number } };
    expect(parsed.content).toBe('Mock reply to: What is Switchyard?');
    expect(parsed.request_id).toMatch(/^[0-9a-f-]{36}$/);

    const found = await call(stdio, 'query_requests', { filter: { request_response_rmt: { request_id: { equals: parsed.request_id } } } });
    const lines = text(found).split('\n');
    expect(lines[0]).toMatch(/^1 request \(offset 0\)/);
    expect(JSON.parse(lines[1]!)).toMatchObject({
      request_id: parsed.request_id,
      model: 'mock',
      status: 200,
      user_id: 'mcp-user',
      session_id: 'mcp-session-1',
      session_path: '/ask',
      properties: { topic: 'gateways', attempt: '1' },
    });
  });

  it('accepts object parameters sent as JSON strings', async () => {
    const answer = await call(stdio, 'use_ai_gateway', { model: 'mock', messages: JSON.stringify([{ role: 'user', content: 'as a string' }]), customProperties: '{"source": "string"}' });
    expect(JSON.parse(text(answer)).content).toBe('Mock reply to: as a string');
    const found = await call(stdio, 'query_requests', { filter: '{"request_response_rmt": {"properties": {"source": {"equals": "string"}}}}', includeBodies: true, bodyBudget: 60 });
    const row = JSON.parse(text(found).split('\n')[1]!) as { request_body: string; response_body: string };
    expect(row.request_body).toMatch(/^\{"model":"mock".*…\[cut \d+ of \d+ chars; get_request with a larger bodyBudget shows more\]$/);
  });

  it('reports invalid parameters and failed gateway calls with isError and how to fix them', async () => {
    const invalid = await call(stdio, 'use_ai_gateway', { model: 'mock', messages: 'not json' });
    expect(invalid.isError).toBe(true);
    expect(text(invalid)).toMatch(/messages/);
    const failed = await call(stdio, 'use_ai_gateway', { model: 'gpt-17', messages: [{ role: 'user', content: 'hi' }] });
    expect(failed.isError).toBe(true);
    expect(text(failed)).toMatch(/Unknown model "gpt-17"[\s\S]*Fix the parameters as the message says/);
    const badFilter = await call(stdio, 'query_requests', { filter: { request_response_rmt: { modle: { equals: 'x' } } } });
    expect(badFilter.isError).toBe(true);
    expect(text(badFilter)).toMatch(/Unknown column "modle"/);
    const orphanPath = await call(stdio, 'use_ai_gateway', { model: 'mock', messages: [{ role: 'user', content: 'hi' }], sessionPath: '/step' });
    expect(orphanPath).toMatchObject({ isError: true, content: [{ text: 'sessionName and sessionPath need a sessionId: pass the same sessionId for every step of the task.' }] });
    const prompt = await call(stdio, 'use_ai_gateway', { model: 'mock', prompt_id: 'abc123', inputs: { city: 'Paris' } });
    expect(prompt.isError).toBe(true);
    expect(text(prompt)).toMatch(/Prompt not found: abc123/);
    const badProperty = await call(stdio, 'use_ai_gateway', { model: 'mock', messages: [{ role: 'user', content: 'hi' }], customProperties: { nested: { no: 1 } } });
    expect(text(badProperty)).toBe('customProperties.nested must be a string, number or boolean');
    const unknownRequest = await call(stdio, 'get_request', { request_id: '00000000-0000-4000-8000-000000000000' });
    expect(unknownRequest.isError).toBe(true);
    expect(text(unknownRequest)).toMatch(/Request not found[\s\S]*check the id/);
  });

  it('follows a multi-step session with query_sessions and get_session_trace', async () => {
    const step = (path: string, content: string) =>
      call(stdio, 'use_ai_gateway', { model: 'mock', messages: [{ role: 'user', content }], sessionId: 'trip-42', sessionName: 'trip-planning', sessionPath: path });
    await step('/plan', 'plan a trip');
    await step('/plan/flights', 'find flights');
    await step('/plan/hotels', 'mock:error=503 find hotels');
    const sessions = await call(stdio, 'query_sessions', { nameEquals: 'trip-planning' });
    const [, line] = text(sessions).split('\n');
    expect(text(sessions).split('\n')[0]).toMatch(/^1 session \(offset 0\); on this page: 3 requests, \$[\d.e-]+\.$/);
    expect(JSON.parse(line!)).toMatchObject({ session_id: 'trip-42', name: 'trip-planning', requests: 3 });
    const trace = text(await call(stdio, 'get_session_trace', { session_id: 'trip-42' }));
    expect(trace).toMatch(/^Session trip-42 "trip-planning": 3 requests, \d+ ms, \d+ tokens, \$[\d.e-]+, 1 failed/);
    expect(trace).toMatch(/\n\/ — 3 requests/);
    expect(trace).toMatch(/\n {2}\/plan — 3 requests[^\n]*1 failed/);
    expect(trace).toMatch(/\n {4}\/plan\/hotels — 1 request, \d+ ms, 0 tokens, \$0, 1 failed, 1 unpriced\n {6}· [0-9a-f-]{36} mock status 503, \d+ ms, 0 tokens, cost unknown error: mock\/mock: mock: simulated HTTP 503/);
  });

  it('rates requests, and aggregates metrics, users, models and properties', async () => {
    const answer = JSON.parse(text(await call(stdio, 'use_ai_gateway', { model: 'mock', messages: [{ role: 'user', content: 'rate me' }], userId: 'rater' }))) as { request_id: string };
    expect(text(await call(stdio, 'add_feedback', { request_id: answer.request_id, rating: true }))).toBe(`Feedback good recorded on ${answer.request_id}.`);
    expect((await call(stdio, 'score_request', { request_id: answer.request_id, scores: { accuracy: 90 } })).isError).toBeFalsy();
    const detail = JSON.parse(text(await call(stdio, 'get_request', { request_id: answer.request_id }))) as { feedback: boolean; scores: Record<string, number>; attempts: unknown[] };
    expect(detail).toMatchObject({ feedback: true, scores: { accuracy: 90 }, attempts: [{ source: 'mock/mock', status: 200 }] });

    const metrics = text(await call(stdio, 'get_metrics', { groupBy: 'user' }));
    expect(metrics).toMatch(/"group":"rater","requests":1/);
    const users = text(await call(stdio, 'query_users', { filter: { users_view: { user_user_id: { equals: 'rater' } } } }));
    expect(users).toMatch(/^1 of 1 matching user \(offset 0\)/);
    expect(text(await call(stdio, 'list_models', { search: 'claude-sonnet' }))).toMatch(/^anthropic: claude-sonnet-4-5, claude-sonnet-4/);
    expect(text(await call(stdio, 'list_properties', {}))).toContain('topic');
  });

  it('summarises scores, and builds a dataset exported as fine-tuning lines', async () => {
    const answer = JSON.parse(text(await call(stdio, 'use_ai_gateway', { model: 'mock', messages: [{ role: 'user', content: 'mock:reply=Tuned tune me' }] }))) as { request_id: string };
    await call(stdio, 'score_request', { request_id: answer.request_id, scores: { tuning: 3 } });
    const only = { request_response_rmt: { request_id: { equals: answer.request_id } } };
    expect(text(await call(stdio, 'get_score_distributions', { filter: only }))).toBe('tuning: average 3, min 3, max 3, 1 scores. Bins: [3, 3]: 1');
    const created = text(await call(stdio, 'create_dataset', { name: 'from mcp', filter: only }));
    expect(created).toMatch(/^Dataset [0-9a-f-]{36} \("from mcp"\) holds 1 requests; 1 are fine-tuning examples\.\n/);
    expect(JSON.parse(created.split('\n')[1]!)).toEqual({ messages: [{ role: 'user', content: 'mock:reply=Tuned tune me' }, { role: 'assistant', content: 'Tuned' }] });
    expect((await call(stdio, 'create_dataset', { name: 'neither' })).isError).toBe(true);
  });
});

describe('the stdio stream', () => {
  it('carried nothing but protocol messages through all of the above', () => {
    expect(protocolErrors).toEqual([]);
  });
});

describe('the MCP server over Streamable HTTP at /mcp', () => {
  it('serves the same tools, calling the gateway back with the caller’s key', async () => {
    const keyed = await GatewayUnderTest.start({}, { routes: mcpRoutes });
    try {
      const { key } = await createGatewayKey(keyed.gateway.store, 'mcp');
      await keyed.gateway.keys.reload();
      const refused = new Client({ name: 'no-key', version: '1.0.0' });
      await expect(refused.connect(new StreamableHTTPClientTransport(new URL(`${keyed.url}/mcp`)))).rejects.toThrow(/requires a key|401/);

      const client = new Client({ name: 'with-key', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${keyed.url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${key}` } } }));
      expect((await client.listTools()).tools.length).toBe(14);
      const answer = JSON.parse(text(await call(client, 'use_ai_gateway', { model: 'mock', messages: [{ role: 'user', content: 'over http' }] }))) as { request_id: string };
      const row = await keyed.row(answer.request_id);
      expect(row.status).toBe(200);
      await client.close();
    } finally {
      await keyed.close();
    }
  });

  it('refuses a foreign Origin', async () => {
    const response = await fetch(`${gw.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', origin: 'https://evil.example' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ jsonrpc: '2.0', error: { code: -32000, message: 'Origin "https://evil.example" is not allowed for /mcp' }, id: null });
  });
});

describe('switchyard mcp with no configuration', () => {
  it('runs a gateway of its own when none answers, and writes its log before exiting', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-mcp-'));
    // Port 9 (discard) has no gateway: the command must start its own.
    const env: NodeJS.ProcessEnv = { ...process.env, SWITCHYARD_DATA_DIR: dataDir, SWITCHYARD_PORT: '9' };
    delete env.SWITCHYARD_URL;
    delete env.HELICONE_API_KEY;
    const { client, transport } = stdioClient(env);
    let stderr = '';
    transport.stderr?.on('data', (chunk) => (stderr += chunk));
    try {
      await client.connect(transport);
      const answer = JSON.parse(text(await call(client, 'use_ai_gateway', { model: 'mock', messages: [{ role: 'user', content: 'embedded' }] }))) as { request_id: string };
      await client.close();
      const db = new Database(join(dataDir, 'switchyard.db'), { readonly: true });
      expect(db.prepare('SELECT status FROM requests WHERE request_id = ?').pluck().get(answer.request_id)).toBe(200);
      db.close();
      expect(stderr).toMatch(/one runs in this process at http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
