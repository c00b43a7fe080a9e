/**
 * Whether a property value is common enough that a newest-first page is found sooner by walking
 * the newest rows (probing each for the property) than by looking up every row that has it and
 * sorting them. Walking costs about limit / share rows; looking up costs one read per match. The
 * line is drawn at half a percent of the log (at least 2,000 rows), counted in the property
 * index up to that line and no further, so that the probe itself stays cheap.
 */
import type Database from 'better-sqlite3';

const minimumDense = 2_000;

export function propertyDensity(db: Database.Database): (key: string, value: string) => boolean {
  // rowid only grows with inserts: a cheap upper bound of the number of rows.
  const rows = (db.prepare('SELECT max(rowid) FROM requests').pluck().get() as number | null) ?? 0;
  const dense = Math.max(minimumDense, Math.ceil(rows / 200));
  const count = db.prepare('SELECT count(*) FROM (SELECT 1 FROM request_properties WHERE key = ? COLLATE NOCASE AND value = ? LIMIT ?)').pluck();
  // A filter may repeat a pair in many leaves: each is counted once.
  const known = new Map<string, boolean>();
  return (key, value) => {
    const pair = `${key.toLowerCase()}\u0000${value}`;
    let isDense = known.get(pair);
    if (isDense === undefined) known.set(pair, (isDense = (count.get(key, value, dense) as number) >= dense));
    return isDense;
  };
}
