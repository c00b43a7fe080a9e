/**
 * Helicone's filter language and sort leaves compiled to parameterised SQLite SQL
 * (rest-api-spec §2). Every user value and every property/score key is a `?` parameter; column
 * names come only from this module's fixed maps.
 */
import { compileFilter as compileFilterWith } from './compile.js';
import { sqliteDialect } from './dialect.js';
import { compileRequestSort as compileRequestSortWith, compileUserSort as compileUserSortWith } from './sort.js';
import type { CompiledSql, CompileOptions } from './types.js';

export { FilterError } from './errors.js';
export type { CompiledSql, CompileOptions, FilterPass, LeafTable } from './types.js';

/** WHERE-clause body (no "WHERE") for one pass; throws FilterError on anything malformed. */
export function compileFilter(node: unknown, options: CompileOptions): CompiledSql {
  return compileFilterWith(node, options, sqliteDialect);
}

/** ORDER BY body (no "ORDER BY") over `requests r`, e.g. "r.request_created_at DESC, r.request_id DESC". */
export function compileRequestSort(sort: unknown): CompiledSql {
  return compileRequestSortWith(sort, sqliteDialect);
}

/** ORDER BY body over the user aggregate `u`; default "u.last_active DESC, u.user_id ASC". */
export function compileUserSort(sort: unknown): CompiledSql {
  return compileUserSortWith(sort, sqliteDialect);
}
