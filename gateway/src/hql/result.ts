/** What a query gives back, and the limits it runs under (README, "SQL over the logs"). */
export interface HqlRows {
  columns: string[];
  rows: Array<Record<string, unknown>>;
}

export interface HqlLimits {
  /** More rows than this is HQL_ROW_LIMIT_EXCEEDED: the query should aggregate or say LIMIT. */
  maxRows: number;
  timeoutMs: number;
}

export const defaultLimits: HqlLimits = { maxRows: 100_000, timeoutMs: 30_000 };

/** Blobs (SQLite) and bytea (PostgreSQL) as hex text, so rows are plain JSON. */
export function plainValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (typeof value === 'bigint') return Number(value);
  return value;
}
