/**
 * A small seeded store for the filter tests: six requests with properties, sessions, bodies,
 * scores and feedback chosen so each documented example selects a known subset. Either store
 * (test/helpers/stores.ts) is seeded the same way, so both must select the same subsets.
 */
import type { LogRecord } from '../../../../gateway/src/log/log-record.js';
import { type CompileOptions, compileFilter, type LeafTable } from '../../../../gateway/src/query/filter/index.js';
import type { Store } from '../../../../gateway/src/store/store.js';
import { openTestStore, type StoreKind, type TestStore } from '../../../helpers/stores.js';

export const ALL_IDS = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];

export const ms = (iso: string): number => Date.parse(iso);

const usage = (prompt: number, completion: number) => ({
  promptTokens: prompt,
  completionTokens: completion,
  totalTokens: prompt + completion,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
  reasoningTokens: 0,
});

const record = (requestId: string, createdAt: string, overrides: Partial<LogRecord>): LogRecord => ({
  requestId,
  createdAt: ms(createdAt),
  responseCreatedAt: ms(createdAt) + (overrides.latencyMs ?? 100),
  latencyMs: 100,
  timeToFirstTokenMs: null,
  status: 200,
  errorMessage: null,
  provider: 'openai',
  path: '/v1/chat/completions',
  targetUrl: 'https://api.openai.com/v1/chat/completions',
  requestModel: null,
  responseModel: null,
  responseId: null,
  modelOverride: null,
  stream: false,
  usage: null,
  costUsd: null,
  userId: null,
  sessionId: null,
  sessionPath: null,
  sessionName: null,
  properties: {},
  requestBody: null,
  responseBody: null,
  attempts: [],
  gatewayKeyId: null,
  ...overrides,
});

export const records: LogRecord[] = [
  record('r1', '2024-01-10T12:00:00Z', {
    userId: 'abc@email.com',
    requestModel: 'gpt-4',
    responseModel: 'gpt-4',
    latencyMs: 100,
    timeToFirstTokenMs: 40,
    costUsd: 0.01,
    usage: usage(10, 5),
    properties: { environment: 'production', appname: 'LlamaCoder', note: '50 off' },
    sessionId: 's-1',
    sessionPath: '/a',
    sessionName: 'Course Plan',
    requestBody: JSON.stringify({ model: 'gpt-4', messages: [{ role: 'user', content: 'Hello world' }] }),
    responseBody: JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'Hi there' } }] }),
  }),
  record('r2', '2024-08-15T08:00:00Z', {
    userId: 'abc@email.com',
    requestModel: 'gpt-4o-mini',
    latencyMs: 300,
    timeToFirstTokenMs: 50,
    costUsd: 0.002,
    usage: usage(100, 50),
    properties: { Environment: 'production', App: 'mobile', appname: 'LlamaCoder' },
    requestBody: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Summarise this' }] }),
    responseBody: JSON.stringify({ choices: [{ message: { content: 'A summary' } }] }),
  }),
  record('r3', '2024-12-31T23:59:59Z', {
    userId: 'other@email.com',
    provider: 'anthropic',
    requestModel: 'claude-3-5-sonnet',
    latencyMs: 1000,
    status: 500,
    properties: { environment: 'staging', Conversation: 'support_issue_2', 'ticket-id': 'T-100' },
    sessionId: 's-1',
    sessionPath: '/a/b',
    sessionName: 'Course Plan',
  }),
  record('r4', '2023-12-31T23:59:59Z', {
    provider: null,
    requestModel: 'GPT-4-Turbo',
    latencyMs: 50,
    properties: { appname: 'MyApp', environment: 'production' },
    requestBody: JSON.stringify({ model: 'GPT-4-Turbo', prompt: '100% sure_thing' }),
  }),
  record('r5', '2025-01-01T00:00:00Z', {
    userId: 'abc@email.com',
    requestModel: 'gpt-4',
    modelOverride: 'gpt-4',
    latencyMs: 200,
    costUsd: 0.05,
    usage: usage(20, 10),
    properties: { note: '50%_off', appname: 'MyApp' },
    sessionId: 's-2',
    sessionPath: '/',
    sessionName: 'Other',
  }),
  record('r6', '2024-08-31T23:59:59Z', {
    userId: '',
    latencyMs: 10,
    status: 429,
    path: '/v1/responses',
    requestBody: 'not json',
    responseBody: 'data: {"choices":[]}\n\n',
  }),
];

/** Scores: feedback on r1 (positive) and r2 (negative), accuracy on r1 and r3. */
const scores: Array<[string, string, number, string]> = [
  ['r1', 'helicone-score-feedback', 1, '2024-02-01T00:00:00Z'],
  ['r2', 'helicone-score-feedback', 0, '2023-06-01T00:00:00Z'],
  ['r1', 'accuracy', 0.9, '2024-02-01T00:00:00Z'],
  ['r3', 'accuracy', 0.4, '2025-01-02T00:00:00Z'],
];

/** A store of `kind` holding the six records, r5 marked a cache hit, and the scores; close() drops it. */
export async function seededStore(kind: StoreKind): Promise<TestStore> {
  const opened = await openTestStore(kind);
  const { store } = opened;
  await store.writeBatch(records);
  // Log records carry no cache flag or scores: those are written after the fact, as the gateway does.
  await store.sql.run('UPDATE requests SET cache_hit = 1 WHERE request_id = ?', ['r5']);
  for (const [id, key, value, at] of scores) {
    await store.sql.run('INSERT INTO request_scores (request_id, key, value, created_at) VALUES (?, ?, ?, ?)', [id, key, value, ms(at)]);
  }
  return opened;
}

/** The endpoint configurations the tests compile for. */
export const R1: CompileOptions = {
  tables: ['feedback', 'request', 'response', 'properties', 'values', 'request_response_rmt', 'sessions_request_response_rmt'],
  pass: 'row',
};
export const R2: CompileOptions = { ...R1, topLevelPropertiesMatchNothing: true };
export const SESSION_TABLES: readonly LeafTable[] = ['request_response_rmt', 'sessions_request_response_rmt'];
export const USER_TABLES: readonly LeafTable[] = ['request_response_rmt', 'users_view'];

/** Ids of the rows a filter selects, sorted; compiled in the store's own dialect. */
export async function rowIds(store: Store, filter: unknown, options: CompileOptions = R1): Promise<string[]> {
  const { sql, params } = compileFilter(filter, options, store.sql.dialect);
  const rows = await store.sql.all<{ request_id: string }>(`SELECT r.request_id FROM requests r WHERE ${sql} ORDER BY r.request_id`, params);
  return rows.map((row) => row.request_id);
}

/** One number a query answers as `n` (counts come back as numbers from both stores). */
export async function scalar(store: Store, text: string, params: readonly unknown[] = []): Promise<number | undefined> {
  return (await store.sql.get<{ n: number }>(text, params))?.n;
}

/** Shorthand for a one-condition request_response_rmt leaf. */
export const rmt = (column: string, operator: string, value: unknown) => ({ request_response_rmt: { [column]: { [operator]: value } } });

/** Shorthand for a request_response_rmt property condition. */
export const prop = (key: string, operator: string, value: unknown) => ({
  request_response_rmt: { properties: { [key]: { [operator]: value } } },
});
