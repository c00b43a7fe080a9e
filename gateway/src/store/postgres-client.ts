/**
 * SqlClient over a node-postgres pool. The shared SQL is written with `?` placeholders; they
 * become `$1, $2, …` here (once per text). 64-bit integers and numerics come back as numbers,
 * as SQLite gives them, so both stores answer alike.
 */
import pg from 'pg';
import { postgresDialect } from '../query/filter/dialect.js';
import type { SqlClient } from './sql-client.js';

const int8 = 20;
const numeric = 1700;

/** Values that fit a double: epoch milliseconds, counts and sums do. */
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === int8 || oid === numeric) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

const numbered = new Map<string, string>();

/** `?` → `$n`, skipping quoted strings and identifiers (our SQL never uses the `?` JSON operator). */
export function numberPlaceholders(text: string): string {
  let converted = numbered.get(text);
  if (converted !== undefined) return converted;
  let out = '';
  let n = 0;
  let quote: string | undefined;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else out += ch === '?' ? `$${++n}` : ch;
  }
  if (numbered.size > 2000) numbered.clear();
  numbered.set(text, (converted = out));
  return converted;
}

type Queryable = pg.Pool | pg.PoolClient;

class PostgresQueries {
  readonly dialect = postgresDialect;
  constructor(protected readonly target: Queryable) {}

  async all<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    // Text without parameters is sent as written (a `?` in it is not a placeholder).
    return (await this.target.query(params.length === 0 ? text : numberPlaceholders(text), params as unknown[])).rows as T[];
  }

  async get<T>(text: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.all<T>(text, params))[0];
  }

  async run(text: string, params: readonly unknown[] = []): Promise<number> {
    // Without parameters the text may hold several statements (a migration).
    const result = params.length === 0 ? await this.target.query(text) : await this.target.query(numberPlaceholders(text), params as unknown[]);
    return result.rowCount ?? 0;
  }
}

/** Inside a transaction: one pooled connection. */
class PostgresTransaction extends PostgresQueries implements SqlClient {
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return work(this); // already in one
  }
}

export class PostgresClient extends PostgresQueries implements SqlClient {
  readonly pool: pg.Pool;

  constructor(connectionString: string, options: { max?: number; onError?: (error: Error) => void } = {}) {
    const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types, connectionTimeoutMillis: 5_000 });
    super(pool);
    this.pool = pool;
    // An idle connection the server dropped: reported, and the pool makes a new one when needed.
    pool.on('error', (error) => options.onError?.(error));
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const value = await work(new PostgresTransaction(client));
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
