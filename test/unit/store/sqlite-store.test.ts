/**
 * What only the SQLite store does: its file (and folder), WAL, and migrations tracked in
 * user_version. Batches, the cache and keys are tested on both stores in store.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../gateway/src/store/migrations.js';
import { SqliteStore } from '../../../gateway/src/store/sqlite-store.js';
import { logRecord as record } from './log-record.js';

const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-store-'));
  dirs.push(dir);
  return join(dir, 'nested', 'switchyard.db');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SqliteStore', () => {
  it('creates the file and its folder, applies every migration once, and reopens without reapplying', async () => {
    const path = tempDb();
    const store = new SqliteStore(path);
    expect(store.schemaVersion).toBe(migrations[migrations.length - 1]!.version);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    await store.close();
    const reopened = new SqliteStore(path);
    expect(reopened.schemaVersion).toBe(migrations[migrations.length - 1]!.version);
    await reopened.close();
  });

  it('upgrades a file made by an older version, applying only the migrations it lacks', async () => {
    const path = tempDb();
    mkdirSync(dirname(path), { recursive: true });
    const old = new Database(path);
    old.exec(migrations[0]!.sql);
    old.pragma(`user_version = ${migrations[0]!.version}`);
    old.close();
    const store = new SqliteStore(path);
    expect(store.schemaVersion).toBe(migrations[migrations.length - 1]!.version);
    await store.writeBatch([record('r1')]);
    expect(await store.hasRequest('r1')).toBe(true);
    await store.close();
  });

  it('keeps written batches in the file across reopening', async () => {
    const path = tempDb();
    const store = new SqliteStore(path);
    await store.writeBatch([record('r1'), record('r2', { requestBody: null })]);
    await store.close();
    const reopened = new SqliteStore(path);
    expect(await reopened.hasRequest('r1')).toBe(true);
    expect(reopened.db.prepare('SELECT COUNT(*) FROM requests').pluck().get()).toBe(2);
    expect(reopened.db.prepare('SELECT COUNT(*) FROM request_bodies').pluck().get()).toBe(1);
    await reopened.close();
  });
});
