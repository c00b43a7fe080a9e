/**
 * One rule's measurement: over the requests of its window (under its filter), the metric per
 * group and the request count, in one SQL text for both stores. Percentiles are read from window
 * ranks as the metrics query does (query/metrics.ts), so no store-specific function is needed.
 */
import { propertyValueColumn } from '../query/filter/columns-shared.js';
import { compileFilter } from '../query/filter/index.js';
import type { SqlClient } from '../store/sql-client.js';
import type { AlertRuleConfig } from './alert-rule.js';

export interface GroupMeasure {
  /** '' when the rule is not grouped, or the request has no value for the group. */
  group: string;
  value: number | null;
  requests: number;
}

/** Groups read per rule and evaluation, the highest values first: one rule cannot take unbounded memory. */
export const maxGroups = 1_000;

/** The per-request value each metric aggregates (a double, so averages come back as numbers in both stores). */
const metricValue: Record<Exclude<AlertRuleConfig['metric'], 'error_rate' | 'count'>, string> = {
  cost: 'r.cost_usd',
  latency: 'r.latency_ms',
  total_tokens: 'r.total_tokens',
  prompt_tokens: 'r.prompt_tokens',
  completion_tokens: 'r.completion_tokens',
  prompt_cache_read_tokens: 'r.prompt_cache_read_tokens',
  prompt_cache_write_tokens: 'r.prompt_cache_write_tokens',
};

function groupExpression(client: SqlClient, rule: AlertRuleConfig): { sql: string; params: unknown[] } {
  if (rule.grouping === null) return { sql: "''", params: [] };
  // The same reading of a property as the filters' (session keys included; missing reads as '').
  if (rule.grouping_is_property) return propertyValueColumn(rule.grouping).expr(client.dialect);
  const column = { user: 'r.user_id', model: 'r.model', provider: 'r.provider' }[rule.grouping];
  if (!column) throw new Error(`internal: unknown grouping ${rule.grouping}`);
  return { sql: `coalesce(${column}, '')`, params: [] };
}

function aggregate(rule: AlertRuleConfig): string {
  // Ratios and counts first: "errors" are 4XX/5XX answers, as Helicone's error rate counts them.
  if (rule.metric === 'error_rate') return '100.0 * sum(CASE WHEN status >= 400 THEN 1 ELSE 0 END) / count(*)';
  if (rule.metric === 'count') return 'count(*)';
  switch (rule.aggregation) {
    case 'sum':
      return 'coalesce(sum(v), 0)';
    case 'avg':
      return 'avg(v)';
    case 'min':
      return 'min(v)';
    case 'max':
      return 'max(v)';
    case 'percentile': {
      // A validated number in (0, 100], written into the text: a bound parameter would take the
      // rank's integer type in PostgreSQL.
      const q = Number(rule.percentile) / 100;
      return `min(CASE WHEN v_rank >= ${q} * v_count THEN v END)`;
    }
  }
}

/** The rule's value per group over [from, to] (request start times, epoch ms). */
export async function measure(client: SqlClient, rule: AlertRuleConfig, from: number, to: number): Promise<GroupMeasure[]> {
  const filter = compileFilter(rule.filter, { tables: ['request_response_rmt'], pass: 'row' }, client.dialect);
  const group = groupExpression(client, rule);
  const value = rule.metric === 'error_rate' || rule.metric === 'count' ? 'NULL' : `CAST(${metricValue[rule.metric]} AS DOUBLE PRECISION)`;
  const ranked =
    rule.aggregation === 'percentile'
      ? `SELECT grp, status, v,
           CASE WHEN v IS NULL THEN NULL ELSE row_number() OVER (PARTITION BY grp, v IS NULL ORDER BY v) END AS v_rank,
           count(v) OVER (PARTITION BY grp) AS v_count
         FROM measured`
      : 'SELECT grp, status, v FROM measured';
  const text = `
    WITH measured AS (
      SELECT ${group.sql} AS grp, r.status AS status, ${value} AS v
      FROM requests r WHERE r.request_created_at >= ? AND r.request_created_at <= ? AND ${filter.sql}
    ),
    ranked AS (${ranked}),
    grouped AS (SELECT grp, count(*) AS requests, ${aggregate(rule)} AS value FROM ranked GROUP BY grp)
    -- Highest values first, groups without a value last (PostgreSQL puts NULLs first in DESC order;
    -- and it takes an output name in ORDER BY only bare, hence the extra step).
    SELECT grp, requests, value FROM grouped
    ORDER BY CASE WHEN value IS NULL THEN 1 ELSE 0 END, value DESC, grp LIMIT ?`;
  const rows = await client.all<{ grp: string | null; requests: number | string; value: number | string | null }>(text, [...group.params, from, to, ...filter.params, maxGroups]);
  return rows.map((row) => ({ group: row.grp ?? '', requests: Number(row.requests), value: row.value === null ? null : Number(row.value) }));
}
