/**
 * SqlClient over a better-sqlite3 connection. Statements run synchronously and are prepared once
 * per SQL text; the promises only give the async shape both stores share.
 */
import type Database from 'better-sqlite3';
import { sqliteDialect } from '../query/filter/dialect.js';
import type { SqlClient } from './sql-client.js';

/** Prepared statements kept per connection; filter SQL varies, so the cache starts over when full. */
const maxStatements = 500;

export class SqliteClient implements SqlClient {
  readonly dialect = sqliteDialect;
  private readonly statements = new Map<string, Database.Statement>();
  /** Transactions one after another: a second BEGIN on the same connection would fail. */
  private lastTransaction: Promise<unknown> = Promise.resolve();

  constructor(readonly db: Database.Database) {}

  private statement(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      if (this.statements.size >= maxStatements) this.statements.clear();
      this.statements.set(text, (statement = this.db.prepare(text)));
    }
    return statement;
  }

  async all<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.statement(text).all(...params) as T[];
  }

  async get<T>(text: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return this.statement(text).get(...params) as T | undefined;
  }

  async run(text: string, params: readonly unknown[] = []): Promise<number> {
    return this.statement(text).run(...params).changes;
  }

  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    const result = this.lastTransaction.then(async () => {
      // IMMEDIATE takes the write lock first, so a transaction that reads before it writes waits
      // for the log writer thread instead of failing with "database is locked".
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const value = await work(this);
        this.db.exec('COMMIT');
        return value;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
    this.lastTransaction = result.catch(() => undefined);
    return result;
  }
}
