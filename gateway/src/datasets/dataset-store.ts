/** Datasets themselves: create, read, list, delete; their rows are dataset-rows.ts's. */
import { randomUUID } from 'node:crypto';
import { raw } from '../query/filter/sql.js';
import { isoTime } from '../query/request-rows.js';
import type { SqlClient } from '../store/sql-client.js';

/** Helicone's HeliconeDataset shape, with the description we keep. */
export interface Dataset {
  id: string;
  name: string;
  description: string;
  dataset_type: 'helicone';
  meta: null;
  created_at: string;
  updated_at: string;
  requests_count: number;
}

interface StoredDataset {
  id: string;
  name: string;
  description: string;
  created_at: number;
  updated_at: number;
  requests_count: number;
}

const selectDatasets = `SELECT d.id, d.name, d.description, d.created_at, d.updated_at,
  (SELECT count(*) FROM dataset_rows x WHERE x.dataset_id = d.id) AS requests_count FROM datasets d`;

const toDataset = (row: StoredDataset): Dataset => ({
  id: row.id,
  name: row.name,
  description: row.description,
  dataset_type: 'helicone',
  meta: null,
  created_at: isoTime(row.created_at)!,
  updated_at: isoTime(row.updated_at)!,
  requests_count: Number(row.requests_count),
});

export async function createDataset(db: SqlClient, fields: { name: string; description: string }, now: number): Promise<string> {
  const id = randomUUID();
  await db.run('INSERT INTO datasets (id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)', [id, fields.name, fields.description, now, now]);
  return id;
}

export async function getDataset(db: SqlClient, id: string): Promise<Dataset | undefined> {
  const row = await db.get<StoredDataset>(`${selectDatasets} WHERE d.id = ?`, [id]);
  return row ? toDataset(row) : undefined;
}

/** Newest first; `ids` narrows to those datasets. */
export async function listDatasets(db: SqlClient, page: { ids?: string[]; limit: number; offset: number }): Promise<Dataset[]> {
  const only = page.ids ? db.dialect.inList(raw('d.id'), page.ids) : raw('TRUE');
  const rows = await db.all<StoredDataset>(`${selectDatasets} WHERE ${only.sql} ORDER BY d.created_at DESC, d.id LIMIT ? OFFSET ?`, [...only.params, page.limit, page.offset]);
  return rows.map(toDataset);
}

/** Deletes a dataset and its rows (not the logged requests); false when there was none. */
export function deleteDataset(db: SqlClient, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Explicitly, not by the foreign key's cascade: SQLite enforces foreign keys per connection.
    await tx.run('DELETE FROM dataset_rows WHERE dataset_id = ?', [id]);
    return (await tx.run('DELETE FROM datasets WHERE id = ?', [id])) > 0;
  });
}
