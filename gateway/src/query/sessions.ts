/**
 * Sessions are aggregations over requests that carry a session id (rest-api-spec §3): rows are
 * filtered first (row leaves, time bounds, name, search), grouped by session id, and the session
 * leaves of the same filter tree apply to the aggregates.
 */
import type { SessionMetricsQuery, SessionQuery } from '../contract/query-api.js';
import { setProperties } from './annotations.js';
import { compileFilter } from './filter/index.js';
import { histogram, type HistogramRow, trimForPercentile } from './histogram.js';
import { isoTime } from './request-rows.js';
import { raw } from './filter/sql.js';
import type { SqlDialect } from './filter/dialect.js';
import type { SqlClient } from '../store/sql-client.js';

export interface SessionResult {
  session_id: string;
  session_name: string;
  created_at: string;
  latest_request_created_at: string;
  total_cost: number;
  total_requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  avg_latency: number;
  user_ids: string[];
  /** Ours: requests whose cost is unknown (not counted in total_cost), so a total is never silently low. */
  unpriced_requests: number;
}

interface RowConditions {
  timeFilter?: { startTimeUnixMs: number; endTimeUnixMs: number };
  filter?: unknown;
  nameEquals?: string;
  search?: string;
}

/** The aggregated sessions as a subquery `s`, with its parameters. */
function sessionsSubquery(dialect: SqlDialect, conditions: RowConditions): { sql: string; params: unknown[] } {
  const where = ['r.session_id IS NOT NULL'];
  const params: unknown[] = [];
  if (conditions.timeFilter) {
    // Helicone's bounds are exclusive on both ends.
    where.push('r.request_created_at > ?', 'r.request_created_at < ?');
    params.push(conditions.timeFilter.startTimeUnixMs, conditions.timeFilter.endTimeUnixMs);
  }
  if (conditions.filter !== undefined) {
    const rowFilter = compileFilter(conditions.filter, { tables: ['request_response_rmt', 'sessions_request_response_rmt'], pass: 'row' }, dialect);
    where.push(rowFilter.sql);
    params.push(...rowFilter.params);
  }
  // Name and search pick whole sessions: a session named on one request keeps all its requests.
  if (conditions.nameEquals !== undefined) {
    where.push('r.session_id IN (SELECT session_id FROM requests WHERE session_name = ?)');
    params.push(conditions.nameEquals);
  }
  if (conditions.search) {
    const inId = dialect.contains(raw('session_id'), conditions.search);
    const inName = dialect.contains(raw("coalesce(session_name, '')"), conditions.search);
    where.push(`r.session_id IN (SELECT session_id FROM requests WHERE session_id IS NOT NULL AND (${inId.sql} OR ${inName.sql}))`);
    params.push(...inId.params, ...inName.params);
  }
  const userIds = dialect.distinctJsonArray(raw('r.user_id'));
  const sql = `
    SELECT r.session_id AS session_id,
           coalesce(max(r.session_name), '') AS session_name,
           min(r.request_created_at) AS created_at,
           max(r.request_created_at) AS latest_request_created_at,
           coalesce(sum(r.cost_usd), 0) AS total_cost,
           count(*) AS total_requests,
           coalesce(sum(r.prompt_tokens), 0) AS prompt_tokens,
           coalesce(sum(r.completion_tokens), 0) AS completion_tokens,
           coalesce(sum(r.prompt_tokens), 0) + coalesce(sum(r.completion_tokens), 0) AS total_tokens,
           coalesce(avg(CAST(r.latency_ms AS DOUBLE PRECISION)), 0) AS avg_latency,
           ${userIds.sql} AS user_ids,
           sum(CASE WHEN r.cost_usd IS NULL THEN 1 ELSE 0 END) AS unpriced_requests
    FROM requests r
    WHERE ${where.join(' AND ')}
    GROUP BY r.session_id`;
  return { sql, params };
}

interface AggregatedSession extends Omit<SessionResult, 'created_at' | 'latest_request_created_at' | 'user_ids'> {
  created_at: number;
  latest_request_created_at: number;
  user_ids: string;
}

export async function querySessions(db: SqlClient, query: SessionQuery): Promise<SessionResult[]> {
  const sessions = sessionsSubquery(db.dialect, query);
  const sessionFilter = compileFilter(query.filter, { tables: ['request_response_rmt', 'sessions_request_response_rmt'], pass: 'session' }, db.dialect);
  const rows = await db.all<AggregatedSession>(
    `SELECT * FROM (${sessions.sql}) s WHERE ${sessionFilter.sql} ORDER BY s.created_at DESC, s.session_id LIMIT ? OFFSET ?`,
    [...sessions.params, ...sessionFilter.params, query.limit, query.offset],
  );
  const shift = query.timezoneDifference * 60_000;
  return rows.map((row) => ({
    ...row,
    created_at: isoTime(row.created_at + shift)!,
    latest_request_created_at: isoTime(row.latest_request_created_at + shift)!,
    // Sorted: the two stores aggregate in different orders.
    user_ids: (JSON.parse(row.user_ids) as string[]).sort(),
  }));
}

export interface SessionMetrics {
  session_count: HistogramRow[];
  session_duration: HistogramRow[];
  session_cost: HistogramRow[];
  average: { session_cost: Array<{ average: number }>; session_duration: Array<{ average: number }>; session_count: Array<{ average: number }> };
}

/** Histograms of requests, duration (seconds) and cost per session (rest-api-spec §3.3). */
export async function querySessionMetrics(db: SqlClient, query: SessionMetricsQuery): Promise<SessionMetrics> {
  const sessions = sessionsSubquery(db.dialect, { timeFilter: query.timeFilter, filter: query.filter, nameEquals: query.nameContains || undefined });
  const sessionFilter = compileFilter(query.filter ?? 'all', { tables: ['request_response_rmt', 'sessions_request_response_rmt'], pass: 'session' }, db.dialect);
  const rows = await db.all<{ total_requests: number; total_cost: number; duration: number }>(
    `SELECT s.total_requests, s.total_cost, CAST(s.latest_request_created_at - s.created_at AS DOUBLE PRECISION) / 1000 AS duration
     FROM (${sessions.sql}) s WHERE ${sessionFilter.sql} ORDER BY s.created_at, s.session_id`,
    [...sessions.params, ...sessionFilter.params],
  );
  const metric = (values: number[]) => {
    const trimmed = trimForPercentile(values, query.pSize, query.useInterquartile);
    const average = trimmed.length ? trimmed.reduce((sum, value) => sum + value, 0) / trimmed.length : 0;
    return { histogram: histogram(trimmed), average: [{ average }] };
  };
  const count = metric(rows.map((row) => row.total_requests));
  const duration = metric(rows.map((row) => row.duration));
  const cost = metric(rows.map((row) => row.total_cost));
  return {
    session_count: count.histogram,
    session_duration: duration.histogram,
    session_cost: cost.histogram,
    average: { session_cost: cost.average, session_duration: duration.average, session_count: count.average },
  };
}

/** Session feedback is the property Helicone-Session-Feedback ("1"/"0") on the session's first request. */
export async function setSessionFeedback(db: SqlClient, sessionId: string, rating: boolean): Promise<boolean> {
  const first = await db.get<{ request_id: string }>(
    `SELECT request_id FROM requests WHERE session_id = ? ORDER BY request_created_at, ${db.dialect.insertionOrder} LIMIT 1`,
    [sessionId],
  );
  if (!first) return false;
  await setProperties(db, first.request_id, { 'Helicone-Session-Feedback': rating ? '1' : '0' });
  return true;
}
