/**
 * The names HQL must never reach: every table, view, index and trigger of the store, and (for
 * PostgreSQL) every relation and schema of the database, other tenants' schemas included. Read
 * from the store at each query, so tables added later (webhooks, saved queries) are covered too.
 */
import type { SqlClient } from '../store/sql-client.js';

export async function storeNames(sql: SqlClient): Promise<Set<string>> {
  const rows =
    sql.dialect.name === 'postgres'
      ? await sql.all<{ name: string }>('SELECT relname AS name FROM pg_class UNION SELECT nspname FROM pg_namespace')
      : await sql.all<{ name: string }>("SELECT name FROM sqlite_schema UNION SELECT tbl_name FROM sqlite_schema UNION SELECT name FROM pragma_database_list");
  return new Set(rows.map((row) => row.name.toLowerCase()));
}
