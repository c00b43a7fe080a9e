/**
 * E3 (`POST /v1/evals/query`): per score name, the average, minimum, maximum and count of the
 * scores on the requests the filter and time window pick, with the count and average per day.
 */
import { raw } from '../query/filter/sql.js';
import { isoTime } from '../query/request-rows.js';
import type { SqlClient } from '../store/sql-client.js';
import type { EvalQuery } from './eval-schemas.js';
import { scoredRequests } from './scored-requests.js';

export interface Eval {
  name: string;
  averageScore: number;
  minScore: number;
  maxScore: number;
  count: number;
  overTime: Array<{ date: string; count: number }>;
  averageOverTime: Array<{ date: string; value: number }>;
}

const dayMs = 86_400_000;

/**
 * Days are cut after adding timeZoneDifference minutes to UTC, as the session query shifts its
 * times; `date` is that day's start, read in the shifted clock (like the sessions' created_at).
 */
export async function queryEvals(db: SqlClient, query: EvalQuery): Promise<Eval[]> {
  const scored = scoredRequests(db, query);
  const totals = await db.all<{ name: string; average: number; min: number; max: number; count: number }>(
    `SELECT s.key AS name, avg(s.value) AS average, min(s.value) AS min, max(s.value) AS max, count(*) AS count
     FROM ${scored.from} WHERE ${scored.where.sql} GROUP BY s.key ORDER BY s.key LIMIT ? OFFSET ?`,
    [...scored.where.params, query.limit, query.offset],
  );
  if (totals.length === 0) return [];
  // A whole number of milliseconds, written into the text so both stores divide integers (a bound
  // parameter would be a REAL in SQLite); the schema bounds it to ±1440 minutes.
  const shiftMs = Math.round(query.timeZoneDifference * 60) * 1000;
  const names = db.dialect.inList(raw('s.key'), totals.map((row) => row.name));
  const days = await db.all<{ name: string; day: number; count: number; average: number }>(
    `SELECT s.key AS name, (r.request_created_at + ${shiftMs}) / ${dayMs} AS day, count(*) AS count, avg(s.value) AS average
     FROM ${scored.from} WHERE ${scored.where.sql} AND ${names.sql} GROUP BY 1, 2 ORDER BY 1, 2`,
    [...scored.where.params, ...names.params],
  );
  return totals.map((row) => {
    const perDay = days.filter((day) => day.name === row.name);
    return {
      name: row.name,
      averageScore: row.average,
      minScore: row.min,
      maxScore: row.max,
      count: row.count,
      overTime: perDay.map((day) => ({ date: isoTime(day.day * dayMs)!, count: day.count })),
      averageOverTime: perDay.map((day) => ({ date: isoTime(day.day * dayMs)!, value: day.average })),
    };
  });
}
