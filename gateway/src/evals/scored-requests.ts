/**
 * The scores the eval queries read: `request_scores s` joined to the logged request `r` it
 * belongs to, under the request filter (EvalFilterNode: request_response_rmt leaves only) and the
 * time window on the request's creation time, both bounds inclusive.
 */
import { compileFilter } from '../query/filter/index.js';
import { type CompiledSql, join, param, raw, sql } from '../query/filter/sql.js';
import type { SqlClient } from '../store/sql-client.js';
import type { EvalQuery } from './eval-schemas.js';

/** FROM … WHERE … (without the keywords' callers needing to know the join). */
export interface ScoredRequests {
  from: string;
  where: CompiledSql;
}

export function scoredRequests(db: SqlClient, query: Pick<EvalQuery, 'filter' | 'timeFilter'>): ScoredRequests {
  const conditions: CompiledSql[] = [compileFilter(query.filter, { tables: ['request_response_rmt'], pass: 'row' }, db.dialect)];
  if (query.timeFilter) {
    conditions.push(sql`r.request_created_at >= ${param(query.timeFilter.start)}`, sql`r.request_created_at <= ${param(query.timeFilter.end)}`);
  }
  return { from: 'request_scores s JOIN requests r ON r.request_id = s.request_id', where: conditions.length > 0 ? join(conditions, ' AND ') : raw('TRUE') };
}
