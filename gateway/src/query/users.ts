/**
 * Users are aggregations over requests that carry a user id (rest-api-spec §4.1): row leaves and
 * the time window filter requests; users_view leaves filter the per-user aggregates.
 */
import type { UserMetricsQuery } from '../contract/query-api.js';
import { compileFilter, compileUserSort } from './filter/index.js';
import { isoTime } from './request-rows.js';
import { raw } from './filter/sql.js';
import type { SqlClient } from '../store/sql-client.js';

export interface UserTotals {
  user_id: string;
  count: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost: number;
}

/** U1: totals per user, for the given users (or all) in an optional window of unix seconds. */
export function queryUserTotals(
  db: SqlClient,
  query: { userIds?: string[]; timeFilter?: { startTimeUnixSeconds: number; endTimeUnixSeconds: number } },
): Promise<UserTotals[]> {
  const where = ['r.user_id IS NOT NULL'];
  const params: unknown[] = [];
  if (query.userIds) {
    const ofUsers = db.dialect.inList(raw('r.user_id'), query.userIds);
    where.push(ofUsers.sql);
    params.push(...ofUsers.params);
  }
  if (query.timeFilter) {
    where.push('r.request_created_at >= ?', 'r.request_created_at <= ?');
    params.push(Math.round(query.timeFilter.startTimeUnixSeconds * 1000), Math.round(query.timeFilter.endTimeUnixSeconds * 1000));
  }
  return db.all<UserTotals>(
    `SELECT r.user_id AS user_id, count(*) AS count, coalesce(sum(r.prompt_tokens), 0) AS prompt_tokens,
            coalesce(sum(r.completion_tokens), 0) AS completion_tokens, coalesce(sum(r.cost_usd), 0) AS cost
     FROM requests r WHERE ${where.join(' AND ')} GROUP BY r.user_id ORDER BY count DESC, r.user_id`,
    params,
  );
}

/** Active days are UTC days since the epoch (integer division of epoch milliseconds). */
const dayMs = 86_400_000;

export interface UserMetricsResult {
  id: string;
  user_id: string;
  active_for: number;
  first_active: string;
  last_active: string;
  total_requests: number;
  average_requests_per_day_active: number;
  average_tokens_per_request: number;
  total_completion_tokens: number;
  total_prompt_tokens: number;
  cost: number;
}

/** U2: one page of users with their activity, filtered and sorted, and how many match in all. */
export async function queryUserMetrics(db: SqlClient, query: UserMetricsQuery): Promise<{ users: UserMetricsResult[]; count: number; hasUsers: boolean }> {
  const rowFilter = compileFilter(query.filter, { tables: ['request_response_rmt', 'users_view'], pass: 'row' }, db.dialect);
  const userFilter = compileFilter(query.filter, { tables: ['request_response_rmt', 'users_view'], pass: 'user' }, db.dialect);
  const sort = compileUserSort(query.sort, db.dialect);
  const where = ['r.user_id IS NOT NULL', rowFilter.sql];
  const params: unknown[] = [...rowFilter.params];
  if (query.timeFilter) {
    where.push('r.request_created_at >= ?', 'r.request_created_at <= ?');
    params.push(Math.round(query.timeFilter.startTimeUnixSeconds * 1000), Math.round(query.timeFilter.endTimeUnixSeconds * 1000));
  }
  const users = `
    SELECT r.user_id AS user_id,
           count(DISTINCT r.request_created_at / ${dayMs}) AS active_for,
           min(r.request_created_at) AS first_active,
           max(r.request_created_at) AS last_active,
           count(*) AS total_requests,
           CAST(count(*) AS DOUBLE PRECISION) / count(DISTINCT r.request_created_at / ${dayMs}) AS average_requests_per_day_active,
           CAST(coalesce(sum(r.prompt_tokens), 0) + coalesce(sum(r.completion_tokens), 0) AS DOUBLE PRECISION) / count(*) AS average_tokens_per_request,
           coalesce(sum(r.completion_tokens), 0) AS total_completion_tokens,
           coalesce(sum(r.prompt_tokens), 0) AS total_prompt_tokens,
           coalesce(sum(r.cost_usd), 0) AS cost
    FROM requests r WHERE ${where.join(' AND ')} GROUP BY r.user_id`;
  // count(*) OVER () counts every matching user before LIMIT, in the same pass.
  const rows = await db.all<Omit<UserMetricsResult, 'id' | 'first_active' | 'last_active'> & { first_active: number; last_active: number; matching: number }>(
    `SELECT u.*, count(*) OVER () AS matching FROM (${users}) u WHERE ${userFilter.sql} ORDER BY ${sort.sql} LIMIT ? OFFSET ?`,
    [...params, ...userFilter.params, ...sort.params, query.limit, query.offset],
  );
  const count =
    rows[0]?.matching ?? (await db.get<{ n: number }>(`SELECT count(*) AS n FROM (${users}) u WHERE ${userFilter.sql}`, [...params, ...userFilter.params]))!.n;
  const hasUsers = Boolean((await db.get<{ any: number | boolean }>('SELECT EXISTS (SELECT 1 FROM requests WHERE user_id IS NOT NULL) AS any'))?.any);
  const shift = (query.timeZoneDifferenceMinutes ?? 0) * 60_000;
  return {
    users: rows.map(({ matching: _matching, ...row }) => ({ ...row, id: row.user_id, first_active: isoTime(row.first_active + shift)!, last_active: isoTime(row.last_active + shift)! })),
    count,
    hasUsers,
  };
}
