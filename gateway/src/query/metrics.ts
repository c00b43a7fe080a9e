/**
 * Ours: request counts, errors, tokens, cost and latency percentiles, grouped by model, provider,
 * user, status, a property or a time bucket, under the same filter as the request queries.
 */
import type { MetricsQuery } from '../contract/query-api.js';
import { GatewayError } from '../contract/errors.js';
import { propertyValueColumn } from './filter/columns-shared.js';
import type { SqlDialect } from './filter/dialect.js';
import type { SqlClient } from '../store/sql-client.js';
import { compileFilter } from './filter/index.js';

export interface MetricsRow {
  group: string | number | null;
  requests: number;
  errors: number;
  cancelled: number;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cost: number;
  /** Requests whose cost is unknown: `cost` does not include them. */
  unpriced_requests: number;
  latency_avg_ms: number | null;
  latency_p50_ms: number | null;
  latency_p90_ms: number | null;
  latency_p99_ms: number | null;
  ttft_p50_ms: number | null;
  ttft_p90_ms: number | null;
}

const bucketMs = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 } as const;

function groupExpression(dialect: SqlDialect, query: MetricsQuery): { sql: string; params: unknown[] } {
  switch (query.groupBy) {
    case 'model':
      return { sql: 'r.model', params: [] };
    case 'provider':
      return { sql: 'r.provider', params: [] };
    case 'user':
      return { sql: 'r.user_id', params: [] };
    case 'status':
      return { sql: 'r.status', params: [] };
    case 'property':
      if (!query.property) throw new GatewayError(400, 'invalid_request_error', 'Invalid "property": property is required when groupBy is "property"');
      // The same reading of a property as the filters' (session keys included; missing reads as '').
      return propertyValueColumn(query.property).expr(dialect);
    case 'time':
      return { sql: `(r.request_created_at / ${bucketMs[query.timeBucket]}) * ${bucketMs[query.timeBucket]}`, params: [] };
    case 'none':
      return { sql: "'all'", params: [] };
  }
}

/** The value at quantile q of each group's ordered column, from window ranks. */
const percentile = (column: string, q: number) => `min(CASE WHEN ${column}_rank >= ${q} * ${column}_count THEN ${column} END)`;

export async function queryMetrics(db: SqlClient, query: MetricsQuery): Promise<MetricsRow[]> {
  const filter = compileFilter(query.filter, { tables: ['request_response_rmt'], pass: 'row' }, db.dialect);
  const group = groupExpression(db.dialect, query);
  const where = [filter.sql];
  const params: unknown[] = [...group.params, ...filter.params];
  if (query.timeFilter) {
    where.push('r.request_created_at >= ?', 'r.request_created_at <= ?');
    params.push(query.timeFilter.startTimeUnixMs, query.timeFilter.endTimeUnixMs);
  }
  const sql = `
    WITH rows AS (
      SELECT ${group.sql} AS grp, r.status, r.prompt_tokens, r.completion_tokens, r.cost_usd, r.latency_ms, r.time_to_first_token_ms AS ttft
      FROM requests r WHERE ${where.join(' AND ')}
    ),
    ranked AS (
      SELECT *,
        CASE WHEN latency_ms IS NULL THEN NULL ELSE row_number() OVER (PARTITION BY grp, latency_ms IS NULL ORDER BY latency_ms) END AS latency_ms_rank,
        count(latency_ms) OVER (PARTITION BY grp) AS latency_ms_count,
        CASE WHEN ttft IS NULL THEN NULL ELSE row_number() OVER (PARTITION BY grp, ttft IS NULL ORDER BY ttft) END AS ttft_rank,
        count(ttft) OVER (PARTITION BY grp) AS ttft_count
      FROM rows
    )
    SELECT grp AS "group",
      count(*) AS requests,
      sum(CASE WHEN status >= 400 THEN 1 ELSE 0 END) AS errors,
      sum(CASE WHEN status < 0 THEN 1 ELSE 0 END) AS cancelled,
      coalesce(sum(prompt_tokens), 0) AS prompt_tokens,
      coalesce(sum(completion_tokens), 0) AS completion_tokens,
      coalesce(sum(prompt_tokens), 0) + coalesce(sum(completion_tokens), 0) AS total_tokens,
      coalesce(sum(cost_usd), 0) AS cost,
      sum(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unpriced_requests,
      avg(CAST(latency_ms AS DOUBLE PRECISION)) AS latency_avg_ms,
      ${percentile('latency_ms', 0.5)} AS latency_p50_ms,
      ${percentile('latency_ms', 0.9)} AS latency_p90_ms,
      ${percentile('latency_ms', 0.99)} AS latency_p99_ms,
      ${percentile('ttft', 0.5)} AS ttft_p50_ms,
      ${percentile('ttft', 0.9)} AS ttft_p90_ms
    FROM ranked GROUP BY grp
    ORDER BY ${query.groupBy === 'time' ? 'grp' : 'requests DESC, grp'}
    LIMIT ?`;
  const rows = await db.all<MetricsRow>(sql, [...params, query.limit]);
  if (query.groupBy !== 'time') return rows;
  return rows.map((row) => ({ ...row, group: new Date(row.group as number).toISOString() }));
}
