/**
 * The thread one HQL query runs in on a SQLite file store: its own read-only connection, so a
 * long query never holds the event loop, and the gateway can give up on it (run-sqlite.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { HqlError } from './hql-error.js';
import { readRows } from './sqlite-rows.js';

export interface QueryThreadData {
  path: string;
  sql: string;
  maxRows: number;
  deadline: number;
}

export type QueryThreadReply =
  | { ok: true; columns: string[]; rows: Array<Record<string, unknown>> }
  | { ok: false; hql?: { code: HqlError['code']; reason: string; details?: string }; error?: { message: string; code?: string } };

const { path, sql, maxRows, deadline } = workerData as QueryThreadData;
let reply: QueryThreadReply;
try {
  const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    reply = { ok: true, ...readRows(db, sql, maxRows, deadline) };
  } finally {
    db.close();
  }
} catch (error) {
  reply =
    error instanceof HqlError
      ? { ok: false, hql: { code: error.code, reason: error.reason, details: error.details } }
      : { ok: false, error: { message: (error as Error).message, code: (error as { code?: string }).code } };
}
parentPort!.postMessage(reply);
