/**
 * Sort leaves (rest-api-spec §2.4) compiled to an ORDER BY body (no "ORDER BY" keyword), always
 * ending in a unique tie-breaker so offset pagination is stable.
 */
import { bodyJsonColumn, promptInputExpr, sessionColumnFor } from './columns-shared.js';
import { isPlainObject } from './compile.js';
import { type SortDirection, type SqlDialect, sqliteDialect } from './dialect.js';
import { FilterError, quoteList } from './errors.js';
import { describe } from './operators.js';
import { type CompiledSql, join, raw, sql } from './sql.js';

interface SortColumn {
  readonly expr: (dialect: SqlDialect) => CompiledSql;
  readonly nullable: boolean;
}

const rowSort = (name: string, nullable = true): SortColumn => ({ expr: () => raw(`r.${name}`), nullable });

const requestSortColumns: Readonly<Record<string, SortColumn | null>> = {
  created_at: rowSort('request_created_at', false),
  cache_created_at: rowSort('request_created_at', false),
  last_active: rowSort('request_created_at', false),
  latency: rowSort('latency_ms'),
  total_tokens: rowSort('total_tokens'),
  completion_tokens: rowSort('completion_tokens'),
  prompt_tokens: rowSort('prompt_tokens'),
  user_id: rowSort('user_id'),
  body_model: rowSort('model'),
  is_cached: rowSort('cache_hit', false),
  request_prompt: { expr: bodyJsonColumn('request_body', ['$.prompt', '$.messages[0].content']).expr, nullable: true },
  response_text: { expr: bodyJsonColumn('response_body', ['$.choices[0].message.content', '$.choices[0].text']).expr, nullable: true },
  cost: rowSort('cost_usd'),
  time_to_first_token: rowSort('time_to_first_token_ms'),
};

/** Keys taking something other than a direction. */
const REQUEST_SPECIAL_KEYS = ['random', 'properties', 'values'];

const PROPERTY_SORT_KEY = /^[a-zA-Z0-9_-]+$/;

function direction(value: unknown, path: string): SortDirection {
  if (value === 'asc' || value === 'desc') return value === 'asc' ? 'ASC' : 'DESC';
  throw new FilterError(path, `Invalid sort direction ${describe(value)} at ${path}; valid directions: asc, desc`);
}

function checkSortObject(sort: unknown): Record<string, unknown> | null {
  if (sort === undefined || sort === null) return null;
  if (!isPlainObject(sort)) throw new FilterError('sort', `Invalid sort: expected an object such as {"created_at": "desc"}, got ${describe(sort)}`);
  return sort;
}

export function compileRequestSort(sort: unknown, dialect: SqlDialect = sqliteDialect): CompiledSql {
  const object = checkSortObject(sort);
  const terms: CompiledSql[] = [];
  let first: SortDirection | null = null;
  let hasCreatedAt = false;
  for (const [key, value] of Object.entries(object ?? {})) {
    const path = `sort.${key}`;
    if (key === 'random') {
      if (typeof value !== 'boolean') throw new FilterError(path, `Invalid sort at ${path}: expected true or false, got ${describe(value)}`);
      if (value) {
        terms.push(dialect.random());
        first ??= 'DESC';
      }
      continue;
    }
    if (key === 'properties' || key === 'values') {
      if (!isPlainObject(value)) throw new FilterError(path, `Invalid sort at ${path}: expected {<key>: "asc" | "desc"}, got ${describe(value)}`);
      for (const [name, dir] of Object.entries(value)) {
        const entryPath = `${path}.${name}`;
        if (!PROPERTY_SORT_KEY.test(name)) throw new FilterError(entryPath, `Invalid property key: ${name}`);
        const sortDirection = direction(dir, entryPath);
        const expr = key === 'values' ? promptInputExpr(dialect, name) : propertySortExpr(dialect, name);
        terms.push(dialect.orderTerm(expr, sortDirection, key !== 'values'));
        first ??= sortDirection;
      }
      continue;
    }
    if (!Object.hasOwn(requestSortColumns, key)) {
      throw new FilterError(
        path,
        `Unknown sort key "${key}" at sort; valid keys: ${quoteList([...Object.keys(requestSortColumns), ...REQUEST_SPECIAL_KEYS])}`,
      );
    }
    const column = requestSortColumns[key]!;
    const sortDirection = direction(value, path);
    terms.push(dialect.orderTerm(column.expr(dialect), sortDirection, column.nullable));
    first ??= sortDirection;
    if (column === requestSortColumns.created_at || column === requestSortColumns.cache_created_at || column === requestSortColumns.last_active) {
      hasCreatedAt = true;
    }
  }
  if (!hasCreatedAt) terms.push(dialect.orderTerm(raw('r.request_created_at'), first ?? 'DESC', false));
  terms.push(dialect.orderTerm(raw('r.request_id'), first ?? 'DESC', false));
  return join(terms, ', ');
}

function propertySortExpr(dialect: SqlDialect, key: string): CompiledSql {
  const session = sessionColumnFor(key);
  if (session !== undefined) return raw(`r.${session}`);
  return sql`(SELECT value FROM request_properties WHERE request_id = r.request_id AND ${dialect.equalsNoCase(raw('key'), key)})`;
}

const userSortColumns: Readonly<Record<string, string | null>> = {
  id: 'user_id',
  user_id: 'user_id',
  active_for: 'active_for',
  first_active: 'first_active',
  last_active: 'last_active',
  total_requests: 'total_requests',
  average_requests_per_day_active: 'average_requests_per_day_active',
  average_tokens_per_request: 'average_tokens_per_request',
  total_prompt_tokens: 'total_prompt_tokens',
  total_completion_tokens: 'total_completion_tokens',
  cost: 'cost',
  // Rate limits are not recorded: a constant, which orders nothing.
  rate_limited_count: null,
};

export function compileUserSort(sort: unknown, dialect: SqlDialect = sqliteDialect): CompiledSql {
  const object = checkSortObject(sort);
  const terms: CompiledSql[] = [];
  let hasUserId = false;
  for (const [key, value] of Object.entries(object ?? {})) {
    const path = `sort.${key}`;
    if (!Object.hasOwn(userSortColumns, key)) {
      throw new FilterError(path, `Unknown sort key "${key}" at sort; valid keys: ${quoteList(Object.keys(userSortColumns))}`);
    }
    const sortDirection = direction(value, path);
    const column = userSortColumns[key];
    if (column === null || column === undefined) continue;
    terms.push(dialect.orderTerm(raw(`u.${column}`), sortDirection, column !== 'user_id'));
    if (column === 'user_id') hasUserId = true;
  }
  if (terms.length === 0) terms.push(dialect.orderTerm(raw('u.last_active'), 'DESC', false));
  if (!hasUserId) terms.push(dialect.orderTerm(raw('u.user_id'), 'ASC', false));
  return join(terms, ', ');
}

