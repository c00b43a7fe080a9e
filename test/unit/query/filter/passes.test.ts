/** The session and user passes over hand-built aggregate subqueries, and pass switching, on both stores. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CompileOptions, compileFilter, compileUserSort } from '../../../../gateway/src/query/filter/index.js';
import type { Store } from '../../../../gateway/src/store/store.js';
import { storeKinds, type TestStore } from '../../../helpers/stores.js';
import { ALL_IDS, R1, rmt, rowIds, SESSION_TABLES, seededStore, USER_TABLES } from './fixtures.js';

const sessionOptions = (pass: CompileOptions['pass']): CompileOptions => ({ tables: SESSION_TABLES, pass });
const userOptions = (pass: CompileOptions['pass']): CompileOptions => ({ tables: USER_TABLES, pass });

/** Active days are UTC days since the epoch, as in gateway/src/query/users.ts (portable SQL). */
const dayMs = 86_400_000;

describe.each(storeKinds)('filter passes (%s)', (kind) => {
  let opened: TestStore;
  let store: Store;
  beforeAll(async () => {
    opened = await seededStore(kind);
    store = opened.store;
  });
  afterAll(() => opened.close());

  const dialect = () => store.sql.dialect;

  /** Runs both passes of one tree, as the session endpoints do: rows first, then aggregates. */
  async function sessions(filter: unknown): Promise<string[]> {
    const row = compileFilter(filter, sessionOptions('row'), dialect());
    const session = compileFilter(filter, sessionOptions('session'), dialect());
    const rows = await store.sql.all<{ session_id: string }>(
      `SELECT s.session_id FROM (
         SELECT session_id, max(session_name) AS session_name, sum(cost_usd) AS total_cost, sum(total_tokens) AS total_tokens,
                sum(prompt_tokens) AS prompt_tokens, sum(completion_tokens) AS completion_tokens, count(*) AS total_requests,
                min(request_created_at) AS created_at, max(request_created_at) AS latest_request_created_at
         FROM requests r WHERE r.session_id IS NOT NULL AND ${row.sql} GROUP BY session_id
       ) s WHERE ${session.sql} ORDER BY s.session_id`,
      [...row.params, ...session.params],
    );
    return rows.map((r) => r.session_id);
  }

  async function users(filter: unknown, sort?: unknown): Promise<string[]> {
    const row = compileFilter(filter, userOptions('row'), dialect());
    const user = compileFilter(filter, userOptions('user'), dialect());
    const order = compileUserSort(sort, dialect());
    const rows = await store.sql.all<{ user_id: string }>(
      `SELECT u.user_id FROM (
         SELECT user_id,
                count(DISTINCT request_created_at / ${dayMs}) AS active_for,
                min(request_created_at) AS first_active, max(request_created_at) AS last_active, count(*) AS total_requests,
                CAST(count(*) AS DOUBLE PRECISION) / count(DISTINCT request_created_at / ${dayMs}) AS average_requests_per_day_active,
                CAST(coalesce(sum(prompt_tokens), 0) + coalesce(sum(completion_tokens), 0) AS DOUBLE PRECISION) / count(*) AS average_tokens_per_request,
                sum(completion_tokens) AS total_completion_tokens, sum(prompt_tokens) AS total_prompt_tokens, sum(cost_usd) AS cost
         FROM requests r WHERE r.user_id IS NOT NULL AND r.user_id != '' AND ${row.sql} GROUP BY user_id
       ) u WHERE ${user.sql} ORDER BY ${order.sql}`,
      [...row.params, ...user.params, ...order.params],
    );
    return rows.map((r) => r.user_id);
  }

  const sess = (column: string, operator: string, value: unknown) => ({ sessions_request_response_rmt: { [column]: { [operator]: value } } });
  const usr = (column: string, operator: string, value: unknown) => ({ users_view: { [column]: { [operator]: value } } });

  describe('session pass', () => {
    it('filters the session aggregates', async () => {
      expect(await sessions('all')).toEqual(['s-1', 's-2']);
      expect(await sessions(sess('session_total_requests', 'gte', 2))).toEqual(['s-1']);
      expect(await sessions(sess('session_session_name', 'equals', 'Other'))).toEqual(['s-2']);
      expect(await sessions(sess('session_session_id', 'contains', 'S-1'))).toEqual(['s-1']);
      expect(await sessions(sess('session_total_cost', 'gt', 0.02))).toEqual(['s-2']);
      expect(await sessions(sess('session_total_tokens', 'equals', 15))).toEqual(['s-1']);
      expect(await sessions(sess('session_prompt_tokens', 'equals', 20))).toEqual(['s-2']);
      expect(await sessions(sess('session_completion_tokens', 'lt', 10))).toEqual(['s-1']);
      expect(await sessions(sess('session_created_at', 'gte', '2025-01-01T00:00:00Z'))).toEqual(['s-2']);
      expect(await sessions(sess('session_latest_request_created_at', 'gte', '2024-12-31T23:59:59Z'))).toEqual(['s-1', 's-2']);
      expect(await sessions(sess('session_latest_request_created_at', 'lt', '2024-12-31T23:59:59Z'))).toEqual([]);
    });

    it('session_tag is an unstored (NULL) text column', async () => {
      expect(await sessions(sess('session_tag', 'equals', 'vip'))).toEqual([]);
      expect(await sessions(sess('session_tag', 'not-equals', 'vip'))).toEqual(['s-1', 's-2']);
    });

    it('row leaves narrow the rows before aggregation, session leaves apply after', async () => {
      const filter = {
        left: rmt('user_id', 'equals', 'abc@email.com'),
        operator: 'and',
        right: sess('session_total_requests', 'equals', 1),
      };
      // s-1 has two rows, but only r1 belongs to abc@email.com.
      expect(await sessions(filter)).toEqual(['s-1', 's-2']);
      expect(await sessions(sess('session_total_requests', 'equals', 1))).toEqual(['s-2']);
      expect(await sessions(rmt('provider', 'equals', 'anthropic'))).toEqual(['s-1']);
    });
  });

  describe('user pass', () => {
    it('filters the user aggregates', async () => {
      expect(await users('all')).toEqual(['abc@email.com', 'other@email.com']);
      expect(await users(usr('user_total_requests', 'gte', 2))).toEqual(['abc@email.com']);
      expect(await users(usr('user_cost', 'gt', 0.05))).toEqual(['abc@email.com']);
      expect(await users(usr('user_user_id', 'contains', 'OTHER'))).toEqual(['other@email.com']);
      expect(await users(usr('user_last_active', 'gte', '2025-01-01T00:00:00Z'))).toEqual(['abc@email.com']);
      expect(await users(usr('user_first_active', 'gte', '2024-06-01T00:00:00Z'))).toEqual(['other@email.com']);
      expect(await users(usr('user_active_for', 'equals', 3))).toEqual(['abc@email.com']);
      expect(await users(usr('user_average_requests_per_day_active', 'equals', 1))).toEqual(['abc@email.com', 'other@email.com']);
      expect(await users(usr('user_average_tokens_per_request', 'equals', 65))).toEqual(['abc@email.com']);
      expect(await users(usr('user_total_prompt_tokens', 'equals', 130))).toEqual(['abc@email.com']);
      expect(await users(usr('user_total_completion_tokens', 'gt', 100))).toEqual([]);
    });

    it('row leaves apply before aggregation', async () => {
      expect(await users({ left: rmt('model', 'equals', 'gpt-4'), operator: 'and', right: usr('user_total_requests', 'equals', 2) })).toEqual([
        'abc@email.com',
      ]);
    });

    it('sorts users, by default most recently active first', async () => {
      expect(await users('all')).toEqual(['abc@email.com', 'other@email.com']);
      expect(await users('all', { total_requests: 'asc' })).toEqual(['other@email.com', 'abc@email.com']);
      expect(await users('all', { user_id: 'desc' })).toEqual(['other@email.com', 'abc@email.com']);
      expect(await users('all', { cost: 'asc' })).toEqual(['abc@email.com', 'other@email.com']); // NULL cost last
      expect(await users('all', { first_active: 'desc' })).toEqual(['other@email.com', 'abc@email.com']);
    });
  });

  describe('pass switching', () => {
    it('aggregate leaves are TRUE in the row pass (but still validated)', async () => {
      expect(compileFilter(sess('session_total_requests', 'equals', 99), { ...R1, pass: 'row' }, dialect())).toEqual({ sql: 'TRUE', params: [] });
      expect(await rowIds(store, sess('session_total_requests', 'equals', 99))).toEqual(ALL_IDS);
      expect(compileFilter(usr('user_cost', 'gt', 1), userOptions('row'), dialect()).sql).toBe('TRUE');
      expect(() => compileFilter(sess('session_nope', 'equals', 1), R1, dialect())).toThrow(/Unknown column "session_nope"/);
    });

    it('row leaves are TRUE in the aggregate passes', () => {
      expect(compileFilter(rmt('model', 'equals', 'x'), sessionOptions('session'), dialect())).toEqual({ sql: 'TRUE', params: [] });
      expect(compileFilter(rmt('model', 'equals', 'x'), userOptions('user'), dialect())).toEqual({ sql: 'TRUE', params: [] });
      expect(() => compileFilter(rmt('modle', 'equals', 'x'), userOptions('user'), dialect())).toThrow(/Unknown column "modle"/);
    });

    // How each dialect binds a number compared with a column.
    const number = kind === 'sqlite' ? '?' : 'CAST(? AS DOUBLE PRECISION)';

    it('keeps the branch structure in each pass', () => {
      const filter = { left: rmt('model', 'equals', 'gpt-4'), operator: 'and', right: sess('session_total_requests', 'gt', 1) };
      // PostgreSQL compares the hash its index on the model holds beside the model itself.
      expect(compileFilter(filter, sessionOptions('row'), dialect())).toEqual(
        kind === 'sqlite'
          ? { sql: '(r.model = ? AND TRUE)', params: ['gpt-4'] }
          : { sql: '((r.model = CAST(? AS TEXT) AND hashtextextended(r.model, 0) = hashtextextended(CAST(? AS TEXT), 0)) AND TRUE)', params: ['gpt-4', 'gpt-4'] },
      );
      expect(compileFilter(filter, sessionOptions('session'), dialect())).toEqual({ sql: `(TRUE AND s.total_requests > ${number})`, params: [1] });
    });

    it('refuses an "or" across request and session leaves, which no single pass can evaluate', () => {
      const filter = { left: rmt('model', 'equals', 'gpt-4'), operator: 'or', right: sess('session_total_requests', 'gt', 1) };
      for (const pass of ['row', 'session'] as const) {
        expect(() => compileFilter(filter, sessionOptions(pass), dialect())).toThrow(/An "or" at filter mixes request leaves with session or user leaves/);
      }
      const sameSide = { left: sess('session_total_cost', 'gt', 1), operator: 'or', right: sess('session_total_requests', 'gt', 1) };
      expect(compileFilter(sameSide, sessionOptions('session'), dialect())).toEqual({ sql: `(s.total_cost > ${number} OR s.total_requests > ${number})`, params: [1, 1] });
    });
  });
});
