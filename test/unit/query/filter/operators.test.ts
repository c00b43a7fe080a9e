/** Each operator and column family of the row pass, against the seeded rows of both stores. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { likeToGlob } from '../../../../gateway/src/query/filter/dialect.js';
import { compileFilter } from '../../../../gateway/src/query/filter/index.js';
import { parseTimestamp } from '../../../../gateway/src/query/filter/operators.js';
import type { Store } from '../../../../gateway/src/store/store.js';
import { openTestStore, storeKinds, type TestStore } from '../../../helpers/stores.js';
import { ALL_IDS, ms, prop, R1, records, rmt, rowIds, seededStore } from './fixtures.js';

const others = (...excluded: string[]) => ALL_IDS.filter((id) => !excluded.includes(id));

/**
 * The plan each store would run a query with, as text. PostgreSQL would scan six rows rather than
 * use an index, so sequential scans are switched off (for this transaction only) to ask whether
 * the index can serve the query at all.
 */
async function queryPlan(store: Store, text: string, params: unknown[]): Promise<string> {
  if (store.kind === 'sqlite') {
    const rows = await store.sql.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${text}`, params);
    return rows.map((row) => row.detail).join('\n');
  }
  return store.sql.transaction(async (tx) => {
    await tx.run('SET LOCAL enable_seqscan = off');
    const rows = await tx.all<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, params);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

describe.each(storeKinds)('filter operators (%s)', (kind) => {
  let opened: TestStore;
  let store: Store;
  beforeAll(async () => {
    opened = await seededStore(kind);
    store = opened.store;
  });
  afterAll(() => opened.close());

  const ids = (filter: unknown) => rowIds(store, filter);

  describe('text operators', () => {
    it('equals and not-equals, with NULL rows counted as not equal', async () => {
      expect(await ids(rmt('user_id', 'equals', 'abc@email.com'))).toEqual(['r1', 'r2', 'r5']);
      // r4 has no user (NULL), r6 an empty one: both match not-equals.
      expect(await ids(rmt('user_id', 'not-equals', 'abc@email.com'))).toEqual(['r3', 'r4', 'r6']);
      expect(await ids(rmt('provider', 'equals', 'anthropic'))).toEqual(['r3']);
    });

    it('"null" gives IS NULL / IS NOT NULL, "__empty__" matches NULL or empty', async () => {
      expect(await ids(rmt('user_id', 'equals', 'null'))).toEqual(['r4']);
      expect(await ids(rmt('user_id', 'not-equals', 'null'))).toEqual(others('r4'));
      expect(await ids(rmt('user_id', 'equals', '__empty__'))).toEqual(['r4', 'r6']);
      expect(await ids(rmt('user_id', 'not-equals', '__empty__'))).toEqual(['r1', 'r2', 'r3', 'r5']);
      // '' behaves like "__empty__" (a missing value reads as the empty string).
      expect(await ids(rmt('user_id', 'equals', ''))).toEqual(['r4', 'r6']);
      expect(await ids(rmt('model', 'equals', 'null'))).toEqual(['r6']);
    });

    it('like is case-sensitive with % and _ wildcards', async () => {
      expect(await ids(rmt('model', 'like', 'gpt-4%'))).toEqual(['r1', 'r2', 'r5']);
      expect(await ids(rmt('model', 'like', 'GPT-4%'))).toEqual(['r4']);
      expect(await ids(rmt('model', 'like', 'gpt-_'))).toEqual(['r1', 'r5']);
      expect(await ids(rmt('model', 'like', 'gpt-4'))).toEqual(['r1', 'r5']);
      // GLOB metacharacters in the pattern are literal.
      expect(await ids(rmt('model', 'like', '*'))).toEqual([]);
      expect(await ids(rmt('model', 'like', 'gpt-[0-9]'))).toEqual([]);
      expect(await ids(rmt('model', 'like', 'gpt-?'))).toEqual([]);
    });

    it('ilike is case-insensitive and keeps the caller wildcards', async () => {
      expect(await ids(rmt('model', 'ilike', 'gpt-4%'))).toEqual(['r1', 'r2', 'r4', 'r5']);
      expect(await ids(rmt('model', 'ilike', 'GPT-4'))).toEqual(['r1', 'r5']);
      expect(await ids(rmt('model', 'ilike', '%TURBO'))).toEqual(['r4']);
    });

    it('contains is a case-insensitive substring where % and _ are literal', async () => {
      expect(await ids(rmt('model', 'contains', 'TURBO'))).toEqual(['r4']);
      expect(await ids(prop('note', 'contains', '0%_'))).toEqual(['r5']);
      expect(await ids(prop('note', 'contains', '50_'))).toEqual([]);
      expect(await ids(prop('note', 'ilike', '50%'))).toEqual(['r1', 'r5']);
      expect(await ids({ request: { prompt: { contains: '100% sure_' } } })).toEqual(['r4']);
    });

    it('not-contains counts NULL as not containing', async () => {
      expect(await ids(rmt('user_id', 'not-contains', 'abc'))).toEqual(['r3', 'r4', 'r6']);
      expect(await ids(rmt('model', 'not-contains', 'gpt'))).toEqual(['r3', 'r6']);
    });

    it('unfilled Helicone columns read as empty', async () => {
      expect(await ids(rmt('country_code', 'equals', 'US'))).toEqual([]);
      expect(await ids(rmt('country_code', 'not-equals', 'US'))).toEqual(ALL_IDS);
      expect(await ids(rmt('prompt_id', 'equals', '__empty__'))).toEqual(ALL_IDS);
      expect(await ids(rmt('organization_id', 'equals', 'null'))).toEqual(ALL_IDS);
    });

    it('bodies: request_body and response_body text', async () => {
      expect(await ids(rmt('request_body', 'contains', 'hello WORLD'))).toEqual(['r1']);
      expect(await ids(rmt('response_body', 'contains', 'summary'))).toEqual(['r2']);
      expect(await ids(rmt('response_body', 'equals', 'null'))).toEqual(['r3', 'r4', 'r5']);
    });
  });

  describe('number, timestamp and boolean operators', () => {
    it('compares numbers with inclusive and exclusive bounds', async () => {
      expect(await ids(rmt('latency', 'gt', 300))).toEqual(['r3']);
      expect(await ids(rmt('latency', 'gte', 300))).toEqual(['r2', 'r3']);
      expect(await ids(rmt('latency', 'lt', 100))).toEqual(['r4', 'r6']);
      expect(await ids(rmt('latency', 'lte', 100))).toEqual(['r1', 'r4', 'r6']);
      expect(await ids(rmt('latency', 'equals', 200))).toEqual(['r5']);
      expect(await ids(rmt('status', 'equals', 429))).toEqual(['r6']);
      expect(await ids(rmt('status', 'not-equals', 200))).toEqual(['r3', 'r6']);
      expect(await ids(rmt('total_tokens', 'gte', 30))).toEqual(['r2', 'r5']);
      expect(await ids(rmt('prompt_tokens', 'equals', 10))).toEqual(['r1']);
      expect(await ids(rmt('completion_tokens', 'lt', 10))).toEqual(['r1']);
      expect(await ids(rmt('time_to_first_token', 'gte', 45))).toEqual(['r2']);
      expect(await ids(rmt('prompt_cache_read_tokens', 'gt', 0))).toEqual([]);
    });

    it('cost is USD; not-equals keeps rows without a cost', async () => {
      expect(await ids(rmt('cost', 'equals', 0.01))).toEqual(['r1']);
      expect(await ids(rmt('cost', 'gt', 0.005))).toEqual(['r1', 'r5']);
      expect(await ids(rmt('cost', 'not-equals', 0.01))).toEqual(others('r1'));
    });

    it('timestamps: ISO strings compiled to epoch-ms params, gt/lt exclusive', async () => {
      const at = '2024-12-31T23:59:59Z';
      expect(await ids(rmt('request_created_at', 'equals', at))).toEqual(['r3']);
      expect(await ids(rmt('request_created_at', 'gt', at))).toEqual(['r5']);
      expect(await ids(rmt('request_created_at', 'lt', at))).toEqual(['r1', 'r2', 'r4', 'r6']);
      expect(await ids(rmt('request_created_at', 'gte', '2025-01-01T01:00:00+01:00'))).toEqual(['r5']);
      expect(await ids(rmt('request_created_at', 'gte', '2025-01-01'))).toEqual(['r5']);
      expect(await ids(rmt('request_created_at', 'gte', '2024-12-31T23:59:59.001Z'))).toEqual(['r5']);
      expect(await ids(rmt('response_created_at', 'gt', '2024-12-31T23:59:59Z'))).toEqual(['r3', 'r5']);
      expect(compileFilter(rmt('request_created_at', 'gte', '2024-01-01T00:00:00Z'), R1, store.sql.dialect)).toEqual({
        sql: 'r.request_created_at >= ?',
        params: [ms('2024-01-01T00:00:00Z')],
      });
    });

    it('parses ISO-8601 forms and rejects others', () => {
      expect(parseTimestamp('2024-01-01T00:00:00Z')).toBe(Date.UTC(2024, 0, 1));
      expect(parseTimestamp('2024-01-01T02:30:00+02:30')).toBe(Date.UTC(2024, 0, 1));
      expect(parseTimestamp('2024-01-01T00:00:00-0100')).toBe(Date.UTC(2024, 0, 1, 1));
      expect(parseTimestamp('2024-01-01 00:00:00')).toBe(Date.UTC(2024, 0, 1));
      expect(parseTimestamp('2024-01-01T00:00:00.123456Z')).toBe(Date.UTC(2024, 0, 1, 0, 0, 0, 123));
      expect(parseTimestamp('2024-02-30T00:00:00Z')).toBeNull();
      expect(parseTimestamp('Jan 1 2024')).toBeNull();
      expect(parseTimestamp('1704067200000')).toBeNull();
    });

    it('booleans: cached, the constant-false columns, feedback', async () => {
      expect(await ids(rmt('cached', 'equals', true))).toEqual(['r5']);
      expect(await ids(rmt('cached', 'equals', false))).toEqual(others('r5'));
      expect(await ids(rmt('cache_enabled', 'equals', true))).toEqual([]);
      expect(await ids(rmt('threat', 'equals', false))).toEqual(ALL_IDS);
      expect(await ids(rmt('is_passthrough_billing', 'equals', true))).toEqual([]);
      expect(await ids(rmt('helicone-score-feedback', 'equals', true))).toEqual(['r1']);
      expect(await ids(rmt('helicone-score-feedback', 'equals', false))).toEqual(['r2']);
    });
  });

  describe('properties', () => {
    it('a missing property reads as the empty string', async () => {
      expect(await ids(prop('environment', 'equals', 'production'))).toEqual(['r1', 'r2', 'r4']);
      expect(await ids(prop('environment', 'not-equals', 'production'))).toEqual(['r3', 'r5', 'r6']);
      expect(await ids(prop('environment', 'equals', ''))).toEqual(['r5', 'r6']);
      expect(await ids(prop('environment', 'equals', '__empty__'))).toEqual(['r5', 'r6']);
      expect(await ids(prop('environment', 'not-equals', ''))).toEqual(['r1', 'r2', 'r3', 'r4']);
      expect(await ids(prop('environment', 'contains', 'PROD'))).toEqual(['r1', 'r2', 'r4']);
      expect(await ids(prop('environment', 'not-contains', 'prod'))).toEqual(['r3', 'r5', 'r6']);
      expect(await ids(prop('environment', 'like', 'prod%'))).toEqual(['r1', 'r2', 'r4']);
      expect(await ids(prop('environment', 'like', 'Prod%'))).toEqual([]);
      expect(await ids(prop('nope', 'not-equals', 'x'))).toEqual(ALL_IDS);
    });

    it('keys match case-insensitively, values case-sensitively', async () => {
      expect(await ids(prop('ENVIRONMENT', 'equals', 'production'))).toEqual(['r1', 'r2', 'r4']);
      expect(await ids(prop('app', 'equals', 'mobile'))).toEqual(['r2']);
      expect(await ids(prop('app', 'equals', 'Mobile'))).toEqual([]);
      expect(await ids(prop('AppName', 'ilike', 'llama%'))).toEqual(['r1', 'r2']);
    });

    it('equals uses the case-folded property index', async () => {
      const { sql, params } = compileFilter(prop('environment', 'equals', 'production'), R1, store.sql.dialect);
      // PostgreSQL compares the hashes its index holds beside the values themselves.
      expect(params).toEqual(kind === 'sqlite' ? ['environment', 'production'] : ['environment', 'environment', 'production', 'production']);
      const plan = await queryPlan(store, `SELECT r.request_id FROM requests r WHERE ${sql}`, params);
      expect(plan).toMatch(/request_properties_key_value/);
    });

    it('session headers read the session columns, under any key case', async () => {
      expect(await ids(prop('Helicone-Session-Id', 'equals', 's-1'))).toEqual(['r1', 'r3']);
      expect(await ids(prop('helicone-session-id', 'equals', 's-1'))).toEqual(['r1', 'r3']);
      expect(await ids(prop('HELICONE-SESSION-ID', 'not-equals', 's-1'))).toEqual(['r2', 'r4', 'r5', 'r6']);
      expect(await ids(prop('Helicone-Session-Id', 'equals', ''))).toEqual(['r2', 'r4', 'r6']);
      expect(await ids(prop('Helicone-Session-Path', 'like', '/a%'))).toEqual(['r1', 'r3']);
      expect(await ids(prop('Helicone-Session-Name', 'equals', 'Other'))).toEqual(['r5']);
      expect(await ids(prop('Helicone-Session-Name', 'contains', 'course'))).toEqual(['r1', 'r3']);
      expect(await ids({ properties: { 'helicone-session-path': { equals: '/a/b' } } })).toEqual(['r3']);
    });

    it('search_properties applies the operator to property keys', async () => {
      const search = (operator: string, value: string) => ids({ request_response_rmt: { search_properties: { q: { [operator]: value } } } });
      expect(await search('equals', 'ticket-id')).toEqual(['r3']);
      expect(await search('equals', 'TICKET-ID')).toEqual(['r3']);
      expect(await search('contains', 'env')).toEqual(['r1', 'r2', 'r3', 'r4']);
      expect(await search('like', 'E%')).toEqual(['r2']);
      expect(await search('equals', 'helicone-session-name')).toEqual(['r1', 'r3', 'r5']);
      expect(await search('contains', 'session')).toEqual(['r1', 'r3', 'r5']);
      expect(await search('equals', 'nothing')).toEqual([]);
    });

    it('property_key matches rows having the key', async () => {
      expect(await ids(rmt('property_key', 'equals', 'APPNAME'))).toEqual(['r1', 'r2', 'r4', 'r5']);
      expect(await ids(rmt('property_key', 'equals', 'Helicone-Session-Id'))).toEqual(['r1', 'r3', 'r5']);
      expect(await ids(rmt('property_key', 'equals', 'none'))).toEqual([]);
    });
  });

  describe('scores and feedback', () => {
    it('scores: the row has the score and its value satisfies the operator', async () => {
      const score = (operator: string, value: number) => ids({ request_response_rmt: { scores: { accuracy: { [operator]: value } } } });
      expect(await score('gte', 0.5)).toEqual(['r1']);
      expect(await score('lt', 0.5)).toEqual(['r3']);
      expect(await score('not-equals', 0.9)).toEqual(['r3']);
      expect(await score('gte', 0)).toEqual(['r1', 'r3']);
      expect(await ids({ request_response_rmt: { scores: { 'helicone-score-feedback': { equals: 0 } } } })).toEqual(['r2']);
      expect(await ids({ request_response_rmt: { scores: { Accuracy: { gte: 0 } } } })).toEqual([]);
    });

    it('legacy feedback table', async () => {
      expect(await ids({ feedback: { rating: { equals: true } } })).toEqual(['r1']);
      expect(await ids({ feedback: { rating: { equals: false } } })).toEqual(['r2']);
      expect(await ids({ feedback: { created_at: { gte: '2024-01-01T00:00:00Z' } } })).toEqual(['r1']);
      expect(await ids({ feedback: { created_at: { lt: '2024-01-01T00:00:00Z' } } })).toEqual(['r2']);
      expect(await ids({ feedback: { response_id: { equals: 'r2' } } })).toEqual(['r2']);
      expect(await ids({ feedback: { id: { equals: 1 } } })).toEqual([]);
    });
  });

  describe('legacy request, response, properties and values tables', () => {
    it('request columns', async () => {
      expect(await ids({ request: { prompt: { contains: 'hello' } } })).toEqual(['r1']);
      expect(await ids({ request: { prompt: { equals: '100% sure_thing' } } })).toEqual(['r4']);
      expect(await ids({ request: { created_at: { lt: '2024-01-01T00:00:00Z' } } })).toEqual(['r4']);
      expect(await ids({ request: { id: { equals: 'r3' } } })).toEqual(['r3']);
      expect(await ids({ request: { model: { equals: 'GPT-4-Turbo' } } })).toEqual(['r4']);
      expect(await ids({ request: { modelOverride: { equals: 'gpt-4' } } })).toEqual(['r5']);
      expect(await ids({ request: { path: { equals: '/v1/responses' } } })).toEqual(['r6']);
      expect(await ids({ request: { org_id: { equals: 'x' } } })).toEqual([]);
    });

    it('response columns', async () => {
      expect(await ids({ response: { body_tokens: { gte: 100 } } })).toEqual(['r2']);
      expect(await ids({ response: { body_model: { equals: 'gpt-4' } } })).toEqual(['r1', 'r5']);
      expect(await ids({ response: { body_completion: { contains: 'HI THERE' } } })).toEqual(['r1']);
      expect(await ids({ response: { status: { equals: 500 } } })).toEqual(['r3']);
      expect(await ids({ response: { model: { equals: 'gpt-4' } } })).toEqual(['r1']);
    });

    it('top-level properties and values', async () => {
      expect(await ids({ properties: { appname: { equals: 'MyApp' } } })).toEqual(['r4', 'r5']);
      expect(await ids({ properties: { appname: { 'not-equals': 'MyApp' } } })).toEqual(['r1', 'r2', 'r3', 'r6']);
      expect(await ids({ values: { topic: { equals: '' } } })).toEqual(ALL_IDS);
      expect(await ids({ values: { topic: { equals: 'x' } } })).toEqual([]);
      expect(await ids({ values: { topic: { 'not-equals': 'x' } } })).toEqual(ALL_IDS);
    });
  });

  describe('tree shape', () => {
    it('"all", {} and an empty table are TRUE; or/and branches nest', async () => {
      expect(compileFilter('all', R1, store.sql.dialect)).toEqual({ sql: 'TRUE', params: [] });
      expect(await ids({})).toEqual(ALL_IDS);
      expect(await ids({ request_response_rmt: {} })).toEqual(ALL_IDS);
      expect(await ids({ request_response_rmt: { model: {} } })).toEqual(ALL_IDS);
      expect(
        await ids({
          left: rmt('provider', 'equals', 'anthropic'),
          operator: 'or',
          right: { left: rmt('cached', 'equals', true), operator: 'or', right: rmt('status', 'equals', 429) },
        }),
      ).toEqual(['r3', 'r5', 'r6']);
      expect(await ids({ left: 'all', operator: 'and', right: rmt('user_id', 'equals', 'other@email.com') })).toEqual(['r3']);
    });

    it('ANDs every column and every operator of a leaf, and every table', async () => {
      expect(await ids({ request_response_rmt: { latency: { gte: 100, lte: 300 } } })).toEqual(['r1', 'r2', 'r5']);
      expect(await ids({ request_response_rmt: { latency: { gte: 100 }, user_id: { equals: 'abc@email.com' }, cost: { gt: 0.005 } } })).toEqual([
        'r1',
        'r5',
      ]);
      expect(await ids({ request_response_rmt: { properties: { environment: { equals: 'production' }, appname: { equals: 'MyApp' } } } })).toEqual([
        'r4',
      ]);
      expect(await ids({ request: { user_id: { equals: 'abc@email.com' } }, response: { status: { equals: 200 } }, feedback: { rating: { equals: true } } })).toEqual([
        'r1',
      ]);
    });
  });
});

describe('likeToGlob', () => {
  it('translates wildcards and escapes GLOB metacharacters', () => {
    expect(likeToGlob('a%b_c')).toBe('a*b?c');
    expect(likeToGlob('*?[x]')).toBe('[*][?][[]x]');
    expect(likeToGlob('100\\%')).toBe('100%');
    expect(likeToGlob('a\\_b\\\\')).toBe('a_b\\');
    expect(likeToGlob('trailing\\')).toBe('trailing\\');
  });
});

/**
 * Case folding is ASCII-only in SQLite (lower(), NOCASE, LIKE); PostgreSQL must fold the same way
 * whatever the database's default collation, or the stores would match different rows for
 * non-ASCII text.
 */
describe.each(storeKinds)('non-ASCII text (%s)', (kind) => {
  let opened: TestStore;
  let store: Store;
  beforeAll(async () => {
    opened = await openTestStore(kind);
    store = opened.store;
    const [base] = records;
    await store.writeBatch([
      {
        ...base!,
        requestId: 'n1',
        userId: 'ÉMILE',
        properties: { größe: 'Zürich' },
        requestBody: JSON.stringify({ prompt: 'ÉCOLE Straße' }),
        responseBody: JSON.stringify({ choices: [{ text: 'Ça va' }] }),
      },
    ]);
  });
  afterAll(() => opened.close());

  const ids = (filter: unknown) => rowIds(store, filter);

  it('folds only ASCII letters in contains, ilike and property keys', async () => {
    expect(await ids(rmt('user_id', 'contains', 'Émile'))).toEqual(['n1']);
    expect(await ids(rmt('user_id', 'contains', 'émile'))).toEqual([]);
    expect(await ids(rmt('user_id', 'ilike', 'Émile'))).toEqual(['n1']);
    expect(await ids(rmt('user_id', 'ilike', 'émile'))).toEqual([]);
    expect(await ids(prop('GRößE', 'equals', 'Zürich'))).toEqual(['n1']);
    expect(await ids(prop('GRÖßE', 'equals', 'Zürich'))).toEqual([]);
    expect(await ids(prop('größe', 'contains', 'ZÜRICH'))).toEqual([]);
    expect(await ids(rmt('property_key', 'equals', 'GRÖßE'))).toEqual([]);
    expect(await ids({ request_response_rmt: { search_properties: { q: { equals: 'GRÖßE' } } } })).toEqual([]);
  });

  it('folds only ASCII letters in text read from JSON bodies', async () => {
    expect(await ids({ request: { prompt: { contains: 'École' } } })).toEqual(['n1']);
    expect(await ids({ request: { prompt: { contains: 'école' } } })).toEqual([]);
    expect(await ids({ request: { prompt: { contains: 'STRASSE' } } })).toEqual([]);
    expect(await ids({ response: { body_completion: { ilike: 'ça%' } } })).toEqual([]);
    expect(await ids({ response: { body_completion: { ilike: 'ÇA%' } } })).toEqual(['n1']);
  });
});
