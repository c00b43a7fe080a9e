/**
 * What clients attach to logged requests after the fact: scores (feedback is the score
 * helicone-score-feedback, 1 or 0) and custom properties.
 */
import type { SqlClient } from '../store/sql-client.js';
import { raw } from './filter/sql.js';
import { feedbackScoreKey } from './request-rows.js';

export async function setScores(db: SqlClient, requestId: string, scores: Record<string, number>, now: number): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [key, value] of Object.entries(scores)) {
      await tx.run(
        'INSERT INTO request_scores (request_id, key, value, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (request_id, key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at',
        [requestId, key, value, now],
      );
    }
  });
}

export function setFeedback(db: SqlClient, requestId: string, rating: boolean, now: number): Promise<void> {
  return setScores(db, requestId, { [feedbackScoreKey]: rating ? 1 : 0 }, now);
}

/** Adds or overwrites properties of a stored request; a key differing only in case replaces the old one. */
export async function setProperties(db: SqlClient, requestId: string, properties: Record<string, string>): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [key, value] of Object.entries(properties)) {
      const sameKey = tx.dialect.equalsNoCase(raw('key'), key);
      await tx.run(`DELETE FROM request_properties WHERE request_id = ? AND ${sameKey.sql}`, [requestId, ...sameKey.params]);
      await tx.run('INSERT INTO request_properties (request_id, key, value) VALUES (?, ?, ?)', [requestId, key, value]);
    }
  });
}

/** Distinct custom property keys (one spelling per key, whatever the case), and the session keys in use. */
export async function propertyKeys(db: SqlClient): Promise<string[]> {
  const keys = await db.all<{ key: string }>(`SELECT min(key) AS key FROM request_properties GROUP BY ${db.dialect.foldCase(raw('key')).sql} ORDER BY 1`);
  // Each EXISTS walks the partial session index and stops at the first match.
  const session = await db.get<Record<'id' | 'path' | 'name', number | boolean>>(
    `SELECT EXISTS (SELECT 1 FROM requests WHERE session_id IS NOT NULL) AS id,
            EXISTS (SELECT 1 FROM requests WHERE session_id IS NOT NULL AND session_path IS NOT NULL) AS path,
            EXISTS (SELECT 1 FROM requests WHERE session_id IS NOT NULL AND session_name IS NOT NULL) AS name`,
  );
  const builtIn = (['id', 'path', 'name'] as const).filter((column) => Boolean(session?.[column])).map((column) => sessionKeys[column]);
  return [...builtIn, ...keys.map((row) => row.key)];
}

const sessionKeys = { id: 'Helicone-Session-Id', path: 'Helicone-Session-Path', name: 'Helicone-Session-Name' } as const;
