/** Request and user sort leaves (rest-api-spec §2.4), compiled and run in each store's dialect. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRequestSort, compileUserSort, FilterError } from '../../../../gateway/src/query/filter/index.js';
import type { Store } from '../../../../gateway/src/store/store.js';
import { storeKinds, type TestStore } from '../../../helpers/stores.js';
import { scalar, seededStore } from './fixtures.js';

describe.each(storeKinds)('sort leaves (%s)', (kind) => {
  let opened: TestStore;
  let store: Store;
  beforeAll(async () => {
    opened = await seededStore(kind);
    store = opened.store;
  });
  afterAll(() => opened.close());

  const dialect = () => store.sql.dialect;

  const ordered = async (sort: unknown): Promise<string[]> => {
    const { sql, params } = compileRequestSort(sort, dialect());
    const rows = await store.sql.all<{ request_id: string }>(`SELECT r.request_id FROM requests r ORDER BY ${sql}`, params);
    return rows.map((row) => row.request_id);
  };

  function sortError(run: () => unknown): FilterError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(FilterError);
      return error as FilterError;
    }
    throw new Error('expected a FilterError');
  }

  describe('compileRequestSort', () => {
    it('defaults to newest first with request_id as the tie-breaker', async () => {
      const expected = { sql: 'r.request_created_at DESC, r.request_id DESC', params: [] };
      expect(compileRequestSort(undefined, dialect())).toEqual(expected);
      expect(compileRequestSort(null, dialect())).toEqual(expected);
      expect(compileRequestSort({}, dialect())).toEqual(expected);
      expect(compileRequestSort({ created_at: 'desc' }, dialect())).toEqual(expected);
      expect(await ordered(undefined)).toEqual(['r5', 'r3', 'r6', 'r2', 'r1', 'r4']);
    });

    it('created_at asc and its aliases', async () => {
      expect(compileRequestSort({ created_at: 'asc' }, dialect())).toEqual({ sql: 'r.request_created_at ASC, r.request_id ASC', params: [] });
      expect(await ordered({ created_at: 'asc' })).toEqual(['r4', 'r1', 'r2', 'r6', 'r3', 'r5']);
      expect(await ordered({ last_active: 'asc' })).toEqual(['r4', 'r1', 'r2', 'r6', 'r3', 'r5']);
      expect(await ordered({ cache_created_at: 'desc' })).toEqual(['r5', 'r3', 'r6', 'r2', 'r1', 'r4']);
    });

    it('numeric keys, NULLs last in both directions', async () => {
      expect(compileRequestSort({ latency: 'asc' }, dialect()).sql).toBe('r.latency_ms ASC NULLS LAST, r.request_created_at ASC, r.request_id ASC');
      expect(await ordered({ latency: 'asc' })).toEqual(['r6', 'r4', 'r1', 'r5', 'r2', 'r3']);
      expect(await ordered({ latency: 'desc' })).toEqual(['r3', 'r2', 'r5', 'r1', 'r4', 'r6']);
      // total_tokens: r2 150, r5 30, r1 15; r3/r4/r6 have none (then newest first).
      expect(await ordered({ total_tokens: 'desc' })).toEqual(['r2', 'r5', 'r1', 'r3', 'r6', 'r4']);
      expect(await ordered({ total_tokens: 'asc' })).toEqual(['r1', 'r5', 'r2', 'r4', 'r6', 'r3']);
      expect((await ordered({ prompt_tokens: 'desc' })).slice(0, 3)).toEqual(['r2', 'r5', 'r1']);
      expect((await ordered({ completion_tokens: 'asc' })).slice(0, 3)).toEqual(['r1', 'r5', 'r2']);
      expect((await ordered({ cost: 'desc' })).slice(0, 3)).toEqual(['r5', 'r1', 'r2']);
      expect((await ordered({ time_to_first_token: 'desc' })).slice(0, 2)).toEqual(['r2', 'r1']);
    });

    it('text and flag keys', async () => {
      expect(await ordered({ user_id: 'asc' })).toEqual(['r6', 'r1', 'r2', 'r5', 'r3', 'r4']);
      expect(await ordered({ body_model: 'asc' })).toEqual(['r4', 'r3', 'r1', 'r5', 'r2', 'r6']);
      expect((await ordered({ is_cached: 'desc' }))[0]).toBe('r5');
      expect((await ordered({ request_prompt: 'asc' })).slice(0, 3)).toEqual(['r4', 'r1', 'r2']);
      expect((await ordered({ response_text: 'asc' })).slice(0, 2)).toEqual(['r2', 'r1']);
    });

    it('properties: key as a parameter, case-insensitive, missing last', async () => {
      const sort = compileRequestSort({ properties: { appname: 'asc' } }, dialect());
      expect(sort.params).toEqual(['appname']);
      expect(sort.sql).not.toContain('appname');
      // LlamaCoder (r1, r2) < MyApp (r4, r5), rows without it last; ties follow created_at in the same direction.
      expect(await ordered({ properties: { appname: 'asc' } })).toEqual(['r1', 'r2', 'r4', 'r5', 'r6', 'r3']);
      expect(await ordered({ properties: { AppName: 'desc' } })).toEqual(['r5', 'r4', 'r2', 'r1', 'r3', 'r6']);
      expect((await ordered({ properties: { 'Helicone-Session-Name': 'asc' } })).slice(0, 3)).toEqual(['r1', 'r3', 'r5']);
    });

    it('random and values', async () => {
      expect(compileRequestSort({ random: true }, dialect()).sql).toBe('random(), r.request_created_at DESC, r.request_id DESC');
      expect((await ordered({ random: true })).sort()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
      expect(compileRequestSort({ random: false }, dialect())).toEqual({ sql: 'r.request_created_at DESC, r.request_id DESC', params: [] });
      // Values are managed prompts' inputs: none in these rows, so all read '' and created_at breaks the tie.
      expect(compileRequestSort({ values: { topic: 'asc' } }, dialect()).sql).toContain('prompt_inputs');
      expect(await ordered({ values: { topic: 'asc' } })).toEqual(await ordered({ created_at: 'asc' }));
    });

    it('rejects bad keys, directions and property keys', async () => {
      const direction = sortError(() => compileRequestSort({ latency: 'up' }, dialect()));
      expect(direction.path).toBe('sort.latency');
      expect(direction.message).toContain('valid directions: asc, desc');
      expect(sortError(() => compileRequestSort({ created_at: 'DESC' }, dialect())).path).toBe('sort.created_at');
      const unknown = sortError(() => compileRequestSort({ createdAt: 'asc' }, dialect()));
      expect(unknown.path).toBe('sort.createdAt');
      expect(unknown.message).toContain('valid keys: created_at, cache_created_at, last_active, latency');
      const key = sortError(() => compileRequestSort({ properties: { "app'); DROP TABLE requests; --": 'asc' } }, dialect()));
      expect(key.message).toBe("Invalid property key: app'); DROP TABLE requests; --");
      expect(sortError(() => compileRequestSort({ properties: { 'app name': 'asc' } }, dialect())).path).toBe('sort.properties.app name');
      expect(sortError(() => compileRequestSort({ properties: { app: 'sideways' } }, dialect())).path).toBe('sort.properties.app');
      expect(sortError(() => compileRequestSort({ properties: 'app' }, dialect())).path).toBe('sort.properties');
      expect(sortError(() => compileRequestSort({ random: 'yes' }, dialect())).path).toBe('sort.random');
      expect(sortError(() => compileRequestSort('created_at', dialect())).path).toBe('sort');
      expect(sortError(() => compileRequestSort([], dialect())).path).toBe('sort');
      expect(await scalar(store, 'SELECT COUNT(*) AS n FROM requests')).toBe(6);
    });
  });

  describe('compileUserSort', () => {
    it('defaults to most recently active, then user id', () => {
      expect(compileUserSort(undefined, dialect())).toEqual({ sql: 'u.last_active DESC, u.user_id ASC', params: [] });
      expect(compileUserSort({}, dialect())).toEqual({ sql: 'u.last_active DESC, u.user_id ASC', params: [] });
    });

    it('maps every key', () => {
      expect(compileUserSort({ id: 'desc' }, dialect()).sql).toBe('u.user_id DESC');
      expect(compileUserSort({ user_id: 'asc' }, dialect()).sql).toBe('u.user_id ASC');
      expect(compileUserSort({ cost: 'desc' }, dialect()).sql).toBe('u.cost DESC NULLS LAST, u.user_id ASC');
      for (const key of [
        'active_for',
        'first_active',
        'last_active',
        'total_requests',
        'average_requests_per_day_active',
        'average_tokens_per_request',
        'total_prompt_tokens',
        'total_completion_tokens',
      ]) {
        expect(compileUserSort({ [key]: 'asc' }, dialect()).sql).toBe(`u.${key} ASC NULLS LAST, u.user_id ASC`);
      }
      // Not recorded: orders nothing, so the default applies.
      expect(compileUserSort({ rate_limited_count: 'desc' }, dialect()).sql).toBe('u.last_active DESC, u.user_id ASC');
    });

    it('rejects bad keys and directions', () => {
      expect(sortError(() => compileUserSort({ total_cost: 'asc' }, dialect())).message).toContain('valid keys: id, user_id, active_for');
      expect(sortError(() => compileUserSort({ cost: 1 }, dialect())).path).toBe('sort.cost');
    });
  });
});
