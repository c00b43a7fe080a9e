/**
 * HQL on the SQLite store. A file store: the query runs in a thread of its own on a read-only
 * connection, and at the time limit the gateway answers HQL_QUERY_TIMEOUT and ends the thread
 * (the thread also stops itself between rows; a single step SQLite is still inside finishes
 * first, off the event loop). An in-memory store (tests, demos) has one connection: the query runs
 * on it, read-only statements only, stopping between rows at the deadline.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SqliteStore } from '../store/sqlite-store.js';
import { HqlError } from './hql-error.js';
import type { HqlLimits, HqlRows } from './result.js';
import type { QueryThreadData, QueryThreadReply } from './sqlite-query-thread.js';
import { asHqlError, readRows, timeout } from './sqlite-rows.js';

// Run from TypeScript sources (tests, tsx), the thread registers tsx first to load its .ts entry.
const fromSource = import.meta.url.endsWith('.ts');
const entry = new URL(`./sqlite-query-thread.${fromSource ? 'ts' : 'js'}`, import.meta.url);

function startThread(workerData: QueryThreadData): Worker {
  if (!fromSource) return new Worker(fileURLToPath(entry), { workerData });
  const tsx = new URL('dist/esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'))).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export async function runSqlite(store: SqliteStore, sql: string, limits: HqlLimits): Promise<HqlRows> {
  const deadline = Date.now() + limits.timeoutMs;
  if (store.path === ':memory:') return readRows(store.db, sql, limits.maxRows, deadline);
  const worker = startThread({ path: store.path, sql, maxRows: limits.maxRows, deadline });
  try {
    const reply = await new Promise<QueryThreadReply>((resolve, reject) => {
      const timer = setTimeout(() => reject(timeout()), limits.timeoutMs);
      worker.once('message', (message: QueryThreadReply) => {
        clearTimeout(timer);
        resolve(message);
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    if (reply.ok) return { columns: reply.columns, rows: reply.rows };
    if (reply.hql) throw new HqlError(reply.hql.code, reply.hql.reason, reply.hql.details);
    throw asHqlError(Object.assign(new Error(reply.error!.message), { code: reply.error!.code }));
  } finally {
    // A thread still inside a step must not keep the process alive; it is ended either way.
    worker.unref();
    void worker.terminate();
  }
}
