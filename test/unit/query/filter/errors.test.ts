/** Malformed and hostile filters: every one is a FilterError with a path and the valid names, or matches nothing, in both stores. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { likeToGlob } from '../../../../gateway/src/query/filter/dialect.js';
import { type CompileOptions, compileFilter, FilterError } from '../../../../gateway/src/query/filter/index.js';
import type { Store } from '../../../../gateway/src/store/store.js';
import { storeKinds, type TestStore } from '../../../helpers/stores.js';
import { ALL_IDS, prop, R1, R2, records, rmt, rowIds, scalar, seededStore } from './fixtures.js';

describe.each(storeKinds)('filter errors (%s)', (kind) => {
  let opened: TestStore;
  let store: Store;
  beforeAll(async () => {
    opened = await seededStore(kind);
    store = opened.store;
  });
  afterAll(() => opened.close());

  const dialect = () => store.sql.dialect;

  /** The FilterError a filter raises. */
  function errorOf(filter: unknown, options: CompileOptions = R1): FilterError {
    try {
      compileFilter(filter, options, dialect());
    } catch (error) {
      expect(error).toBeInstanceOf(FilterError);
      return error as FilterError;
    }
    throw new Error('expected a FilterError');
  }

  const counts = async () => ({
    requests: await scalar(store, 'SELECT COUNT(*) AS n FROM requests'),
    properties: await scalar(store, 'SELECT COUNT(*) AS n FROM request_properties'),
    scores: await scalar(store, 'SELECT COUNT(*) AS n FROM request_scores'),
  });

  describe('hostile input', () => {
    const hostile = ["x' OR 1=1 --", '"]; DROP TABLE requests; --', "'); DELETE FROM requests; --", '%', '*', "' OR ''='"];

    it('SQL in values and property keys matches nothing and changes nothing', async () => {
      const before = await counts();
      expect(before.requests).toBe(records.length);
      for (const text of hostile) {
        const filters = [
          rmt('model', 'equals', text),
          rmt('user_id', 'contains', text),
          rmt('provider', 'ilike', text),
          rmt('target_url', 'like', text),
          prop(text, 'equals', 'production'),
          prop(text, 'equals', text),
          prop('environment', 'equals', text),
          prop(text, 'contains', 'p'),
          { request_response_rmt: { scores: { [text]: { gte: 0 } } } },
          { request_response_rmt: { search_properties: { [text]: { equals: text } } } },
          rmt('property_key', 'equals', text),
          { properties: { [text]: { equals: text } } },
          { request: { prompt: { equals: text } } },
        ];
        for (const filter of filters) {
          const { sql, params } = compileFilter(filter, R1, dialect());
          expect(sql).not.toContain(text);
          // On SQLite like binds the pattern translated to GLOB; everything else binds the text as given.
          expect(params).toContain(filter === filters[3] && kind === 'sqlite' ? likeToGlob(text) : text);
          // '%' and '*' are wildcards only for like/ilike: they match no row literally here except as patterns.
          const matched = await rowIds(store, filter);
          if (text !== '%') expect(matched).toEqual([]);
        }
      }
      expect(await counts()).toEqual(before);
    });

    it('a hostile key never reaches the SQL text, even where it would be an identifier', async () => {
      const key = 'x") FROM requests; DROP TABLE requests; --';
      const { sql, params } = compileFilter({ request_response_rmt: { properties: { [key]: { 'not-contains': 'a' } } } }, R1, dialect());
      expect(sql).not.toContain('DROP');
      expect(params[0]).toBe(key);
      expect(await rowIds(store, { request_response_rmt: { properties: { [key]: { 'not-contains': 'a' } } } })).toEqual(ALL_IDS);
      expect((await counts()).requests).toBe(records.length);
    });

    it('prototype names are not columns, tables or operators', () => {
      expect(errorOf({ request_response_rmt: { constructor: { equals: 'x' } } }).path).toBe('filter.request_response_rmt.constructor');
      expect(errorOf(JSON.parse('{"__proto__": {"model": {"equals": "x"}}}')).path).toBe('filter.__proto__');
      expect(errorOf(rmt('model', 'toString', 'x')).path).toBe('filter.request_response_rmt.model.toString');
      expect(errorOf({ toString: { model: { equals: 'x' } } }).path).toBe('filter.toString');
    });
  });

  describe('size limits', () => {
    const chain = (depth: number): unknown => {
      let node: unknown = rmt('user_id', 'equals', 'abc@email.com');
      for (let i = 1; i < depth; i++) node = { left: node, operator: 'and', right: 'all' };
      return node;
    };

    it('accepts 40 levels and refuses 60', async () => {
      expect(await rowIds(store, chain(40))).toEqual(['r1', 'r2', 'r5']);
      expect(await rowIds(store, chain(50))).toEqual(['r1', 'r2', 'r5']);
      const error = errorOf(chain(60));
      expect(error.path).toBe(`filter${'.left'.repeat(50)}`);
      expect(error.message).toContain('at most 50');
      expect(() => compileFilter(chain(51), R1, dialect())).toThrow(FilterError);
    });

    it('refuses an absurdly deep tree without overflowing the stack', () => {
      expect(errorOf(chain(100_000)).message).toContain('nested too deeply');
    });

    /** A balanced OR of leaves, one per id. */
    const balanced = (leaves: unknown[]): unknown =>
      leaves.length === 1 ? leaves[0] : { left: balanced(leaves.slice(0, leaves.length >> 1)), operator: 'or', right: balanced(leaves.slice(leaves.length >> 1)) };

    it('accepts 2000 leaves and refuses 2001', async () => {
      const leaves = Array.from({ length: 2000 }, (_, i) => rmt('request_id', 'equals', i % 500 === 0 ? `r${i / 500 + 1}` : `none-${i}`));
      expect(await rowIds(store, balanced(leaves))).toEqual(['r1', 'r2', 'r3', 'r4']);
      const error = errorOf(balanced([...leaves, 'all']));
      expect(error.message).toContain('at most 2000');
    });

    it('refuses too many conditions inside leaves', () => {
      const many = Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`k${i}`, { equals: 'x' }]));
      expect(errorOf({ request_response_rmt: { properties: many } }).message).toContain('too many conditions');
    });
  });

  describe('malformed filters', () => {
    it('unknown table, with the valid tables', () => {
      const error = errorOf({ left: { bogus: { model: { equals: 'x' } } }, operator: 'and', right: 'all' });
      expect(error.path).toBe('filter.left.bogus');
      expect(error.message).toBe(
        'Unknown table "bogus" at filter.left; valid tables: feedback, request, response, properties, values, request_response_rmt, sessions_request_response_rmt',
      );
    });

    it('a table the endpoint does not accept', () => {
      const error = errorOf({ users_view: { user_cost: { gt: 1 } } });
      expect(error.path).toBe('filter.users_view');
      expect(error.message).toContain('not accepted by this endpoint');
      expect(error.message).toContain('valid tables: feedback, request');
      expect(errorOf({ request: { id: { equals: 'x' } } }, { tables: ['request_response_rmt'], pass: 'row' }).message).toContain(
        'valid tables: request_response_rmt',
      );
    });

    it('unknown column, with the valid columns', () => {
      const error = errorOf({ left: 'all', operator: 'or', right: { left: 'all', operator: 'and', right: rmt('modle', 'equals', 'gpt-4') } });
      expect(error.path).toBe('filter.right.right.request_response_rmt.modle');
      expect(error.message).toMatch(
        /^Unknown column "modle" in request_response_rmt at filter\.right\.right\.request_response_rmt; valid columns: provider, model, user_id, request_id, /,
      );
      expect(error.message).toContain('helicone-score-feedback');
      expect(errorOf({ request: { modle: { equals: 'x' } } }).message).toContain('valid columns: prompt, created_at, user_id, id, model');
      expect(errorOf({ sessions_request_response_rmt: { total_cost: { gt: 1 } } }).message).toContain('valid columns: session_session_id');
    });

    it('unknown operator, with the valid operators for the column kind', () => {
      const text = errorOf(rmt('model', 'startsWith', 'gpt'));
      expect(text.path).toBe('filter.request_response_rmt.model.startsWith');
      expect(text.message).toContain('valid operators: equals, not-equals, like, ilike, contains, not-contains');
      expect(errorOf(rmt('latency', 'contains', 1)).message).toContain('valid operators: equals, not-equals, gte, lte, gt, lt');
      expect(errorOf(rmt('request_created_at', 'not-equals', '2024-01-01T00:00:00Z')).message).toContain(
        'valid operators: equals, gte, lte, gt, lt',
      );
      expect(errorOf(rmt('cached', 'not-equals', true)).message).toContain('valid operators: equals');
      expect(errorOf(rmt('property_key', 'contains', 'x')).message).toContain('valid operators: equals');
      expect(errorOf({ request_response_rmt: { scores: { accuracy: { contains: 'x' } } } }).path).toBe(
        'filter.request_response_rmt.scores.accuracy.contains',
      );
    });

    it('branch errors', () => {
      const xor = errorOf({ left: 'all', operator: 'xor', right: 'all' });
      expect(xor.path).toBe('filter.operator');
      expect(xor.message).toContain('valid operators: and, or');
      expect(errorOf({ left: 'all', operator: 'AND', right: 'all' }).path).toBe('filter.operator');
      const missing = errorOf({ left: 'all', operator: 'and' });
      expect(missing.path).toBe('filter.right');
      expect(missing.message).toContain('exactly: left, operator, right');
      expect(errorOf({ operator: 'or', right: 'all' }).path).toBe('filter.left');
      expect(errorOf({ left: 'all', operator: 'and', right: 'all', extra: 1 }).path).toBe('filter.extra');
      expect(errorOf({ left: 'all', operator: 'and', right: 'all', request_response_rmt: {} }).path).toBe('filter.request_response_rmt');
    });

    it('nodes of the wrong shape', () => {
      for (const node of [[], 1, null, true, 'ALL', 'none', undefined]) {
        const error = errorOf(node);
        expect(error.path).toBe('filter');
        expect(error.message).toContain('expected "all", a leaf');
      }
      expect(errorOf({ left: [], operator: 'and', right: 'all' }).path).toBe('filter.left');
      expect(errorOf({ request_response_rmt: 'model' }).path).toBe('filter.request_response_rmt');
      expect(errorOf({ request_response_rmt: [] }).message).toContain('expected an object of columns');
      expect(errorOf(rmt('model', 'equals', 'x').request_response_rmt.model.equals as never).path).toBe('filter');
      expect(errorOf({ request_response_rmt: { model: 'gpt-4' } }).message).toContain('expected {<operator>: value}');
      expect(errorOf({ request_response_rmt: { properties: 'x' } }).path).toBe('filter.request_response_rmt.properties');
      expect(errorOf({ request_response_rmt: { properties: { env: 'x' } } }).path).toBe('filter.request_response_rmt.properties.env');
      expect(errorOf({ properties: { env: ['x'] } }).path).toBe('filter.properties.env');
    });

    it('values of the wrong type', () => {
      const cases: Array<[unknown, string, RegExp]> = [
        [rmt('model', 'equals', 5), 'filter.request_response_rmt.model.equals', /expected a string, got number 5/],
        [rmt('model', 'equals', null), 'filter.request_response_rmt.model.equals', /expected a string, got null/],
        [rmt('latency', 'gte', '100'), 'filter.request_response_rmt.latency.gte', /expected a finite number, got "100"/],
        [rmt('latency', 'gte', Number.NaN), 'filter.request_response_rmt.latency.gte', /finite number/],
        [rmt('cost', 'lt', Number.POSITIVE_INFINITY), 'filter.request_response_rmt.cost.lt', /finite number/],
        [rmt('cached', 'equals', 'true'), 'filter.request_response_rmt.cached.equals', /expected true or false/],
        [rmt('helicone-score-feedback', 'equals', 1), 'filter.request_response_rmt.helicone-score-feedback.equals', /true or false/],
        [rmt('request_created_at', 'gte', 'yesterday'), 'filter.request_response_rmt.request_created_at.gte', /ISO-8601/],
        [rmt('request_created_at', 'gte', '2024-02-30T00:00:00Z'), 'filter.request_response_rmt.request_created_at.gte', /ISO-8601/],
        [rmt('request_created_at', 'gte', 1704067200000), 'filter.request_response_rmt.request_created_at.gte', /ISO-8601/],
        [{ request_response_rmt: { scores: { a: { gte: '1' } } } }, 'filter.request_response_rmt.scores.a.gte', /finite number/],
        [prop('env', 'equals', 1), 'filter.request_response_rmt.properties.env.equals', /expected a string/],
        [{ feedback: { rating: { equals: 'yes' } } }, 'filter.feedback.rating.equals', /true or false/],
        [{ users_view: { user_cost: { gt: '1' } } }, 'filter.users_view.user_cost.gt', /finite number/],
      ];
      for (const [filter, path, message] of cases) {
        const options: CompileOptions = path.startsWith('filter.users_view') ? { tables: ['users_view'], pass: 'user' } : R2;
        const error = errorOf(filter, options);
        expect(error.path).toBe(path);
        expect(error.message).toMatch(message);
      }
    });
  });
});
