/**
 * HQL on the PostgreSQL store: in a READ ONLY transaction with a statement timeout, through a
 * cursor so that at most the row cap plus one row is ever fetched, and always rolled back.
 */
import type pg from 'pg';
import { HqlError } from './hql-error.js';
import { type HqlLimits, type HqlRows, plainValue } from './result.js';
import { rowLimit, timeout } from './sqlite-rows.js';

/** Error classes that mean the query itself is wrong: syntax or access (42), data (22), cardinality (21), unsupported (0A), limits (54). */
const queryErrorClass = /^(42|22|21|0A|54|2F|39|38)/;

function asHqlError(error: unknown): unknown {
  const code = String((error as { code?: unknown })?.code ?? '');
  if (code === '57014') return timeout();
  if (code === '25006') return new HqlError('INVALID_STATEMENT', 'Only read-only SELECT queries are allowed', (error as Error).message);
  if (queryErrorClass.test(code)) return new HqlError('SYNTAX_ERROR', 'The query failed', (error as Error).message);
  return error;
}

export async function runPostgres(pool: pg.Pool, sql: string, limits: HqlLimits): Promise<HqlRows> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(limits.timeoutMs))}`);
    // The validator reads backslashes in '…' as plain characters: so must the server.
    await client.query('SET LOCAL standard_conforming_strings = on');
    await client.query(`DECLARE hql_rows NO SCROLL CURSOR FOR ${sql}\n`);
    const result = await client.query<Record<string, unknown>>(`FETCH FORWARD ${limits.maxRows + 1} FROM hql_rows`);
    if (result.rows.length > limits.maxRows) throw rowLimit(limits.maxRows);
    const rows = result.rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, plainValue(value)])));
    return { columns: result.fields.map((field) => field.name), rows };
  } catch (error) {
    throw asHqlError(error);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
