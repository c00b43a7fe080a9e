/**
 * E4 (`POST /v1/evals/score-distributions/query`): per score name, how many scores fall in each
 * bin between its lowest and highest value.
 *
 * Bins are half-open, [lower, upper), the last one closed, [lower, upper]: whole-number scores
 * spanning at most ten values get one bin per value ([3, 4) holds the 3s); one value alone is one
 * bin [v, v]; anything else is ten equal-width bins from the lowest score to the highest.
 */
import { type CompiledSql, join, param, raw, sql } from '../query/filter/sql.js';
import type { SqlClient } from '../store/sql-client.js';
import type { EvalQuery } from './eval-schemas.js';
import { scoredRequests } from './scored-requests.js';

export interface ScoreDistribution {
  name: string;
  distribution: Array<{ lower: number; upper: number; value: number }>;
}

export interface ScoreRange {
  min: number;
  max: number;
  /** Whether every score is a whole number. */
  whole: boolean;
}

export interface Bin {
  lower: number;
  upper: number;
  /** The last bin includes its upper bound. */
  closed: boolean;
}

const MAX_BINS = 10;

export function binsFor(range: ScoreRange): Bin[] {
  if (range.min === range.max) return [{ lower: range.min, upper: range.max, closed: true }];
  if (range.whole && range.max - range.min + 1 <= MAX_BINS) {
    const count = range.max - range.min + 1;
    return Array.from({ length: count }, (_, i) => ({ lower: range.min + i, upper: range.min + i + 1, closed: i === count - 1 }));
  }
  const width = (range.max - range.min) / MAX_BINS;
  return Array.from({ length: MAX_BINS }, (_, i) => ({
    lower: range.min + i * width,
    // The last bound is the maximum itself, not a sum that may round below it.
    upper: i === MAX_BINS - 1 ? range.max : range.min + (i + 1) * width,
    closed: i === MAX_BINS - 1,
  }));
}

/** One count per bin, compared in SQL with the same bounds the answer shows. */
function binCounts(bins: Bin[]): CompiledSql {
  return join(
    bins.map((bin, i) => {
      const upper = bin.closed ? sql`s.value <= ${param(bin.upper)}` : sql`s.value < ${param(bin.upper)}`;
      return sql`sum(CASE WHEN s.value >= ${param(bin.lower)} AND ${upper} THEN 1 ELSE 0 END) AS ${raw(`b${i}`)}`;
    }),
    ', ',
  );
}

export async function queryScoreDistributions(db: SqlClient, query: EvalQuery): Promise<ScoreDistribution[]> {
  const scored = scoredRequests(db, query);
  const ranges = await db.all<{ name: string; min: number; max: number; fractional: number }>(
    `SELECT s.key AS name, min(s.value) AS min, max(s.value) AS max, sum(CASE WHEN s.value = round(s.value) THEN 0 ELSE 1 END) AS fractional
     FROM ${scored.from} WHERE ${scored.where.sql} GROUP BY s.key ORDER BY s.key LIMIT ? OFFSET ?`,
    [...scored.where.params, query.limit, query.offset],
  );
  const result: ScoreDistribution[] = [];
  // One query per score name (a page holds at most `limit` of them).
  for (const range of ranges) {
    const bins = binsFor({ min: range.min, max: range.max, whole: range.fractional === 0 });
    const counts = binCounts(bins);
    const row = await db.get<Record<string, number | null>>(`SELECT ${counts.sql} FROM ${scored.from} WHERE ${scored.where.sql} AND s.key = ?`, [
      ...counts.params,
      ...scored.where.params,
      range.name,
    ]);
    result.push({ name: range.name, distribution: bins.map((bin, i) => ({ lower: bin.lower, upper: bin.upper, value: Number(row?.[`b${i}`] ?? 0) })) });
  }
  return result;
}
