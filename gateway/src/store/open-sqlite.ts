import Database from 'better-sqlite3';

/**
 * A connection to the store's file with the settings every connection to it uses. The log
 * writer's connection (`writer`) skips foreign-key lookups, since it writes each request before
 * the rows that point to it in the same transaction, keeps more pages in memory for its index
 * inserts, and checkpoints less often.
 */
export function openSqlite(path: string, { writer = false } = {}): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`foreign_keys = ${writer ? 'OFF' : 'ON'}`);
  if (writer) {
    db.pragma('cache_size = -8000');
    // Checkpoint every ~40 MB of log rather than every 4 MB: a page the inserts keep touching (an
    // index's) is copied back to the database file once per checkpoint, not once per few batches.
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma('journal_size_limit = 67108864');
  }
  // Two connections write (the log writer thread and the rest): wait for the other's transaction.
  db.pragma('busy_timeout = 5000');
  return db;
}
