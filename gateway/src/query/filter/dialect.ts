/**
 * Everything dialect-specific the SQL we write needs: the filter compiler's operators and the few
 * functions the query modules use that SQLite and PostgreSQL spell differently. PostgreSQL's text
 * columns are COLLATE "C" (byte order, ASCII-only case folding), as SQLite's are.
 */
import { type CompiledSql, join, type Param, param, raw, sql } from './sql.js';

export type SortDirection = 'ASC' | 'DESC';

export interface SqlDialect {
  readonly name: string;
  readonly true: CompiledSql;
  readonly false: CompiledSql;
  /** The parameter value for a boolean (SQLite binds no booleans). */
  bool(value: boolean): unknown;
  /** A number to compare a column with, whatever the column's type (1.5 against an integer column). */
  number(value: number): CompiledSql;
  /** Case-sensitive LIKE with the caller's `%`/`_` wildcards (backslash escapes the next character). */
  like(expr: CompiledSql, pattern: string): CompiledSql;
  /** Case-insensitive LIKE with the caller's wildcards. */
  ilike(expr: CompiledSql, pattern: string): CompiledSql;
  /** Case-insensitive substring test; `%` and `_` in the needle are literal. NULL when expr is NULL. */
  contains(expr: CompiledSql, needle: string): CompiledSql;
  /** `expr = value` for text, in the form the store's indexes on client-chosen values serve. */
  textEquals(expr: CompiledSql, value: string): CompiledSql;
  /** `expr = value` comparing case-insensitively (property keys). */
  equalsNoCase(expr: CompiledSql, value: string): CompiledSql;
  /** As equalsNoCase, in the form the store's index on property keys serves, where it drives a lookup. */
  equalsNoCaseIndexed(expr: CompiledSql, value: string): CompiledSql;
  /**
   * For counting (a heuristic, not an answer): a property (key, value) pair as the index alone can
   * tell it, so that a count with a LIMIT reads that many index entries and stops. PostgreSQL compares
   * the 64-bit hashes only (a collision could only miscount); SQLite, the values.
   */
  propertyPairEstimate(key: string, value: string): CompiledSql;
  /** `expr != value` comparing case-insensitively. */
  notEqualsNoCase(expr: CompiledSql, value: string): CompiledSql;
  /**
   * The first non-NULL value at the given fixed JSON paths of a JSON text column (a bare column
   * name: it is read more than once), NULL when the text is not valid JSON.
   */
  jsonText(column: CompiledSql, paths: readonly string[]): CompiledSql;
  /** The top-level member `key` of a JSON object column as text (objects and arrays as JSON), NULL when absent. */
  jsonMemberText(column: CompiledSql, key: string): CompiledSql;
  /** A random sort key. */
  random(): CompiledSql;
  /** One ORDER BY term; nullable columns sort their NULLs last in both directions. */
  orderTerm(expr: CompiledSql, direction: SortDirection, nullable: boolean): CompiledSql;
  /** `expr` is one of `values` (bound as one parameter, however many there are). */
  inList(expr: CompiledSql, values: readonly string[]): CompiledSql;
  /** The non-NULL values of `expr` in a group, distinct, as JSON array text ('[]' for none). */
  distinctJsonArray(expr: CompiledSql): CompiledSql;
  /** The values of `expr` in a group as JSON array text ('[]' for none). */
  jsonArray(expr: CompiledSql): CompiledSql;
  /** `expr` folded to one case for grouping (property keys). */
  foldCase(expr: CompiledSql): CompiledSql;
  /** A `requests` column that orders rows as they were inserted. */
  readonly insertionOrder: string;
  /** A query answering `n`: about how many rows `requests` has (cheap; an upper bound is fine). */
  readonly requestCountEstimate: string;
}

/** Translates a LIKE pattern into a GLOB pattern, escaping GLOB's own metacharacters. */
export function likeToGlob(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    let ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      ch = pattern[++i]!;
      out += globLiteral(ch);
      continue;
    }
    if (ch === '%') out += '*';
    else if (ch === '_') out += '?';
    else out += globLiteral(ch);
  }
  return out;
}

const globLiteral = (ch: string): string => (ch === '*' || ch === '?' || ch === '[' ? `[${ch}]` : ch);

/** JSON paths are this module's own constants; refuse anything that is not a plain path. */
const safeJsonPath = /^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/;

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  true: raw('TRUE'),
  false: raw('FALSE'),
  bool: (value) => (value ? 1 : 0),
  number: (value) => sql`${param(value)}`,
  like: (expr, pattern) => sql`${expr} GLOB ${param(likeToGlob(pattern))}`,
  ilike: (expr, pattern) => sql`lower(${expr}) LIKE lower(${param(pattern)}) ESCAPE '\\'`,
  contains: (expr, needle) => sql`instr(lower(${expr}), lower(${param(needle)})) > 0`,
  textEquals: (expr, value) => sql`${expr} = ${param(value)}`,
  equalsNoCase: (expr, value) => sql`${expr} = ${param(value)} COLLATE NOCASE`,
  equalsNoCaseIndexed: (expr, value) => sql`${expr} = ${param(value)} COLLATE NOCASE`,
  propertyPairEstimate: (key, value) => sql`key = ${param(key)} COLLATE NOCASE AND value = ${param(value)}`,
  notEqualsNoCase: (expr, value) => sql`${expr} != ${param(value)} COLLATE NOCASE`,
  jsonText: (column, paths) => {
    const extracts = paths.map((path) => {
      if (!safeJsonPath.test(path)) throw new Error(`internal: unsafe JSON path ${path}`);
      return sql`json_extract(${column}, ${raw(`'${path}'`)})`;
    });
    const value = extracts.length === 1 ? extracts[0]! : sql`coalesce(${join(extracts, ', ')})`;
    return sql`CASE WHEN json_valid(${column}) THEN ${value} END`;
  },
  jsonMemberText: (column, key) => sql`(SELECT CAST(j.value AS TEXT) FROM json_each(${column}) j WHERE j.key = ${param(key)})`,
  random: () => raw('random()'),
  orderTerm: (expr, direction, nullable) => sql`${expr} ${raw(direction)}${raw(nullable ? ' NULLS LAST' : '')}`,
  inList: (expr, values) => sql`${expr} IN (SELECT value FROM json_each(${param(JSON.stringify(values))}))`,
  distinctJsonArray: (expr) => sql`json_group_array(DISTINCT ${expr}) FILTER (WHERE ${expr} IS NOT NULL)`,
  jsonArray: (expr) => sql`json_group_array(${expr})`,
  foldCase: (expr) => sql`${expr} COLLATE NOCASE`,
  insertionOrder: 'rowid',
  // rowid only grows with inserts.
  requestCountEstimate: 'SELECT max(rowid) AS n FROM requests',
};

/** JSON paths as PostgreSQL's `#>>` path literal: '$.a.b[0]' → '{a,b,0}'. */
function postgresPath(path: string): string {
  if (!safeJsonPath.test(path)) throw new Error(`internal: unsafe JSON path ${path}`);
  const parts = path.slice(1).match(/[A-Za-z_][A-Za-z0-9_]*|\d+/g) ?? [];
  return `'{${parts.join(',')}}'`;
}

/**
 * lower() as SQLite's: ASCII letters only. PostgreSQL folds by its argument's collation, and a bound
 * parameter takes the database's default one (which may fold É to é); "C" folds ASCII only. On a
 * column that is already "C" the COLLATE changes nothing, and the index on lower((key) COLLATE "C") serves.
 */
const asciiLower = (expr: CompiledSql | Param): CompiledSql => sql`lower((${expr}) COLLATE "C")`;

/**
 * `expr = value`, with the 64-bit hashes of both sides compared too: the B-tree indexes on values
 * clients choose (a property key or value, a model, a user or prompt id) hold hashtextextended(…, 0)
 * of the value (postgres-migrations.ts, version 1), which takes any length, as a B-tree entry of
 * the value itself would not. `expr` must be written exactly as the index's expression is.
 */
const hashedEquals = (expr: CompiledSql, value: CompiledSql): CompiledSql =>
  sql`(${expr} = ${value} AND hashtextextended(${expr}, 0) = hashtextextended(${value}, 0))`;

/** A bare column (`model`, `r.user_id`): the only expressions an index could serve. */
const bareColumn = (expr: CompiledSql): boolean => expr.params.length === 0 && /^([a-z_]+\.)?[a-z_]+$/.test(expr.sql);

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  true: raw('TRUE'),
  false: raw('FALSE'),
  // Flags are integer columns in both stores.
  bool: (value) => (value ? 1 : 0),
  // A parameter takes its column's type (bigint), which cannot read 1.5 or 1e308: compare as a double.
  number: (value) => sql`CAST(${param(value)} AS DOUBLE PRECISION)`,
  like: (expr, pattern) => sql`${expr} LIKE ${param(pattern)} ESCAPE '\\'`,
  ilike: (expr, pattern) => sql`${asciiLower(expr)} LIKE ${asciiLower(param(pattern))} ESCAPE '\\'`,
  contains: (expr, needle) => sql`strpos(${asciiLower(expr)}, ${asciiLower(param(needle))}) > 0`,
  textEquals: (expr, value) => (bareColumn(expr) ? hashedEquals(expr, sql`CAST(${param(value)} AS TEXT)`) : sql`${expr} = ${param(value)}`),
  equalsNoCase: (expr, value) => sql`${asciiLower(expr)} = ${asciiLower(param(value))}`,
  equalsNoCaseIndexed: (expr, value) => hashedEquals(asciiLower(expr), asciiLower(param(value))),
  propertyPairEstimate: (key, value) =>
    sql`hashtextextended(${asciiLower(raw('key'))}, 0) = hashtextextended(${asciiLower(param(key))}, 0) AND hashtextextended(value, 0) = hashtextextended(CAST(${param(value)} AS TEXT), 0)`,
  notEqualsNoCase: (expr, value) => sql`${asciiLower(expr)} != ${asciiLower(param(value))}`,
  // switchyard_jsonb() is the migrations' function: the text as jsonb, NULL when it is not JSON.
  // Text taken out of JSON has the database's default collation, not the columns' "C": it is made
  // "C" so that it sorts and case-folds as SQLite does.
  jsonText: (column, paths) => {
    const extracts = paths.map((path) => sql`switchyard_jsonb(${column}) #>> ${raw(postgresPath(path))}`);
    return sql`(${extracts.length === 1 ? extracts[0]! : sql`coalesce(${join(extracts, ', ')})`}) COLLATE "C"`;
  },
  jsonMemberText: (column, key) => sql`((switchyard_jsonb(${column}) ->> ${param(key)}::text) COLLATE "C")`,
  random: () => raw('random()'),
  orderTerm: (expr, direction, nullable) => sql`${expr} ${raw(direction)}${raw(nullable ? ' NULLS LAST' : '')}`,
  inList: (expr, values) => sql`${expr} = ANY(${param(values)}::text[])`,
  distinctJsonArray: (expr) => sql`coalesce(json_agg(DISTINCT ${expr}) FILTER (WHERE ${expr} IS NOT NULL), '[]')::text`,
  jsonArray: (expr) => sql`coalesce(json_agg(${expr}), '[]')::text`,
  foldCase: (expr) => asciiLower(expr),
  insertionOrder: 'seq',
  // The planner's estimate: no scan. The table is looked up through the search_path (regclass), not
  // by name alone: another schema of the same database may hold a `requests` table of its own.
  requestCountEstimate: "SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = to_regclass('requests')",
};
