/**
 * Saved HQL queries (Helicone's HqlSavedQuery), kept in the store's hql_saved_queries table. A
 * Switchyard is one organization: organization_id is always "default".
 */
import { randomUUID } from 'node:crypto';
import type { SqlClient } from '../store/sql-client.js';
import { HqlError } from './hql-error.js';

export interface HqlSavedQuery {
  id: string;
  organization_id: string;
  name: string;
  sql: string;
  created_at: string;
  updated_at: string;
}

interface Row {
  id: string;
  name: string;
  sql: string;
  created_at: number;
  updated_at: number;
}

export const organizationId = 'default';
/** Helicone refuses names of 255 characters or more. */
export const maxNameLength = 254;

const shape = (row: Row): HqlSavedQuery => ({
  id: row.id,
  organization_id: organizationId,
  name: row.name,
  sql: row.sql,
  created_at: new Date(row.created_at).toISOString(),
  updated_at: new Date(row.updated_at).toISOString(),
});

const columns = 'id, name, sql, created_at, updated_at';

/** A unique-name violation, from either database. */
const isDuplicateName = (error: unknown) => {
  const code = String((error as { code?: unknown })?.code ?? '');
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
};

async function guardName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isDuplicateName(error)) throw new HqlError('QUERY_NAME_EXISTS', 'A saved query with this name exists', name);
    throw error;
  }
}

export class SavedQueries {
  constructor(private readonly sql: SqlClient) {}

  async list(): Promise<HqlSavedQuery[]> {
    return (await this.sql.all<Row>(`SELECT ${columns} FROM hql_saved_queries ORDER BY created_at DESC, id`)).map(shape);
  }

  async get(id: string): Promise<HqlSavedQuery | undefined> {
    const row = await this.sql.get<Row>(`SELECT ${columns} FROM hql_saved_queries WHERE id = ?`, [id]);
    return row && shape(row);
  }

  async create(name: string, sql: string, now = Date.now()): Promise<HqlSavedQuery> {
    const row: Row = { id: randomUUID(), name, sql, created_at: now, updated_at: now };
    await guardName(name, () => this.sql.run(`INSERT INTO hql_saved_queries (${columns}) VALUES (?, ?, ?, ?, ?)`, [row.id, name, sql, now, now]));
    return shape(row);
  }

  /** The updated query, or undefined when there is none with this id. */
  async update(id: string, name: string, sql: string, now = Date.now()): Promise<HqlSavedQuery | undefined> {
    const changed = await guardName(name, () => this.sql.run('UPDATE hql_saved_queries SET name = ?, sql = ?, updated_at = ? WHERE id = ?', [name, sql, now, id]));
    return changed > 0 ? this.get(id) : undefined;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM hql_saved_queries WHERE id = ?', [id])) > 0;
  }

  async deleteMany(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return this.sql.run(`DELETE FROM hql_saved_queries WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
  }
}
