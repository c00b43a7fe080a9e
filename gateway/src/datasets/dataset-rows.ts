/**
 * The rows of a dataset: logged requests, each at most once. Rows read in the order the requests
 * were made (then logged), so a page, a query and an export list them alike.
 */
import { randomUUID } from 'node:crypto';
import { compileFilter, type LeafTable } from '../query/filter/index.js';
import { raw } from '../query/filter/sql.js';
import type { SqlClient } from '../store/sql-client.js';

/** Keeps a dataset, and so its export, a size one answer can carry. */
export const MAX_DATASET_ROWS = 100_000;

export class DatasetFullError extends Error {}

/** The ids among `requestIds` that are not logged. */
export async function unknownRequests(db: SqlClient, requestIds: string[]): Promise<string[]> {
  if (requestIds.length === 0) return [];
  const inIds = db.dialect.inList(raw('request_id'), requestIds);
  const found = new Set((await db.all<{ request_id: string }>(`SELECT request_id FROM requests WHERE ${inIds.sql}`, inIds.params)).map((row) => row.request_id));
  return requestIds.filter((id) => !found.has(id));
}

// The same leaf tables as the request query (api/routes.ts): a dataset is built from rows.
const rowTables: readonly LeafTable[] = ['request_response_rmt', 'request', 'response', 'feedback', 'properties', 'values'];

/** The newest `limit` logged requests the filter picks (a FilterError names a bad node). */
export async function requestIdsByFilter(db: SqlClient, filter: unknown, limit: number): Promise<string[]> {
  const where = compileFilter(filter, { tables: rowTables, pass: 'row' }, db.dialect);
  const rows = await db.all<{ request_id: string }>(
    `SELECT r.request_id FROM requests r WHERE ${where.sql} ORDER BY r.request_created_at DESC, r.request_id DESC LIMIT ?`,
    [...where.params, limit],
  );
  return rows.map((row) => row.request_id);
}

/** Adds logged requests (the caller checked they are); returns how many were not in the dataset yet. */
export function addRows(db: SqlClient, datasetId: string, requestIds: string[], now: number): Promise<number> {
  return db.transaction(async (tx) => {
    let added = 0;
    for (const requestId of new Set(requestIds)) {
      added += await tx.run('INSERT INTO dataset_rows (id, dataset_id, request_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (dataset_id, request_id) DO NOTHING', [
        randomUUID(),
        datasetId,
        requestId,
        now,
      ]);
    }
    // Checked after the inserts, in the same transaction: the count includes rows added concurrently.
    const total = await tx.get<{ n: number }>('SELECT count(*) AS n FROM dataset_rows WHERE dataset_id = ?', [datasetId]);
    if (Number(total?.n ?? 0) > MAX_DATASET_ROWS) throw new DatasetFullError(`A dataset holds at most ${MAX_DATASET_ROWS} requests`);
    if (added > 0) await tx.run('UPDATE datasets SET updated_at = ? WHERE id = ?', [now, datasetId]);
    return added;
  });
}

/** Removes requests from the dataset; returns how many were in it. */
export async function removeRows(db: SqlClient, datasetId: string, requestIds: string[], now: number): Promise<number> {
  if (requestIds.length === 0) return 0;
  return db.transaction(async (tx) => {
    const inIds = tx.dialect.inList(raw('request_id'), requestIds);
    const removed = await tx.run(`DELETE FROM dataset_rows WHERE dataset_id = ? AND ${inIds.sql}`, [datasetId, ...inIds.params]);
    if (removed > 0) await tx.run('UPDATE datasets SET updated_at = ? WHERE id = ?', [now, datasetId]);
    return removed;
  });
}

export interface DatasetRowRef {
  id: string;
  request_id: string;
  created_at: number;
  request_created_at: number;
  /** The request's insertion order: orders requests made in the same millisecond as they were logged. */
  seq: number;
}

const selectRows = (db: SqlClient) => `SELECT d.id, d.request_id, d.created_at, r.request_created_at, r.${db.dialect.insertionOrder} AS seq
  FROM dataset_rows d JOIN requests r ON r.request_id = d.request_id WHERE d.dataset_id = ?`;
const order = (db: SqlClient) => `ORDER BY r.request_created_at, r.${db.dialect.insertionOrder}`;

/** One page of rows, by offset (the query API's paging). */
export function pageRows(db: SqlClient, datasetId: string, page: { limit: number; offset: number }): Promise<DatasetRowRef[]> {
  return db.all<DatasetRowRef>(`${selectRows(db)} ${order(db)} LIMIT ? OFFSET ?`, [datasetId, page.limit, page.offset]);
}

/** The rows after `after` (a row of the previous page), for reading a whole dataset in pages. */
export function rowsAfter(db: SqlClient, datasetId: string, after: DatasetRowRef | undefined, limit: number): Promise<DatasetRowRef[]> {
  if (!after) return pageRows(db, datasetId, { limit, offset: 0 });
  const seq = `r.${db.dialect.insertionOrder}`;
  return db.all<DatasetRowRef>(
    `${selectRows(db)} AND (r.request_created_at > ? OR (r.request_created_at = ? AND ${seq} > ?)) ${order(db)} LIMIT ?`,
    [datasetId, after.request_created_at, after.request_created_at, after.seq, limit],
  );
}
