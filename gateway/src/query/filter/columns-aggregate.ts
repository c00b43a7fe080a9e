/**
 * The aggregate tables, compiled over a caller-built subquery: sessions as `s`, users as `u`
 * (rest-api-spec §2.3, §3, §4.1). Timestamps are epoch ms.
 */
import { nullColumn } from './columns-shared.js';
import { raw } from './sql.js';
import type { ScalarColumn, TableDef, ValueKind } from './types.js';

const aggregate = (alias: 's' | 'u', name: string, kind: ValueKind): ScalarColumn => ({
  shape: 'scalar',
  kind,
  nullable: true,
  expr: () => raw(`${alias}.${name}`),
});

export const sessionsTable: TableDef = {
  name: 'sessions_request_response_rmt',
  pass: 'session',
  columns: {
    session_session_id: aggregate('s', 'session_id', 'text'),
    session_session_name: aggregate('s', 'session_name', 'text'),
    // Session tags are not stored.
    session_tag: nullColumn('text'),
    session_total_cost: aggregate('s', 'total_cost', 'number'),
    session_total_tokens: aggregate('s', 'total_tokens', 'number'),
    session_prompt_tokens: aggregate('s', 'prompt_tokens', 'number'),
    session_completion_tokens: aggregate('s', 'completion_tokens', 'number'),
    session_total_requests: aggregate('s', 'total_requests', 'number'),
    session_created_at: aggregate('s', 'created_at', 'timestamp'),
    session_latest_request_created_at: aggregate('s', 'latest_request_created_at', 'timestamp'),
  },
};

export const usersTable: TableDef = {
  name: 'users_view',
  pass: 'user',
  columns: {
    user_user_id: aggregate('u', 'user_id', 'text'),
    user_active_for: aggregate('u', 'active_for', 'number'),
    user_first_active: aggregate('u', 'first_active', 'timestamp'),
    user_last_active: aggregate('u', 'last_active', 'timestamp'),
    user_total_requests: aggregate('u', 'total_requests', 'number'),
    user_average_requests_per_day_active: aggregate('u', 'average_requests_per_day_active', 'number'),
    user_average_tokens_per_request: aggregate('u', 'average_tokens_per_request', 'number'),
    user_total_completion_tokens: aggregate('u', 'total_completion_tokens', 'number'),
    user_total_prompt_tokens: aggregate('u', 'total_prompt_tokens', 'number'),
    user_cost: aggregate('u', 'cost', 'number'),
  },
};
