/**
 * Everything dialect-specific the filter compiler emits. Only SQLite is implemented; a PostgreSQL
 * dialect would implement the same interface (ILIKE/position, `->>`, COLLATE "C"/lower(), ...).
 */
import { type CompiledSql, join, param, raw, sql } from './sql.js';

export type SortDirection = 'ASC' | 'DESC';

export interface SqlDialect {
  readonly name: string;
  readonly true: CompiledSql;
  readonly false: CompiledSql;
  /** The parameter value for a boolean (SQLite binds no booleans). */
  bool(value: boolean): unknown;
  /** Case-sensitive LIKE with the caller's `%`/`_` wildcards (backslash escapes the next character). */
  like(expr: CompiledSql, pattern: string): CompiledSql;
  /** Case-insensitive LIKE with the caller's wildcards. */
  ilike(expr: CompiledSql, pattern: string): CompiledSql;
  /** Case-insensitive substring test; `%` and `_` in the needle are literal. NULL when expr is NULL. */
  contains(expr: CompiledSql, needle: string): CompiledSql;
  /** `expr = value` comparing case-insensitively (property keys). */
  equalsNoCase(expr: CompiledSql, value: string): CompiledSql;
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
  like: (expr, pattern) => sql`${expr} GLOB ${param(likeToGlob(pattern))}`,
  ilike: (expr, pattern) => sql`lower(${expr}) LIKE lower(${param(pattern)}) ESCAPE '\\'`,
  contains: (expr, needle) => sql`instr(lower(${expr}), lower(${param(needle)})) > 0`,
  equalsNoCase: (expr, value) => sql`${expr} = ${param(value)} COLLATE NOCASE`,
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
};
