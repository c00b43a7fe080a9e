/**
 * One HQL query, from text to rows: checked (validate-sql.ts), given the view as its first WITH
 * query, and run read-only on the store's database with the row cap and time limit.
 */
import type { PostgresClient } from '../store/postgres-client.js';
import { SqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { type HqlLimits, type HqlRows } from './result.js';
import { runSqlite } from './run-sqlite.js';
import { storeNames } from './store-names.js';
import { validateSql, type ValidatedSql } from './validate-sql.js';
import { viewDefinition } from './view.js';

/** The statement with request_response_rmt defined ahead of the query's own WITH queries. */
export function withView({ sql, tokens }: ValidatedSql, dialect: 'sqlite' | 'postgres'): string {
  const view = viewDefinition(dialect);
  if (tokens[0]!.value !== 'with') return `WITH ${view}\n${sql}`;
  const recursive = tokens[1]?.kind === 'word' && tokens[1].value === 'recursive';
  const rest = sql.slice(tokens[recursive ? 1 : 0]!.end);
  return `WITH${recursive ? ' RECURSIVE' : ''} ${view},\n${rest}`;
}

/** Checks `sql` against this store's names; throws HqlError for what is refused. */
export async function checkHql(store: Store, sql: unknown): Promise<ValidatedSql> {
  return validateSql(sql, await storeNames(store.sql));
}

export async function executeHql(store: Store, sql: unknown, limits: HqlLimits): Promise<HqlRows> {
  const validated = await checkHql(store, sql);
  if (store instanceof SqliteStore) return runSqlite(store, withView(validated, 'sqlite'), limits);
  if (store.kind === 'postgres') {
    // Loaded only with a PostgreSQL store: the default path never loads the driver.
    const { runPostgres } = await import('./run-postgres.js');
    return runPostgres((store.sql as PostgresClient).pool, withView(validated, 'postgres'), limits);
  }
  throw new Error(`HQL does not run on a ${store.kind} store`);
}
