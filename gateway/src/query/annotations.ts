/**
 * What clients attach to logged requests after the fact: scores (feedback is the score
 * helicone-score-feedback, 1 or 0) and custom properties.
 */
import type Database from 'better-sqlite3';
import { feedbackScoreKey } from './request-rows.js';

export function setScores(db: Database.Database, requestId: string, scores: Record<string, number>, now: number): void {
  const upsert = db.prepare(
    'INSERT INTO request_scores (request_id, key, value, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (request_id, key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at',
  );
  // IMMEDIATE: takes the write lock first, so it waits for the log writer instead of failing.
  db.transaction(() => {
    for (const [key, value] of Object.entries(scores)) upsert.run(requestId, key, value, now);
  }).immediate();
}

export function setFeedback(db: Database.Database, requestId: string, rating: boolean, now: number): void {
  setScores(db, requestId, { [feedbackScoreKey]: rating ? 1 : 0 }, now);
}

/** Adds or overwrites properties of a stored request; a key differing only in case replaces the old one. */
export function setProperties(db: Database.Database, requestId: string, properties: Record<string, string>): void {
  const remove = db.prepare('DELETE FROM request_properties WHERE request_id = ? AND key = ? COLLATE NOCASE');
  const insert = db.prepare('INSERT INTO request_properties (request_id, key, value) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const [key, value] of Object.entries(properties)) {
      remove.run(requestId, key);
      insert.run(requestId, key, value);
    }
  }).immediate(); // see setScores
}

/** Distinct custom property keys (one spelling per key, whatever the case), and the session keys in use. */
export function propertyKeys(db: Database.Database): string[] {
  const keys = db.prepare('SELECT min(key) FROM request_properties GROUP BY key COLLATE NOCASE ORDER BY 1').pluck().all() as string[];
  // Each EXISTS walks the partial session index and stops at the first match.
  const session = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM requests WHERE session_id IS NOT NULL),
              EXISTS (SELECT 1 FROM requests WHERE session_id IS NOT NULL AND session_path IS NOT NULL),
              EXISTS (SELECT 1 FROM requests WHERE session_id IS NOT NULL AND session_name IS NOT NULL)`,
    )
    .raw()
    .get() as number[];
  const builtIn = ['Helicone-Session-Id', 'Helicone-Session-Path', 'Helicone-Session-Name'].filter((_, index) => session[index] === 1);
  return [...builtIn, ...keys];
}
