/**
 * Starts a real gateway on 127.0.0.1 (ephemeral port, its own SQLite file in a temp folder, or
 * its own PostgreSQL schema with SWITCHYARD_TEST_STORE=postgres), with every provider's base URL
 * pointed at a FakeProvider, and reads back what it logged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import OpenAI, { APIError } from 'openai';
import { loadConfig } from '../../gateway/src/config.js';
import { createGateway, type Gateway } from '../../gateway/src/server/gateway.js';
import { type RunningServer, startServer } from '../../gateway/src/server/http-server.js';
import type { Route } from '../../gateway/src/server/router.js';
import { SqliteStore } from '../../gateway/src/store/sqlite-store.js';
import { afterAll, beforeEach } from 'vitest';
import { FakeProvider } from './fake-provider.js';
import { freshPostgresSchema, type PostgresSchema, testStoreIsPostgres } from './postgres.js';

export const providerKeys = {
  OPENAI_API_KEY: 'sk-test-openai-secret-0001',
  ANTHROPIC_API_KEY: 'sk-ant-test-secret-0002',
  GEMINI_API_KEY: 'gemini-test-secret-0003',
  AZURE_API_KEY: 'azure-test-secret-0004',
  GROQ_API_KEY: 'gsk-test-secret-0005',
} as const;

export function fakeEnv(fake: FakeProvider, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...providerKeys,
    OPENAI_BASE_URL: `${fake.url}/v1`,
    ANTHROPIC_BASE_URL: `${fake.url}/v1`,
    GEMINI_BASE_URL: `${fake.url}/v1beta`,
    AZURE_BASE_URL: fake.url,
    GROQ_BASE_URL: `${fake.url}/v1`,
    ...extra,
  };
}

export interface StoredRow {
  request_id: string;
  status: number;
  error_message: string | null;
  provider: string | null;
  request_path: string;
  target_url: string | null;
  request_model: string | null;
  response_model: string | null;
  model_override: string | null;
  model: string | null;
  is_stream: number;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  prompt_cache_read_tokens: number | null;
  prompt_cache_write_tokens: number | null;
  reasoning_tokens: number | null;
  cost_usd: number | null;
  user_id: string | null;
  session_id: string | null;
  session_path: string | null;
  session_name: string | null;
  latency_ms: number;
  time_to_first_token_ms: number | null;
  attempts: Array<{ source: string; provider: string; status: number; error?: string; durationMs: number }>;
  properties: Record<string, string>;
  request_body: string | null;
  response_body: string | null;
}

export class GatewayUnderTest {
  private constructor(
    readonly gateway: Gateway,
    readonly running: RunningServer,
    readonly dataDir: string,
    private readonly schema: PostgresSchema | undefined,
  ) {}

  /** `store`: a PostgreSQL URL to share (several instances); by default a store of its own. */
  static async start(env: NodeJS.ProcessEnv, overrides: { host?: string; routes?: Route[]; store?: string } = {}): Promise<GatewayUnderTest> {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-test-'));
    const schema = overrides.store === undefined && testStoreIsPostgres ? await freshPostgresSchema() : undefined;
    const config = loadConfig({ port: 0, dataDir, host: overrides.host, store: overrides.store ?? schema?.url }, env);
    const gateway = await createGateway(config);
    try {
      return new GatewayUnderTest(gateway, await startServer(gateway, { routes: overrides.routes }), dataDir, schema);
    } catch (error) {
      await gateway.store.close();
      await gateway.upstreamPool.close();
      await schema?.drop();
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The SQLite connection, for a test about the SQLite file itself (throws on another store). */
  sqlite(): Database.Database {
    if (!(this.gateway.store instanceof SqliteStore)) throw new Error(`this test reads the SQLite file; the store is ${this.gateway.store.kind}`);
    return this.gateway.store.db;
  }

  get url(): string {
    return this.running.url;
  }

  client(options: { apiKey?: string; headers?: Record<string, string>; maxRetries?: number } = {}): OpenAI {
    return new OpenAI({
      baseURL: `${this.url}/v1`,
      apiKey: options.apiKey ?? 'unused',
      defaultHeaders: options.headers,
      maxRetries: options.maxRetries ?? 0,
    });
  }

  async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  /** Waits until every queued record is written, then reads the row (with properties and bodies). */
  async row(requestId: string): Promise<StoredRow> {
    const rows = await this.rows(`WHERE r.request_id = ?`, [requestId]);
    if (!rows[0]) throw new Error(`no row for ${requestId}`);
    return rows[0];
  }

  async rows(where = '', params: unknown[] = []): Promise<StoredRow[]> {
    await this.gateway.logQueue.flush();
    const sql = this.gateway.store.sql;
    const rows = await sql.all<Omit<StoredRow, 'attempts' | 'properties'> & { attempts: string }>(
      `SELECT r.*, b.request_body, b.response_body FROM requests r LEFT JOIN request_bodies b USING (request_id) ${where} ORDER BY r.request_created_at, r.${sql.dialect.insertionOrder}`,
      params,
    );
    return Promise.all(
      rows.map(async (row) => ({
        ...row,
        attempts: JSON.parse(row.attempts),
        properties: Object.fromEntries(
          (await sql.all<{ key: string; value: string }>('SELECT key, value FROM request_properties WHERE request_id = ?', [row.request_id])).map(({ key, value }) => [key, value]),
        ),
      })),
    );
  }

  async close(): Promise<void> {
    await this.running.close(1_000);
    await this.schema?.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** The openai SDK's error for a request that must fail; fails the test if it succeeded. */
export async function apiError(request: Promise<unknown>): Promise<APIError> {
  try {
    await request;
  } catch (error) {
    if (error instanceof APIError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

/**
 * For a test file: a fake provider and a gateway pointed at it, started once (top-level await),
 * the fake's recordings cleared before each test, both closed after the file.
 */
export async function gatewayWithFakeProviders(
  extraEnv: (fake: FakeProvider) => NodeJS.ProcessEnv = () => ({}),
): Promise<{ fake: FakeProvider; gw: GatewayUnderTest }> {
  const fake = await FakeProvider.start();
  const gw = await GatewayUnderTest.start(fakeEnv(fake, extraEnv(fake)));
  beforeEach(() => fake.reset());
  afterAll(async () => {
    await gw.close();
    await fake.close();
  });
  return { fake, gw };
}

export interface CollectedStream {
  text: string;
  toolName: string;
  toolArguments: string;
  finishReason: string | null;
  usage: OpenAI.CompletionUsage | undefined;
  chunks: number;
}

/** Reads a chat completion stream to its end, joining what the client would put together. */
export async function collectStream(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>): Promise<CollectedStream> {
  const collected: CollectedStream = { text: '', toolName: '', toolArguments: '', finishReason: null, usage: undefined, chunks: 0 };
  for await (const chunk of stream) {
    collected.chunks++;
    const choice = chunk.choices[0];
    collected.text += choice?.delta.content ?? '';
    const call = choice?.delta.tool_calls?.[0];
    collected.toolName += call?.function?.name ?? '';
    collected.toolArguments += call?.function?.arguments ?? '';
    collected.finishReason = choice?.finish_reason ?? collected.finishReason;
    collected.usage = chunk.usage ?? collected.usage;
  }
  return collected;
}
