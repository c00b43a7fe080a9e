/** The session and user passes over hand-built aggregate subqueries, and pass switching. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CompileOptions, compileFilter, compileUserSort } from '../../../../gateway/src/query/filter/index.js';
import type { SqliteStore } from '../../../../gateway/src/store/sqlite-store.js';
import { ALL_IDS, R1, rmt, rowIds, SESSION_TABLES, seededStore, USER_TABLES } from './fixtures.js';

let store: SqliteStore;
beforeAll(async () => {
  store = await seededStore();
});
afterAll(() => store.close());

const sessionOptions = (pass: CompileOptions['pass']): CompileOptions => ({ tables: SESSION_TABLES, pass });
const userOptions = (pass: CompileOptions['pass']): CompileOptions => ({ tables: USER_TABLES, pass });

/** Runs both passes of one tree, as the session endpoints do: rows first, then aggregates. */
function sessions(filter: unknown): string[] {
  const row = compileFilter(filter, sessionOptions('row'));
  const session = compileFilter(filter, sessionOptions('session'));
  return store.db
    .prepare(
      `SELECT s.session_id FROM (
         SELECT session_id, max(session_name) AS session_name, sum(cost_usd) AS total_cost, sum(total_tokens) AS total_tokens,
                sum(prompt_tokens) AS prompt_tokens, sum(completion_tokens) AS completion_tokens, count(*) AS total_requests,
                min(request_created_at) AS created_at, max(request_created_at) AS latest_request_created_at
         FROM requests r WHERE r.session_id IS NOT NULL AND ${row.sql} GROUP BY session_id
       ) s WHERE ${session.sql} ORDER BY s.session_id`,
    )
    .pluck()
    .all(...row.params, ...session.params) as string[];
}

function users(filter: unknown, sort?: unknown): string[] {
  const row = compileFilter(filter, userOptions('row'));
  const user = compileFilter(filter, userOptions('user'));
  const order = compileUserSort(sort);
  return store.db
    .prepare(
      `SELECT u.user_id FROM (
         SELECT user_id,
                count(DISTINCT date(request_created_at / 1000, 'unixepoch')) AS active_for,
                min(request_created_at) AS first_active, max(request_created_at) AS last_active, count(*) AS total_requests,
                count(*) * 1.0 / count(DISTINCT date(request_created_at / 1000, 'unixepoch')) AS average_requests_per_day_active,
                (coalesce(sum(prompt_tokens), 0) + coalesce(sum(completion_tokens), 0)) * 1.0 / count(*) AS average_tokens_per_request,
                sum(completion_tokens) AS total_completion_tokens, sum(prompt_tokens) AS total_prompt_tokens, sum(cost_usd) AS cost
         FROM requests r WHERE r.user_id IS NOT NULL AND r.user_id != '' AND ${row.sql} GROUP BY user_id
       ) u WHERE ${user.sql} ORDER BY ${order.sql}`,
    )
    .pluck()
    .all(...row.params, ...user.params, ...order.params) as string[];
}

const sess = (column: string, operator: string, value: unknown) => ({ sessions_request_response_rmt: { [column]: { [operator]: value } } });
const usr = (column: string, operator: string, value: unknown) => ({ users_view: { [column]: { [operator]: value } } });

describe('session pass', () => {
  it('filters the session aggregates', () => {
    expect(sessions('all')).toEqual(['s-1', 's-2']);
    expect(sessions(sess('session_total_requests', 'gte', 2))).toEqual(['s-1']);
    expect(sessions(sess('session_session_name', 'equals', 'Other'))).toEqual(['s-2']);
    expect(sessions(sess('session_session_id', 'contains', 'S-1'))).toEqual(['s-1']);
    expect(sessions(sess('session_total_cost', 'gt', 0.02))).toEqual(['s-2']);
    expect(sessions(sess('session_total_tokens', 'equals', 15))).toEqual(['s-1']);
    expect(sessions(sess('session_prompt_tokens', 'equals', 20))).toEqual(['s-2']);
    expect(sessions(sess('session_completion_tokens', 'lt', 10))).toEqual(['s-1']);
    expect(sessions(sess('session_created_at', 'gte', '2025-01-01T00:00:00Z'))).toEqual(['s-2']);
    expect(sessions(sess('session_latest_request_created_at', 'gte', '2024-12-31T23:59:59Z'))).toEqual(['s-1', 's-2']);
    expect(sessions(sess('session_latest_request_created_at', 'lt', '2024-12-31T23:59:59Z'))).toEqual([]);
  });

  it('session_tag is an unstored (NULL) text column', () => {
    expect(sessions(sess('session_tag', 'equals', 'vip'))).toEqual([]);
    expect(sessions(sess('session_tag', 'not-equals', 'vip'))).toEqual(['s-1', 's-2']);
  });

  it('row leaves narrow the rows before aggregation, session leaves apply after', () => {
    const filter = {
      left: rmt('user_id', 'equals', 'abc@email.com'),
      operator: 'and',
      right: sess('session_total_requests', 'equals', 1),
    };
    // s-1 has two rows, but only r1 belongs to abc@email.com.
    expect(sessions(filter)).toEqual(['s-1', 's-2']);
    expect(sessions(sess('session_total_requests', 'equals', 1))).toEqual(['s-2']);
    expect(sessions(rmt('provider', 'equals', 'anthropic'))).toEqual(['s-1']);
  });
});

describe('user pass', () => {
  it('filters the user aggregates', () => {
    expect(users('all')).toEqual(['abc@email.com', 'other@email.com']);
    expect(users(usr('user_total_requests', 'gte', 2))).toEqual(['abc@email.com']);
    expect(users(usr('user_cost', 'gt', 0.05))).toEqual(['abc@email.com']);
    expect(users(usr('user_user_id', 'contains', 'OTHER'))).toEqual(['other@email.com']);
    expect(users(usr('user_last_active', 'gte', '2025-01-01T00:00:00Z'))).toEqual(['abc@email.com']);
    expect(users(usr('user_first_active', 'gte', '2024-06-01T00:00:00Z'))).toEqual(['other@email.com']);
    expect(users(usr('user_active_for', 'equals', 3))).toEqual(['abc@email.com']);
    expect(users(usr('user_average_requests_per_day_active', 'equals', 1))).toEqual(['abc@email.com', 'other@email.com']);
    expect(users(usr('user_average_tokens_per_request', 'equals', 65))).toEqual(['abc@email.com']);
    expect(users(usr('user_total_prompt_tokens', 'equals', 130))).toEqual(['abc@email.com']);
    expect(users(usr('user_total_completion_tokens', 'gt', 100))).toEqual([]);
  });

  it('row leaves apply before aggregation', () => {
    expect(users({ left: rmt('model', 'equals', 'gpt-4'), operator: 'and', right: usr('user_total_requests', 'equals', 2) })).toEqual([
      'abc@email.com',
    ]);
  });

  it('sorts users, by default most recently active first', () => {
    expect(users('all')).toEqual(['abc@email.com', 'other@email.com']);
    expect(users('all', { total_requests: 'asc' })).toEqual(['other@email.com', 'abc@email.com']);
    expect(users('all', { user_id: 'desc' })).toEqual(['other@email.com', 'abc@email.com']);
    expect(users('all', { cost: 'asc' })).toEqual(['abc@email.com', 'other@email.com']); // NULL cost last
    expect(users('all', { first_active: 'desc' })).toEqual(['other@email.com', 'abc@email.com']);
  });
});

describe('pass switching', () => {
  it('aggregate leaves are TRUE in the row pass (but still validated)', () => {
    expect(compileFilter(sess('session_total_requests', 'equals', 99), { ...R1, pass: 'row' })).toEqual({ sql: 'TRUE', params: [] });
    expect(rowIds(store, sess('session_total_requests', 'equals', 99))).toEqual(ALL_IDS);
    expect(compileFilter(usr('user_cost', 'gt', 1), userOptions('row')).sql).toBe('TRUE');
    expect(() => compileFilter(sess('session_nope', 'equals', 1), R1)).toThrow(/Unknown column "session_nope"/);
  });

  it('row leaves are TRUE in the aggregate passes', () => {
    expect(compileFilter(rmt('model', 'equals', 'x'), sessionOptions('session'))).toEqual({ sql: 'TRUE', params: [] });
    expect(compileFilter(rmt('model', 'equals', 'x'), userOptions('user'))).toEqual({ sql: 'TRUE', params: [] });
    expect(() => compileFilter(rmt('modle', 'equals', 'x'), userOptions('user'))).toThrow(/Unknown column "modle"/);
  });

  it('keeps the branch structure in each pass', () => {
    const filter = { left: rmt('model', 'equals', 'gpt-4'), operator: 'and', right: sess('session_total_requests', 'gt', 1) };
    expect(compileFilter(filter, sessionOptions('row'))).toEqual({ sql: '(r.model = ? AND TRUE)', params: ['gpt-4'] });
    expect(compileFilter(filter, sessionOptions('session'))).toEqual({ sql: '(TRUE AND s.total_requests > ?)', params: [1] });
  });

  it('refuses an "or" across request and session leaves, which no single pass can evaluate', () => {
    const filter = { left: rmt('model', 'equals', 'gpt-4'), operator: 'or', right: sess('session_total_requests', 'gt', 1) };
    for (const pass of ['row', 'session'] as const) {
      expect(() => compileFilter(filter, sessionOptions(pass))).toThrow(/An "or" at filter mixes request leaves with session or user leaves/);
    }
    const sameSide = { left: sess('session_total_cost', 'gt', 1), operator: 'or', right: sess('session_total_requests', 'gt', 1) };
    expect(compileFilter(sameSide, sessionOptions('session'))).toEqual({ sql: '(s.total_cost > ? OR s.total_requests > ?)', params: [1, 1] });
  });
});
