/**
 * A property value on many rows is matched by probing each row newest first (EXISTS); a rarer one
 * by its list of matches (IN). Both give the same page; the density probe tells them apart.
 */
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../gateway/src/query/filter/index.js';
import { propertyDensity } from '../../../gateway/src/query/property-density.js';
import { SqliteStore } from '../../../gateway/src/store/sqlite-store.js';
import { syntheticRequest } from '../../../bench/lib/synthetic-requests.js';

const total = 3_000;
const store = new SqliteStore(':memory:');
const now = Date.parse('2026-11-01T00:00:00Z');
await store.writeBatch(Array.from({ length: total }, (_, i) => syntheticRequest(i, total, now)));

const page = (filter: unknown, dense: boolean) => {
  const where = compileFilter(filter, { tables: ['request_response_rmt'], pass: 'row', isDenseProperty: () => dense });
  const rows = store.db
    .prepare(`SELECT r.request_id FROM requests r WHERE ${where.sql} ORDER BY r.request_created_at DESC, r.request_id DESC LIMIT 100`)
    .pluck()
    .all(...where.params) as string[];
  return { sql: where.sql, rows };
};

describe('property equality, dense or rare', () => {
  // Environment=production is on a quarter of the rows, App=app-7 on one in twenty.
  const common = { request_response_rmt: { properties: { environment: { equals: 'production' } } } };
  const rare = { request_response_rmt: { properties: { App: { equals: 'app-7' } } } };

  it('compiles to EXISTS when dense and IN when not, with the same rows either way', () => {
    for (const filter of [common, rare]) {
      const walked = page(filter, true);
      const looked = page(filter, false);
      expect(walked.sql).toContain('EXISTS (SELECT 1 FROM request_properties p');
      expect(looked.sql).toContain('r.request_id IN (SELECT p.request_id FROM request_properties p');
      expect(walked.rows).toHaveLength(100);
      expect(walked.rows).toEqual(looked.rows);
    }
  });

  it('calls a value dense from 2,000 rows (half a percent of a larger log)', () => {
    const isDense = propertyDensity(store.db);
    expect(isDense('Environment', 'production')).toBe(false); // 750 rows
    expect(isDense('environment', 'staging')).toBe(true); // 2,250 rows, key matched without case
    expect(isDense('Environment', 'nowhere')).toBe(false);
  });
});
