import Database from 'better-sqlite3';

/** A connection to the store's file with the settings every connection to it uses. */
export function openSqlite(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Two connections write (the log writer thread and the rest): wait for the other's transaction.
  db.pragma('busy_timeout = 5000');
  return db;
}
