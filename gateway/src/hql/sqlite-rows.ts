/**
 * Runs one prepared HQL statement on a SQLite connection, row by row: only a statement SQLite
 * itself calls read-only and row-returning is run (ATTACH counts as read-only to SQLite, but
 * returns no rows), and reading stops at the row cap or the deadline.
 */
import type Database from 'better-sqlite3';
import { HqlError } from './hql-error.js';
import { type HqlRows, plainValue } from './result.js';

/** SQLite errors that mean the query itself is wrong: answered 400, not 500. */
const queryErrorCodes = new Set(['SQLITE_ERROR', 'SQLITE_RANGE', 'SQLITE_MISMATCH', 'SQLITE_TOOBIG', 'SQLITE_AUTH', 'SQLITE_READONLY', 'SQLITE_CONSTRAINT']);

export function asHqlError(error: unknown): unknown {
  const code = String((error as { code?: unknown })?.code ?? '');
  if (code === 'SQLITE_READONLY') return new HqlError('INVALID_STATEMENT', 'Only read-only SELECT queries are allowed', (error as Error).message);
  if (queryErrorCodes.has(code) || error instanceof RangeError) return new HqlError('SYNTAX_ERROR', 'The query failed', (error as Error).message);
  return error;
}

export function readRows(db: Database.Database, sql: string, maxRows: number, deadline: number): HqlRows {
  try {
    const statement = db.prepare(sql);
    if (!statement.readonly || !statement.reader) throw new HqlError('INVALID_STATEMENT', 'Only read-only SELECT queries are allowed', 'the statement does not only read');
    statement.safeIntegers(false);
    const columns = statement.columns().map((column) => column.name);
    const rows: Array<Record<string, unknown>> = [];
    for (const row of statement.iterate() as IterableIterator<Record<string, unknown>>) {
      if (rows.length === maxRows) throw rowLimit(maxRows);
      if (Date.now() > deadline) throw timeout();
      for (const key of Object.keys(row)) row[key] = plainValue(row[key]);
      rows.push(row);
    }
    return { columns, rows };
  } catch (error) {
    throw asHqlError(error);
  }
}

export const rowLimit = (maxRows: number) =>
  new HqlError('ROW_LIMIT_EXCEEDED', `The result has more than ${maxRows} rows`, 'aggregate, or add a LIMIT');

export const timeout = () => new HqlError('QUERY_TIMEOUT', 'The query ran past its time limit', 'narrow it by time (request_created_at) or aggregate less');
