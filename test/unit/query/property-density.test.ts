/**
 * A property value on many rows is matched by probing each row newest first (EXISTS); a rarer one
 * by its list of matches (IN). Both give the same page; the density probe tells them apart. Run
 * against both stores, which must give the same pages and the same verdicts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFilter } from '../../../gateway/src/query/filter/index.js';
import { propertyDensity } from '../../../gateway/src/query/property-density.js';
import type { Store } from '../../../gateway/src/store/store.js';
import { syntheticRequest } from '../../../bench/lib/synthetic-requests.js';
import { openTestStore, storeKinds, type TestStore } from '../../helpers/stores.js';

const total = 3_000;
const now = Date.parse('2026-11-01T00:00:00Z');

describe.each(storeKinds)('property equality, dense or rare (%s)', (kind) => {
  let opened: TestStore;
  let store: Store;
  beforeAll(async () => {
    opened = await openTestStore(kind);
    store = opened.store;
    await store.writeBatch(Array.from({ length: total }, (_, i) => syntheticRequest(i, total, now)));
    // The density probe sizes the log by the planner's row estimate, which PostgreSQL only has
    // once the table is analysed (autovacuum would do it later; the test cannot wait for it).
    if (kind === 'postgres') await store.sql.run('ANALYZE requests');
  });
  afterAll(() => opened.close());

  const page = async (filter: unknown, dense: boolean) => {
    const where = compileFilter(filter, { tables: ['request_response_rmt'], pass: 'row', isDenseProperty: () => dense }, store.sql.dialect);
    const rows = await store.sql.all<{ request_id: string }>(
      `SELECT r.request_id FROM requests r WHERE ${where.sql} ORDER BY r.request_created_at DESC, r.request_id DESC LIMIT 100`,
      where.params,
    );
    return { sql: where.sql, rows: rows.map((row) => row.request_id) };
  };

  // Environment=production is on a quarter of the rows, App=app-7 on one in twenty.
  const common = { request_response_rmt: { properties: { environment: { equals: 'production' } } } };
  const rare = { request_response_rmt: { properties: { App: { equals: 'app-7' } } } };

  it('compiles to EXISTS when dense and IN when not, with the same rows either way', async () => {
    for (const filter of [common, rare]) {
      const walked = await page(filter, true);
      const looked = await page(filter, false);
      expect(walked.sql).toContain('EXISTS (SELECT 1 FROM request_properties p');
      expect(looked.sql).toContain('r.request_id IN (SELECT p.request_id FROM request_properties p');
      expect(walked.rows).toHaveLength(100);
      expect(walked.rows).toEqual(looked.rows);
    }
  });

  it("the row estimate the probe starts from counts this store's requests", async () => {
    const estimate = await store.sql.get<{ n: number }>(store.sql.dialect.requestCountEstimate);
    expect(estimate?.n).toBe(total);
  });

  it('calls a value dense from 2,000 rows (half a percent of a larger log)', async () => {
    const pairs = [
      ['Environment', 'production'],
      ['environment', 'staging'],
      ['Environment', 'nowhere'],
    ] as const;
    const isDense = await propertyDensity(store.sql, pairs);
    expect(isDense('Environment', 'production')).toBe(false); // 750 rows
    expect(isDense('environment', 'staging')).toBe(true); // 2,250 rows, key matched without case
    expect(isDense('ENVIRONMENT', 'staging')).toBe(true);
    expect(isDense('Environment', 'nowhere')).toBe(false);
  });
});
