/**
 * The query API over a large log: seeds an SQLite store with synthetic requests, starts the
 * gateway on it, and times the documented kinds of queries through HTTP, as an agent's tools
 * send them (query_requests, query_sessions, user metrics, …). The seeding and the timed queries
 * are shared with the stores section (stores.ts), which runs them on SQLite and PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../gateway/src/config.js';
import type { LogRecord } from '../../gateway/src/log/log-record.js';
import { createGateway, type Gateway } from '../../gateway/src/server/gateway.js';
import { startServer } from '../../gateway/src/server/http-server.js';
import type { Store } from '../../gateway/src/store/store.js';
import { quantile } from '../lib/stats.js';
import { syntheticRequest } from '../lib/synthetic-requests.js';

export interface QueryTiming {
  name: string;
  median: number;
  p95: number;
  /** Timed runs (fewer than asked when the query's time budget ran out). */
  runs: number;
}

/**
 * Writes synthetic requests `0 … total-1` (the newest at `now`) straight into the store in batches
 * of 10,000, telling `progress` every `progressEvery` rows. Returns the rows written (fewer than
 * `total` only if `maxSeconds` ran out).
 */
export async function seedRequests(
  store: Store,
  total: number,
  now: number,
  progress: (line: string) => void,
  options: { progressEvery?: number; maxSeconds?: number } = {},
): Promise<number> {
  const every = options.progressEvery ?? 200_000;
  const deadline = performance.now() + (options.maxSeconds ?? Number.POSITIVE_INFINITY) * 1000;
  const started = performance.now();
  let start = 0;
  for (; start < total && performance.now() < deadline; start += 10_000) {
    const batch: LogRecord[] = [];
    for (let i = start; i < Math.min(total, start + 10_000); i++) batch.push(syntheticRequest(i, total, now));
    await store.writeBatch(batch);
    if (start % every === 0) {
      const elapsed = (performance.now() - started) / 1000;
      progress(`seeded ${start.toLocaleString('en')} / ${total.toLocaleString('en')}${elapsed > 1 ? ` in ${elapsed.toFixed(0)} s, ${Math.round(start / elapsed).toLocaleString('en')} rows/s` : ''}`);
    }
  }
  return Math.min(start, total);
}

/** Scores on 1% of the requests (the score filters read them), then fresh planner statistics. */
export async function prepareForQueries(store: Store): Promise<void> {
  const sql = store.sql;
  await sql.run(
    `INSERT INTO request_scores SELECT request_id, 'helicone-score-feedback', request_created_at % 2, request_created_at FROM requests WHERE ${sql.dialect.insertionOrder} % 100 = 0`,
  );
  // PostgreSQL: a bulk-loaded table is vacuumed too, as autovacuum would do after the inserts
  // (visibility map for index-only scans, hint bits set once rather than by the first readers).
  await sql.run(store.kind === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE');
}

/** The timed queries, over requests synthesized up to `now`: name, path, body (undefined: GET). */
export function benchmarkQueries(now: number): Array<[string, string, unknown]> {
  const day = 86_400_000;
  const lastDay = { startTimeUnixMs: now - day, endTimeUnixMs: now + 1 };
  const lastWeek = { startTimeUnixMs: now - 7 * day, endTimeUnixMs: now + 1 };
  return [
    ['query_requests: latest 100', '/v1/request/query-clickhouse', { filter: 'all', limit: 100 }],
    ['query_requests: property + last 7 days', '/v1/request/query-clickhouse', {
      filter: {
        left: { request_response_rmt: { properties: { Environment: { equals: 'production' } } } },
        operator: 'and',
        right: { request_response_rmt: { request_created_at: { gte: new Date(now - 7 * day).toISOString() } } },
      },
      limit: 100,
    }],
    ['query_requests: property on 5% of rows, all time', '/v1/request/query-clickhouse', { filter: { request_response_rmt: { properties: { App: { equals: 'app-7' } } } }, limit: 100 }],
    ['query_requests: one user', '/v1/request/query-clickhouse', { filter: { request_response_rmt: { user_id: { equals: 'user-42' } } }, limit: 100 }],
    ['query_requests: one session', '/v1/request/query', { filter: { properties: { 'Helicone-Session-Id': { equals: 'session-4242' } } }, limit: 100 }],
    ['query_requests: errors by cost', '/v1/request/query-clickhouse', { filter: { request_response_rmt: { status: { gte: 400 } } }, sort: { cost: 'desc' }, limit: 100 }],
    ['query_sessions: last 7 days', '/v1/session/query', { search: '', timeFilter: lastWeek, timezoneDifference: 0, filter: 'all', limit: 100 }],
    ['query_sessions: last day, cost > $0.01', '/v1/session/query', { search: '', timeFilter: lastDay, timezoneDifference: 0, filter: { sessions_request_response_rmt: { session_total_cost: { gt: 0.01 } } }, limit: 100 }],
    ['user metrics: last 7 days', '/v1/user/metrics/query', { filter: 'all', offset: 0, limit: 100, timeFilter: { startTimeUnixSeconds: Math.floor((now - 7 * day) / 1000), endTimeUnixSeconds: Math.ceil(now / 1000) } }],
    ['session trace', '/v1/session/session-4242/trace', undefined],
    ['metrics by model, last day', '/v1/metrics/query', { groupBy: 'model', timeFilter: lastDay }],
  ];
}

/**
 * Starts the gateway's HTTP server and times each benchmark query `runs` times (after one warm-up
 * call), stopping a query early once it has used `maxSecondsPerQuery` (at least 3 runs then).
 * `onQuery` is told before each query's warm-up call and `onTimedRuns` after it (the stores section
 * records the SQL of the warm-up).
 */
export async function timeQueries(
  gateway: Gateway,
  now: number,
  runs: number,
  progress: (line: string) => void,
  options: { maxSecondsPerQuery?: number; onQuery?: (name: string) => void; onTimedRuns?: () => void } = {},
): Promise<QueryTiming[]> {
  const running = await startServer(gateway);
  try {
    const call = async (path: string, body: unknown) => {
      const response = await fetch(`${running.url}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await response.json()) as { error?: unknown };
      if (response.status !== 200 || (json.error !== undefined && json.error !== null)) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(json.error)}`);
    };
    const budgetMs = (options.maxSecondsPerQuery ?? Number.POSITIVE_INFINITY) * 1000;
    const timings: QueryTiming[] = [];
    for (const [name, path, body] of benchmarkQueries(now)) {
      options.onQuery?.(name);
      await call(path, body); // warm the page cache once
      options.onTimedRuns?.();
      const times: number[] = [];
      const started = performance.now();
      for (let run = 0; run < runs; run++) {
        if (run >= 3 && performance.now() - started > budgetMs) break;
        const callStarted = performance.now();
        await call(path, body);
        times.push(performance.now() - callStarted);
      }
      timings.push({ name, median: quantile(times, 0.5), p95: quantile(times, 0.95), runs: times.length });
      progress(`${name}: median ${quantile(times, 0.5).toFixed(1)} ms`);
    }
    return timings;
  } finally {
    await running.close();
  }
}

/** `store`: a PostgreSQL URL (an empty schema); by default a new SQLite file. */
export async function queryLatencies(
  total: number,
  runs: number,
  progress: (line: string) => void,
  store?: string,
): Promise<{ seedSeconds: number; timings: QueryTiming[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-query-bench-'));
  const gateway = await createGateway(loadConfig({ port: 0, dataDir, store }, {}));
  try {
    const now = Date.now();
    const seedStart = performance.now();
    await seedRequests(gateway.store, total, now, progress);
    await prepareForQueries(gateway.store);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    return { seedSeconds, timings: await timeQueries(gateway, now, runs, progress) };
  } finally {
    // The HTTP server's close() has closed the store already (PostgreSQL refuses a second close).
    await gateway.store.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
