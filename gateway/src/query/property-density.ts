/**
 * Whether a property value is common enough that a newest-first page is found sooner by walking
 * the newest rows (probing each for the property) than by looking up every row that has it and
 * sorting them. Walking costs about limit / share rows; looking up costs one read per match. The
 * line is drawn at half a percent of the log (at least 2,000 rows), counted in the property
 * index up to that line and no further, so that the probe itself stays cheap.
 *
 * Filters compile synchronously, so the counts are taken between two compilations: the first
 * notes every (key, value) pair the filter compares for equality.
 */
import type { SqlClient } from '../store/sql-client.js';
import type { CompiledSql } from './filter/sql.js';

type IsDense = (key: string, value: string) => boolean;

/** Compiles with each compared property pair marked dense or rare (compiling once more only when there are pairs). */
export async function compileWithDensity(db: SqlClient, compile: (isDenseProperty: IsDense) => CompiledSql): Promise<CompiledSql> {
  const pairs: Array<[string, string]> = [];
  const first = compile((key, value) => {
    pairs.push([key, value]);
    return false;
  });
  return pairs.length === 0 ? first : compile(await propertyDensity(db, pairs));
}

const minimumDense = 2_000;

/** The (key, value) pairs of `pairs` common enough to walk, as a lookup for the filter compiler. */
export async function propertyDensity(db: SqlClient, pairs: ReadonlyArray<readonly [string, string]>): Promise<IsDense> {
  const dense = new Set<string>();
  if (pairs.length > 0) {
    const rows = (await db.get<{ n: number | null }>(db.dialect.requestCountEstimate))?.n ?? 0;
    const line = Math.max(minimumDense, Math.ceil(rows / 200));
    // A filter may repeat a pair in many leaves: each is counted once.
    for (const pair of new Map(pairs.map(([key, value]) => [pairKey(key, value), [key, value] as const])).values()) {
      const samePair = db.dialect.propertyPairEstimate(pair[0], pair[1]);
      const count = await db.get<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM request_properties WHERE ${samePair.sql} LIMIT ?) matches`, [
        ...samePair.params,
        line,
      ]);
      if ((count?.n ?? 0) >= line) dense.add(pairKey(...pair));
    }
  }
  return (key, value) => dense.has(pairKey(key, value));
}

const pairKey = (key: string, value: string): string => `${key.toLowerCase()}\u0000${value}`;
