/**
 * The HQL gate alone: what it lets through (and how the view is put in front of the query), and
 * what it refuses, with which [HQL_…] code.
 */
import { describe, expect, it } from 'vitest';
import { withView } from '../../../gateway/src/hql/execute.js';
import { HqlError } from '../../../gateway/src/hql/hql-error.js';
import { tokenize } from '../../../gateway/src/hql/tokenize.js';
import { validateSql } from '../../../gateway/src/hql/validate-sql.js';

const storeNames = new Set(['requests', 'request_properties', 'api_keys', 'sqlite_autoindex_api_keys_1', 'switchyard_other_tenant']);

function refusal(sql: unknown): string {
  try {
    validateSql(sql, storeNames);
  } catch (error) {
    expect(error).toBeInstanceOf(HqlError);
    return (error as HqlError).message;
  }
  throw new Error(`accepted: ${String(sql)}`);
}

describe('accepted', () => {
  it.each([
    'SELECT * FROM request_response_rmt',
    'select model, count(*) as requests, sum(cost) / 1e9 as usd from request_response_rmt group by model order by requests desc',
    "SELECT COUNT(*) FILTER (WHERE status >= 400) AS errors FROM request_response_rmt WHERE request_created_at > datetime('now', '-1 day');",
    'WITH per_user AS (SELECT user_id, COUNT(*) AS n FROM request_response_rmt GROUP BY user_id) SELECT * FROM per_user p JOIN request_response_rmt r ON r.user_id = p.user_id',
    'WITH RECURSIVE n (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10) SELECT x FROM n',
    "SELECT j.key, COUNT(*) FROM request_response_rmt r, json_each(r.properties) j GROUP BY j.key",
    "SELECT EXTRACT(EPOCH FROM request_created_at) AS t, properties::jsonb ->> 'Helicone-Session-Id' AS sid FROM request_response_rmt",
    "SELECT 'DROP TABLE api_keys; --' AS harmless_text, \"model\" FROM request_response_rmt -- a trailing comment",
    'SELECT a FROM (SELECT model AS a FROM request_response_rmt) sub WHERE a IN (SELECT model FROM request_response_rmt)',
  ])('%s', (sql) => {
    expect(() => validateSql(sql, storeNames)).not.toThrow();
  });

  it('strips a final semicolon and puts the view first, ahead of the query’s own WITH queries', () => {
    const plain = withView(validateSql('SELECT 1 FROM request_response_rmt;', storeNames), 'sqlite');
    expect(plain).toMatch(/^WITH request_response_rmt AS NOT MATERIALIZED \(/);
    expect(plain.endsWith('SELECT 1 FROM request_response_rmt')).toBe(true);
    const recursive = withView(validateSql('with recursive n (x) AS (SELECT 1) SELECT x FROM n', storeNames), 'postgres');
    expect(recursive).toMatch(/^WITH RECURSIVE request_response_rmt AS NOT MATERIALIZED \([\s\S]*\),\n n \(x\) AS \(SELECT 1\) SELECT x FROM n$/);
  });
});

describe('refused', () => {
  it.each([
    [undefined, 'MISSING_QUERY_SQL'],
    ['  -- nothing  ', 'MISSING_QUERY_SQL'],
    ['DELETE FROM request_response_rmt', 'INVALID_STATEMENT'],
    ['SELECT 1; SELECT 2', 'INVALID_STATEMENT'],
    ['SELECT 1 /* ; */ ; DELETE FROM requests', 'INVALID_STATEMENT'],
    ['WITH x AS (UPDATE requests SET status = 0 RETURNING 1) SELECT * FROM x', 'INVALID_STATEMENT'],
    ["ATTACH '/tmp/x' AS x", 'INVALID_STATEMENT'],
    ['PRAGMA user_version', 'INVALID_STATEMENT'],
    ['SELECT * FROM api_keys', 'INVALID_TABLE'],
    ['SELECT * FROM "API_KEYS"', 'INVALID_TABLE'],
    ['SELECT * FROM switchyard_other_tenant.requests', 'INVALID_TABLE'],
    ['SELECT * FROM request_response_rmt.x', 'INVALID_TABLE'],
    ['SELECT * FROM nowhere', 'INVALID_TABLE'],
    ['SELECT * FROM request_response_rmt, LATERAL other_function(1)', 'INVALID_STATEMENT'],
    ['SELECT 1 AS api_keys FROM request_response_rmt, api_keys', 'INVALID_TABLE'],
    ['SELECT name FROM sqlite_master', 'INVALID_TABLE'],
    ['SELECT * FROM pg_catalog.pg_authid', 'INVALID_TABLE'],
    ["SELECT load_extension('x')", 'INVALID_TABLE'],
    ["SELECT version()", 'INVALID_STATEMENT'],
    ['SELECT "count"(*) FROM request_response_rmt', 'INVALID_STATEMENT'],
    ["SELECT E'\\\\' FROM request_response_rmt", 'SQL_INJECTION_ATTEMPT'],
    ["SELECT U&'\\0041'", 'SQL_INJECTION_ATTEMPT'],
    ['SELECT $1', 'SQL_INJECTION_ATTEMPT'],
    ['SELECT 1 /* a /* b */ c */', 'SQL_INJECTION_ATTEMPT'],
    ["SELECT 'unterminated", 'SYNTAX_ERROR'],
    ['SELECT (1', 'SYNTAX_ERROR'],
    ['SELECT 1)', 'SYNTAX_ERROR'],
    ['SELECT * FROM', 'SYNTAX_ERROR'],
    ['SELECT 1from request_response_rmt', 'SYNTAX_ERROR'],
    ['SELECT 1 \\ 2', 'SYNTAX_ERROR'],
    ['SELECT 1 FROM request_response_rmt WHERE 1 IN api_keys', 'INVALID_STATEMENT'],
  ])('%s → %s', (sql, code) => {
    expect(refusal(sql)).toMatch(new RegExp(`^\\[HQL_${code}\\] `));
  });

  it('names what it refused', () => {
    expect(refusal('SELECT * FROM api_keys')).toBe('[HQL_INVALID_TABLE] Only request_response_rmt can be queried: api_keys is not available');
    expect(refusal('DROP TABLE requests')).toBe('[HQL_INVALID_STATEMENT] Only SELECT queries are allowed: the query starts with drop');
  });
});

describe('tokenize', () => {
  it('reads strings, quoted names, comments and numbers as both databases do', () => {
    const tokens = tokenize(`SELECT 'it''s', "a""b", \`c\`, 1.5e-3, 0x1F -- x\n/* y */ FROM t`);
    expect(tokens.map((token) => [token.kind, token.value])).toEqual([
      ['word', 'select'], ['string', "it's"], ['punct', ','], ['quoted', 'a"b'], ['punct', ','], ['quoted', 'c'], ['punct', ','],
      ['number', '1.5e-3'], ['punct', ','], ['number', '0x1F'], ['word', 'from'], ['word', 't'],
    ]);
  });
});
