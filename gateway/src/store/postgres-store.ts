/**
 * The shared store: PostgreSQL, for several gateway instances behind a load balancer. Same tables
 * and answers as the SQLite store; log batches go straight from the event loop (the driver's I/O
 * is asynchronous, so no writer thread is needed).
 */
import type { LogRecord } from '../log/log-record.js';
import { PostgresClient } from './postgres-client.js';
import { postgresMigrations } from './postgres-migrations.js';
import { writePostgresBatch } from './postgres-writer.js';
import { Store } from './store.js';
import { redactUrl } from '../redact-url.js';

/** Any number, the same in every instance: one instance migrates while the others wait. */
const migrationLock = 7_406_275_221;

export class PostgresStore extends Store {
  readonly kind = 'postgres';

  private constructor(readonly sql: PostgresClient) {
    super();
  }

  /** Connects, and applies the migrations the database has not seen yet. */
  static async open(url: string, options: { poolSize?: number } = {}): Promise<PostgresStore> {
    const sql = new PostgresClient(url, {
      max: options.poolSize,
      onError: (error) => console.error(JSON.stringify({ level: 'warn', msg: 'PostgreSQL connection lost; it will be reopened when needed', error: error.message })),
    });
    try {
      await migrate(sql);
    } catch (error) {
      await sql.close();
      throw new Error(`cannot open the PostgreSQL store at ${redactUrl(url)}: ${(error as Error).message}`);
    }
    return new PostgresStore(sql);
  }

  writeBatch(records: LogRecord[]): Promise<void> {
    return writePostgresBatch(this.sql, records);
  }

  async schemaVersion(): Promise<number> {
    return (await this.sql.get<{ version: number }>('SELECT max(version) AS version FROM switchyard_schema'))?.version ?? 0;
  }

  close(): Promise<void> {
    return this.sql.close();
  }
}

async function migrate(sql: PostgresClient): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.get('SELECT pg_advisory_xact_lock(?)', [migrationLock]);
    await tx.run('CREATE TABLE IF NOT EXISTS switchyard_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const current = (await tx.get<{ version: number | null }>('SELECT max(version) AS version FROM switchyard_schema'))?.version ?? 0;
    for (const migration of postgresMigrations) {
      if (migration.version <= current) continue;
      await tx.run(migration.sql);
      await tx.run('INSERT INTO switchyard_schema (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, Date.now()]);
    }
  });
}
