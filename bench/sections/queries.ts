/**
 * The query API over a large log: seeds an SQLite store with synthetic requests, starts the
 * gateway on it, and times the documented kinds of queries through HTTP, as an agent's tools
 * send them (query_requests, query_sessions, user metrics, …).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../gateway/src/config.js';
import type { LogRecord } from '../../gateway/src/log/log-record.js';
import { createGateway } from '../../gateway/src/server/gateway.js';
import { startServer } from '../../gateway/src/server/http-server.js';
import { quantile } from '../lib/stats.js';
import { syntheticRequest } from '../lib/synthetic-requests.js';

export interface QueryTiming {
  name: string;
  median: number;
  p95: number;
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
    for (let start = 0; start < total; start += 10_000) {
      const batch: LogRecord[] = [];
      for (let i = start; i < Math.min(total, start + 10_000); i++) batch.push(syntheticRequest(i, total, now));
      await gateway.store.writeBatch(batch);
      if (start % 200_000 === 0) progress(`seeded ${start.toLocaleString('en')} / ${total.toLocaleString('en')}`);
    }
    const sql = gateway.store.sql;
    await sql.run(
      `INSERT INTO request_scores SELECT request_id, 'helicone-score-feedback', request_created_at % 2, request_created_at FROM requests WHERE ${sql.dialect.insertionOrder} % 100 = 0`,
    );
    await sql.run('ANALYZE');
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const running = await startServer(gateway);
    try {
      const call = async (path: string, body: unknown) => {
        const response = await fetch(`${running.url}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        const json = (await response.json()) as { error?: unknown };
        if (response.status !== 200 || (json.error !== undefined && json.error !== null)) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(json.error)}`);
      };
      const day = 86_400_000;
      const lastDay = { startTimeUnixMs: now - day, endTimeUnixMs: now + 1 };
      const lastWeek = { startTimeUnixMs: now - 7 * day, endTimeUnixMs: now + 1 };
      const queries: Array<[string, string, unknown]> = [
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
      const timings: QueryTiming[] = [];
      for (const [name, path, body] of queries) {
        await call(path, body); // warm the page cache once
        const times: number[] = [];
        for (let run = 0; run < runs; run++) {
          const started = performance.now();
          await call(path, body);
          times.push(performance.now() - started);
        }
        timings.push({ name, median: quantile(times, 0.5), p95: quantile(times, 0.95) });
        progress(`${name}: median ${quantile(times, 0.5).toFixed(1)} ms`);
      }
      return { seedSeconds, timings };
    } finally {
      await running.close();
    }
  } finally {
    await gateway.store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
