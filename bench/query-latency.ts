/**
 * Query latency of the Helicone query API over a large log: seeds an SQLite store with synthetic
 * requests (users, sessions with paths, properties, scores, several models), starts the gateway
 * on it, and times the documented kinds of queries through HTTP, as an agent's tools send them.
 *
 *   npm run bench:query [-- --rows 1000000]
 *
 * Bounded: at most 2,000,000 rows, each query run 7 times, on 127.0.0.1 only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../gateway/src/config.js';
import type { LogRecord } from '../gateway/src/log/log-record.js';
import { createGateway } from '../gateway/src/server/gateway.js';
import { startServer } from '../gateway/src/server/http-server.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const total = Math.min(Number(values.rows), 2_000_000);
const runs = 7;

const models = [
  ['gpt-4o-mini', 'openai', 0.15, 0.6],
  ['claude-sonnet-4-5', 'anthropic', 3, 15],
  ['gemini-2.5-flash', 'gemini', 0.3, 2.5],
  ['llama-3.3-70b-versatile', 'groq', 0.59, 0.79],
] as const;
const paths = ['/agent', '/agent/search', '/agent/search/web', '/agent/answer', '/agent/tools/price'];

/** A deterministic synthetic request: ten per session, a thousand users, the last 30 days. */
function record(i: number, now: number): LogRecord {
  const [model, provider, input, output] = models[i % models.length]!;
  const prompt = 200 + (i % 1000);
  const completion = 50 + (i % 300);
  const createdAt = now - Math.floor((i / total) * 30 * 86_400_000);
  const failed = i % 50 === 0;
  return {
    requestId: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    createdAt,
    responseCreatedAt: createdAt + 300 + (i % 700),
    latencyMs: 300 + (i % 700),
    timeToFirstTokenMs: 100 + (i % 200),
    status: failed ? 500 : 200,
    errorMessage: failed ? 'provider error' : null,
    provider,
    path: '/v1/chat/completions',
    targetUrl: null,
    requestModel: model,
    responseModel: model,
    responseId: null,
    modelOverride: null,
    stream: i % 3 === 0,
    usage: failed ? null : { promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion, cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, reasoningTokens: 0 },
    costUsd: failed ? null : (prompt * input + completion * output) / 1e6,
    userId: `user-${i % 1000}`,
    sessionId: `session-${Math.floor(i / 10)}`,
    sessionPath: paths[i % paths.length]!,
    sessionName: `Agent run ${Math.floor(i / 10) % 100}`,
    properties: { Environment: i % 4 === 0 ? 'production' : 'staging', App: `app-${i % 20}` },
    requestBody: null,
    responseBody: null,
    attempts: [],
    gatewayKeyId: null,
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-query-bench-'));
  const gateway = createGateway(loadConfig({ port: 0, dataDir }, {}));
  const now = Date.now();
  const seedStart = performance.now();
  for (let start = 0; start < total; start += 10_000) {
    const batch: LogRecord[] = [];
    for (let i = start; i < Math.min(total, start + 10_000); i++) batch.push(record(i, now));
    await gateway.store.writeBatch(batch);
    if (start % 200_000 === 0) process.stderr.write(`seeded ${start.toLocaleString('en')} / ${total.toLocaleString('en')}\n`);
  }
  gateway.store.db.prepare("INSERT INTO request_scores SELECT request_id, 'helicone-score-feedback', request_created_at % 2, request_created_at FROM requests WHERE rowid % 100 = 0").run();
  gateway.store.db.exec('ANALYZE');
  console.log(`seeded ${total.toLocaleString('en')} requests in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const running = await startServer(gateway);
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${running.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await response.json()) as { data: unknown; error: string | null };
    if (json.error) throw new Error(`${path}: ${json.error}`);
    return json.data;
  };
  const lastDay = { startTimeUnixMs: now - 86_400_000, endTimeUnixMs: now + 1 };
  const queries: Array<[string, string, unknown]> = [
    ['latest 100 requests', '/v1/request/query-clickhouse', { filter: 'all', limit: 100 }],
    ['one user’s requests', '/v1/request/query-clickhouse', { filter: { request_response_rmt: { user_id: { equals: 'user-42' } } }, limit: 100 }],
    ['one session’s requests', '/v1/request/query', { filter: { properties: { 'Helicone-Session-Id': { equals: 'session-4242' } } }, limit: 100 }],
    ['property equals', '/v1/request/query-clickhouse', { filter: { request_response_rmt: { properties: { Environment: { equals: 'production' } } } }, limit: 100 }],
    ['model contains + date range', '/v1/request/query-clickhouse', {
      filter: { left: { request_response_rmt: { model: { contains: 'claude' } } }, operator: 'and', right: { request_response_rmt: { request_created_at: { gte: new Date(now - 86_400_000).toISOString() } } } },
      limit: 100,
    }],
    ['errors, most expensive first', '/v1/request/query-clickhouse', { filter: { request_response_rmt: { status: { gte: 400 } } }, sort: { cost: 'desc' }, limit: 100 }],
    ['sessions of the last day', '/v1/session/query', { search: '', timeFilter: lastDay, timezoneDifference: 0, filter: 'all', limit: 100 }],
    ['sessions of the last day costing > $0.01', '/v1/session/query', { search: '', timeFilter: lastDay, timezoneDifference: 0, filter: { sessions_request_response_rmt: { session_total_cost: { gt: 0.01 } } }, limit: 100 }],
    ['one session as a trace', '/v1/session/session-4242/trace', undefined],
    ['metrics by model, last day', '/v1/metrics/query', { groupBy: 'model', timeFilter: lastDay }],
  ];
  console.log(`\nquery latency over ${total.toLocaleString('en')} requests, through HTTP on 127.0.0.1 (${runs} runs each)`);
  for (const [name, path, body] of queries) {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      if (body === undefined) await fetch(`${running.url}${path}`).then((response) => response.json());
      else await post(path, body);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(42)} median ${times[Math.floor(runs / 2)]!.toFixed(1).padStart(8)} ms   max ${times[runs - 1]!.toFixed(1).padStart(8)} ms`);
  }
  await running.close();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
