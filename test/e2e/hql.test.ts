/**
 * HQL (Helicone's SQL over the log, /v1/helicone-sql) against a real gateway, on whichever store
 * the run uses: aggregates agree with the stored rows (counts, cost as USD × 1e9), the view's
 * columns and properties read as documented, the row cap and time limit answer Helicone's 503s,
 * saved queries and the CSV download work, and every way out of the view is refused with a 4xx
 * `[HQL_…]` error while the store stays as it was.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fakeEnv, gatewayWithFakeProviders, GatewayUnderTest } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders(() => ({ SWITCHYARD_HQL_MAX_ROWS: '1000' }));
const postgres = gw.gateway.store.kind === 'postgres';

const client = gw.client();
for (const [user, team] of [['alice', 'a'], ['alice', 'a'], ['bob', 'b']] as const) {
  await client.chat.completions.create(
    { model: 'mock', messages: [{ role: 'user', content: `hello from ${user}` }] },
    { headers: { 'Helicone-User-Id': user, 'Helicone-Property-Team': team, 'Helicone-Session-Id': `session-${user}` } },
  );
}
await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'via the fake openai' }] });
await client.chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: 'mock:error=500 fail' }] }).catch(() => undefined);
const stored = await gw.rows();

interface Answer {
  status: number;
  body: { data: { rows: Array<Record<string, unknown>>; rowCount: number; size: number; elapsedMilliseconds: number } | null; error: string | null };
}

async function hql(sql: unknown, target = gw): Promise<Answer> {
  const response = await target.post('/v1/helicone-sql/execute', { sql });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function rows(sql: string): Promise<Array<Record<string, unknown>>> {
  const answer = await hql(sql);
  expect(answer.status, answer.body.error ?? '').toBe(200);
  return answer.body.data!.rows;
}

describe('execute', () => {
  it('counts and sums by model as the stored rows do, with cost as USD × 1e9', async () => {
    const got = await rows('SELECT model, COUNT(*) AS requests, SUM(cost) AS total_cost, SUM(prompt_tokens) AS prompt_tokens FROM request_response_rmt GROUP BY model ORDER BY model');
    const expected = new Map<string, { requests: number; total_cost: number | null; prompt_tokens: number | null }>();
    for (const row of stored) {
      const entry = expected.get(row.model!) ?? { requests: 0, total_cost: null, prompt_tokens: null };
      entry.requests++;
      if (row.cost_usd !== null) entry.total_cost = (entry.total_cost ?? 0) + Math.round(row.cost_usd * 1e9);
      if (row.prompt_tokens !== null) entry.prompt_tokens = (entry.prompt_tokens ?? 0) + row.prompt_tokens;
      expected.set(row.model!, entry);
    }
    expect(got).toEqual([...expected.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([model, entry]) => ({ model, ...entry })));
    expect(stored.some((row) => (row.cost_usd ?? 0) > 0)).toBe(true);
  });

  it('answers {rows, elapsedMilliseconds, size, rowCount}', async () => {
    const answer = await hql("SELECT user_id, COUNT(*) AS n FROM request_response_rmt WHERE user_id IS NOT NULL GROUP BY user_id ORDER BY user_id");
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({ rows: [{ user_id: 'alice', n: 2 }, { user_id: 'bob', n: 1 }], rowCount: 2 });
    expect(answer.body.data!.size).toBe(Buffer.byteLength(JSON.stringify(answer.body.data!.rows)));
    expect(answer.body.data!.elapsedMilliseconds).toBeGreaterThanOrEqual(0);
  });

  it('reads status, session columns and properties (JSON text holding the session headers)', async () => {
    expect(await rows('SELECT COUNT(*) AS failed FROM request_response_rmt WHERE status >= 500')).toEqual([{ failed: 1 }]);
    const property = postgres ? "properties::jsonb ->> 'Helicone-Property-Team'" : "json_extract(properties, '$.\"Helicone-Property-Team\"')";
    const session = postgres ? "properties::jsonb ->> 'Helicone-Session-Id'" : "json_extract(properties, '$.\"Helicone-Session-Id\"')";
    const got = await rows(`SELECT ${session} AS sid, session_id, ${property} AS team, COUNT(*) AS n FROM request_response_rmt WHERE session_id IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1`);
    const teamKey = Object.keys(stored.find((row) => row.user_id === 'alice')!.properties).find((key) => /team/i.test(key))!;
    expect(teamKey).toBeDefined();
    expect(got.map((row) => [row.sid, row.session_id, row.n])).toEqual([['session-alice', 'session-alice', 2], ['session-bob', 'session-bob', 1]]);
  });

  it('takes WITH queries of its own, and a time column that compares with the epoch one', async () => {
    const got = await rows(
      'WITH recent AS (SELECT * FROM request_response_rmt WHERE request_created_at_ms >= 0), per_user AS (SELECT user_id, COUNT(*) AS n FROM recent GROUP BY user_id) SELECT SUM(n) AS total FROM per_user',
    );
    expect(got).toEqual([{ total: stored.length }]);
    const sinceYesterday = postgres ? "now() - interval '1 day'" : "datetime('now', '-1 day')";
    expect(await rows(`SELECT COUNT(*) AS n FROM request_response_rmt WHERE request_created_at > ${sinceYesterday}`)).toEqual([{ n: stored.length }]);
  });

  it('answers HQL_ROW_LIMIT_EXCEEDED (503) past the row cap, and the cap itself in full', async () => {
    const series = (n: number) => `WITH RECURSIVE series (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM series WHERE x < ${n}) SELECT x FROM series`;
    expect((await rows(series(1000))).length).toBe(1000);
    const over = await hql(series(1001));
    expect(over.status).toBe(503);
    expect(over.body.error).toMatch(/^\[HQL_ROW_LIMIT_EXCEEDED\] .*1000 rows/);
  });

  it('answers a query the database rejects with 400 HQL_SYNTAX_ERROR, and a missing or empty sql with HQL_MISSING_QUERY_SQL', async () => {
    const unknown = await hql('SELECT no_such_column FROM request_response_rmt');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatch(/^\[HQL_SYNTAX_ERROR\] .*no_such_column/);
    for (const sql of [undefined, '', '   ', 42, '-- only a comment']) {
      const answer = await hql(sql);
      expect(answer.status, String(sql)).toBe(400);
      expect(answer.body.error).toMatch(/^\[HQL_MISSING_QUERY_SQL\]/);
    }
    const notJson = await gw.post('/v1/helicone-sql/execute', '{"sql": ');
    expect(notJson.status).toBe(400);
  });
});

describe('every way out of the view is refused', () => {
  const escapes: Array<[string, RegExp]> = [
    ['DELETE FROM request_response_rmt', /INVALID_STATEMENT/],
    ['INSERT INTO api_keys (id) VALUES (1)', /INVALID_STATEMENT/],
    ['UPDATE requests SET status = 1', /INVALID_STATEMENT/],
    ['DROP TABLE requests', /INVALID_STATEMENT/],
    ['CREATE TABLE stolen (a int)', /INVALID_STATEMENT/],
    ['SELECT 1; DROP TABLE requests', /INVALID_STATEMENT/],
    ['SELECT 1; SELECT 2', /INVALID_STATEMENT/],
    ["ATTACH DATABASE '/tmp/hql-attack.db' AS other", /INVALID_STATEMENT/],
    ['PRAGMA table_info(api_keys)', /INVALID_STATEMENT/],
    ['VACUUM', /INVALID_STATEMENT/],
    ['BEGIN', /INVALID_STATEMENT/],
    ['EXPLAIN SELECT 1', /INVALID_STATEMENT/],
    ['SELECT * FROM api_keys', /INVALID_TABLE/],
    ['SELECT * FROM "api_keys"', /INVALID_TABLE/],
    ['SELECT * FROM API_KEYS', /INVALID_TABLE/],
    ['SELECT * FROM `api_keys`', /INVALID_TABLE/],
    ['SELECT * FROM [api_keys]', /INVALID_TABLE/],
    ['SELECT * FROM request_response_rmt, api_keys', /INVALID_TABLE/],
    ['SELECT * FROM request_response_rmt r JOIN api_keys k ON 1 = 1', /INVALID_TABLE/],
    ['SELECT (SELECT key_hash FROM api_keys LIMIT 1) AS k FROM request_response_rmt', /INVALID_TABLE/],
    ["SELECT 1 WHERE 'x' IN api_keys", /INVALID_TABLE|INVALID_STATEMENT/],
    ["SELECT 1 AS api_keys WHERE 'x' IN api_keys", /INVALID_STATEMENT/],
    ['SELECT 1 AS api_keys, (TABLE api_keys) AS k', /INVALID_STATEMENT/],
    ['SELECT 1 AS api_keys FROM api_keys', /INVALID_TABLE/],
    ['SELECT 1 AS api_keys FROM request_response_rmt, api_keys', /INVALID_TABLE/],
    ['SELECT * FROM requests', /INVALID_TABLE/],
    ['SELECT * FROM request_bodies', /INVALID_TABLE/],
    ['SELECT * FROM hql_saved_queries', /INVALID_TABLE/],
    ['SELECT * FROM unknown_table', /INVALID_TABLE/],
    ['SELECT * FROM main.request_response_rmt', /INVALID_TABLE/],
    ['SELECT * FROM public.api_keys', /INVALID_TABLE/],
    ['SELECT name FROM sqlite_master', /INVALID_TABLE/],
    ['SELECT name FROM sqlite_schema', /INVALID_TABLE/],
    ['SELECT * FROM pg_catalog.pg_tables', /INVALID_TABLE/],
    ['SELECT relname FROM pg_class', /INVALID_TABLE/],
    ['SELECT * FROM information_schema.tables', /INVALID_TABLE/],
    ["SELECT * FROM pragma_table_info('api_keys')", /INVALID_STATEMENT|INVALID_TABLE/],
    ["SELECT load_extension('/tmp/evil')", /INVALID_STATEMENT|INVALID_TABLE/],
    ["SELECT pg_read_file('/etc/passwd')", /INVALID_TABLE/],
    ["SELECT query_to_xml('select * from api_keys', true, true, '')", /INVALID_TABLE/],
    ["SELECT * FROM ts_stat('select key_hash from api_keys')", /INVALID_TABLE|INVALID_STATEMENT/],
    ["SELECT set_config('statement_timeout', '0', false)", /INVALID_TABLE|INVALID_STATEMENT/],
    ["SELECT * FROM dblink('host=elsewhere', 'select 1') AS t(a int)", /INVALID_TABLE|INVALID_STATEMENT/],
    ['SELECT 1 /* ; */ ; DELETE FROM requests', /INVALID_STATEMENT/],
    ['SELECT 1 -- hidden\n; DROP TABLE requests', /INVALID_STATEMENT/],
    ["SELECT 1 /* /* */ ' */ , (SELECT key_hash FROM api_keys) /* ' */", /SQL_INJECTION_ATTEMPT/],
    ["SELECT E'\\' , (SELECT key_hash FROM api_keys) --'", /SQL_INJECTION_ATTEMPT|INVALID_TABLE/],
    ['SELECT $$ x $$', /SQL_INJECTION_ATTEMPT/],
    ['SELECT * FROM U&"api\\005fkeys"', /SQL_INJECTION_ATTEMPT/],
    ['SELECT 1from api_keys', /SYNTAX_ERROR|INVALID_TABLE/],
    ['WITH gone AS (DELETE FROM requests RETURNING *) SELECT * FROM gone', /INVALID_STATEMENT/],
    ['WITH x AS (SELECT 1) INSERT INTO requests SELECT * FROM x', /INVALID_STATEMENT/],
    ['WITH request_response_rmt AS (SELECT * FROM api_keys) SELECT * FROM request_response_rmt', /INVALID_STATEMENT|INVALID_TABLE/],
    ['SELECT * INTO stolen FROM request_response_rmt', /INVALID_STATEMENT/],
    ['SELECT * FROM request_response_rmt FOR UPDATE', /INVALID_STATEMENT/],
    ["COPY (SELECT 1) TO '/tmp/out'", /INVALID_STATEMENT/],
  ];

  it.each(escapes)('%s', async (sql, code) => {
    const answer = await hql(sql);
    expect(answer.status, answer.body.error ?? '').toBe(400);
    expect(answer.body.error).toMatch(/^\[HQL_[A-Z_]+\] /);
    expect(answer.body.error).toMatch(code);
  });

  it('the store is unchanged, and the key table still unread', async () => {
    expect(await gw.rows()).toEqual(stored);
    expect(await gw.gateway.store.listApiKeys()).toEqual([]);
  });
});

describe('schema, download, saved queries', () => {
  it('GET /schema lists the view and its documented columns', async () => {
    const response = await fetch(`${gw.url}/v1/helicone-sql/schema`);
    const body = (await response.json()) as { data: Array<{ table_name: string; columns: Array<{ name: string; type: string }> }> };
    expect(body.data).toHaveLength(1);
    expect(body.data[0]!.table_name).toBe('request_response_rmt');
    const names = body.data[0]!.columns.map((column) => column.name);
    expect(names).toEqual(expect.arrayContaining(['request_id', 'request_created_at', 'model', 'request_model', 'provider', 'status', 'latency', 'prompt_tokens', 'completion_tokens', 'cost', 'user_id', 'properties', 'session_id']));
    // Every documented column is selectable.
    expect(await rows(`SELECT ${names.join(', ')} FROM request_response_rmt LIMIT 1`)).toHaveLength(1);
  });

  it('POST /download answers a signed link that serves the rows as CSV without a key', async () => {
    const response = await gw.post('/v1/helicone-sql/download', { sql: "SELECT user_id, COUNT(*) AS n FROM request_response_rmt WHERE user_id IS NOT NULL GROUP BY user_id ORDER BY user_id" });
    expect(response.status).toBe(200);
    const url = ((await response.json()) as { data: string }).data;
    expect(url).toMatch(/\/v1\/helicone-sql\/download\?sql=.*&expires=\d+&signature=/);
    const csv = await fetch(url);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await csv.text()).toBe('user_id,n\r\nalice,2\r\nbob,1\r\n');
    const refused = await gw.post('/v1/helicone-sql/download', { sql: 'SELECT * FROM api_keys' });
    expect(refused.status).toBe(400);
  });

  it('saves, lists, reads, updates and deletes queries, with Helicone’s errors', async () => {
    const created = await gw.post('/v1/helicone-sql/saved-query', { name: 'by model', sql: 'SELECT model, COUNT(*) FROM request_response_rmt GROUP BY model' });
    expect(created.status).toBe(201);
    const [query] = ((await created.json()) as { data: Array<{ id: string; name: string; sql: string; organization_id: string; created_at: string }> }).data;
    expect(query).toMatchObject({ name: 'by model', organization_id: expect.any(String), created_at: expect.stringMatching(/^\d{4}-/) });

    const errorOf = async (response: Response) => [response.status, ((await response.json()) as { error: string }).error] as const;
    expect(await errorOf(await gw.post('/v1/helicone-sql/saved-query', { name: 'by model', sql: 'SELECT 1' }))).toEqual([409, expect.stringMatching(/^\[HQL_QUERY_NAME_EXISTS\]/)]);
    expect(await errorOf(await gw.post('/v1/helicone-sql/saved-query', { sql: 'SELECT 1' }))).toEqual([400, expect.stringMatching(/^\[HQL_MISSING_QUERY_NAME\]/)]);
    expect(await errorOf(await gw.post('/v1/helicone-sql/saved-query', { name: 'x'.repeat(255), sql: 'SELECT 1' }))).toEqual([400, expect.stringMatching(/^\[HQL_QUERY_NAME_TOO_LONG\]/)]);
    expect(await errorOf(await gw.post('/v1/helicone-sql/saved-query', { name: 'no sql' }))).toEqual([400, expect.stringMatching(/^\[HQL_MISSING_QUERY_SQL\]/)]);
    expect(await errorOf(await gw.post('/v1/helicone-sql/saved-query', { name: 'bad', sql: 'SELECT * FROM api_keys' }))).toEqual([400, expect.stringMatching(/^\[HQL_INVALID_TABLE\]/)]);

    const path = `/v1/helicone-sql/saved-query/${query!.id}`;
    expect(((await (await fetch(`${gw.url}${path}`)).json()) as { data: unknown }).data).toEqual(query);
    const updated = await fetch(`${gw.url}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'renamed', sql: 'SELECT 2 AS two' }) });
    expect(((await updated.json()) as { data: { name: string; sql: string } }).data).toMatchObject({ name: 'renamed', sql: 'SELECT 2 AS two' });
    const second = await gw.post('/v1/helicone-sql/saved-query', { name: 'second', sql: 'SELECT 3' });
    const secondId = ((await second.json()) as { data: Array<{ id: string }> }).data[0]!.id;
    const list = ((await (await fetch(`${gw.url}/v1/helicone-sql/saved-queries`)).json()) as { data: Array<{ name: string }> }).data;
    expect(list.map((entry) => entry.name).sort()).toEqual(['renamed', 'second']);

    expect((await fetch(`${gw.url}${path}`, { method: 'DELETE' })).status).toBe(204);
    expect(await errorOf(await fetch(`${gw.url}${path}`))).toEqual([404, expect.stringMatching(/^\[HQL_QUERY_NOT_FOUND\]/)]);
    const bulk = await gw.post('/v1/helicone-sql/saved-queries/bulk-delete', { ids: [secondId] });
    expect(bulk.status).toBe(200);
    expect(((await (await fetch(`${gw.url}/v1/helicone-sql/saved-queries`)).json()) as { data: unknown[] }).data).toEqual([]);
    expect((await gw.post('/v1/helicone-sql/saved-queries/bulk-delete', { ids: 'all' })).status).toBe(400);
  });
});

const slow = await GatewayUnderTest.start(fakeEnv(fake, { SWITCHYARD_HQL_TIMEOUT_MS: '200' }));
afterAll(() => slow.close());

describe('the time limit', () => {

  it('answers HQL_QUERY_TIMEOUT (503) for a query that runs past it', async () => {
    // Endless, and each row is millions of steps away: only the time limit ends it.
    const answer = await hql('WITH RECURSIVE n (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n WHERE x % 5000000 = 0', slow);
    expect(answer.status).toBe(503);
    expect(answer.body.error).toMatch(/^\[HQL_QUERY_TIMEOUT\]/);
  });
});
