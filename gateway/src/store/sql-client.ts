/**
 * The one way queries reach a database: SQL text with `?` placeholders and its parameters, answered
 * asynchronously, plus the dialect that text was written for. SQLite (the embedded default) and
 * PostgreSQL (several instances) each implement it, so the query API, prompts, keys and the
 * response cache are written once.
 */
import type { SqlDialect } from '../query/filter/dialect.js';

export interface SqlClient {
  readonly dialect: SqlDialect;
  all<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  get<T>(text: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement that returns no rows; resolves with how many rows it changed. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Runs `work` in one write transaction on `tx`: all of it or none. Inside, use only `tx` (and no
   * other I/O): on SQLite the transaction holds the file's write lock until `work` ends.
   */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
}
