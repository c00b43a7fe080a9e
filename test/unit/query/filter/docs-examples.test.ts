/** The documented request-filter examples of rest-api-spec §2.5 (1–13), verbatim, against the seeded rows of both stores. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../../gateway/src/store/store.js';
import { storeKinds, type TestStore } from '../../../helpers/stores.js';
import { ALL_IDS, R1, R2, rowIds, seededStore } from './fixtures.js';

describe.each(storeKinds)('documented filters (%s)', (kind) => {
  let opened: TestStore;
  let store: Store;
  beforeAll(async () => {
    opened = await seededStore(kind);
    store = opened.store;
  });
  afterAll(() => opened.close());

  /** Parses a documented request body and returns the rows its filter selects. */
  const run = (body: string, options = R1): Promise<string[]> => rowIds(store, (JSON.parse(body) as { filter: unknown }).filter, options);

  describe('rest-api-spec §2.5 worked examples', () => {
    it('1. legacy request.user_id AND request.model contains', async () => {
      const body = `{ "filter": { "operator": "and",
      "right": { "request": { "model": { "contains": "gpt-4" } } },
      "left":  { "request": { "user_id": { "equals": "abc@email.com" } } } } }`;
      expect(await run(body)).toEqual(['r1', 'r2', 'r5']);
    });

    it('2. getting-user-requests: one and two legacy filters', async () => {
      expect(await run(`{"filter": {"request": {"user_id": {"equals": "abc@email.com"}}}}`)).toEqual(['r1', 'r2', 'r5']);
      expect(
        await run(
          `{"filter": {"operator": "and", "right": {"request": {"model": {"contains": "gpt-4o-mini"}}}, "left": {"request": {"user_id": {"equals": "abc@email.com"}}}}}`,
        ),
      ).toEqual(['r2']);
    });

    it('3. getting-sessions: top-level properties Helicone-Session-Id on /v1/request/query', async () => {
      const body = `{"filter": { "properties": { "Helicone-Session-Id": { "equals": "s-1" } } }}`;
      expect(await run(body)).toEqual(['r1', 'r3']);
      // The same leaf on /query-clickhouse matches nothing (documented).
      expect(await run(body, R2)).toEqual([]);
    });

    it('4. query-clickhouse: the wrong (top-level) and right (wrapped) property filter', async () => {
      const wrong = `{ "filter": { "properties": { "ticket-id": { "equals": "T-100" } } } }`;
      const right = `{ "filter": { "request_response_rmt": { "properties": { "ticket-id": { "equals": "T-100" } } } } }`;
      expect(await run(wrong, R2)).toEqual([]);
      expect(await run(right, R2)).toEqual(['r3']);
      // On /v1/request/query the top-level form works.
      expect(await run(wrong, R1)).toEqual(['r3']);
    });

    it('5. simple leaf: model contains (case-insensitive)', async () => {
      expect(await run(`{"filter": {"request_response_rmt": {"model": {"contains": "gpt-4"}}}}`, R2)).toEqual(['r1', 'r2', 'r4', 'r5']);
    });

    it('6. complex: model contains AND user_id equals', async () => {
      const body = `{ "filter": { "left": { "request_response_rmt": { "model": { "contains": "gpt-4" } } },
                "operator": "and",
                "right": { "request_response_rmt": { "user_id": { "equals": "abc@email.com" } } } } }`;
      expect(await run(body, R2)).toEqual(['r1', 'r2', 'r5']);
    });

    it('7. match all', async () => {
      expect(await run(`{"filter": "all"}`, R2)).toEqual(ALL_IDS);
    });

    it('8. single date bound (inclusive)', async () => {
      expect(await run(`{"filter": {"request_response_rmt": {"request_created_at": {"gte": "2024-01-01T00:00:00Z"}}}}`, R2)).toEqual([
        'r1',
        'r2',
        'r3',
        'r5',
        'r6',
      ]);
    });

    it('9. date range as two leaves, both bounds inclusive', async () => {
      const body = `{ "filter": { "left":  { "request_response_rmt": { "request_created_at": { "gte": "2024-01-01T00:00:00Z" } } },
                "operator": "and",
                "right": { "request_response_rmt": { "request_created_at": { "lte": "2024-12-31T23:59:59Z" } } } } }`;
      // r3 is exactly 2024-12-31T23:59:59Z; r4 is one second before the range, r5 one second after.
      expect(await run(body, R2)).toEqual(['r1', 'r2', 'r3', 'r6']);
    });

    it('10. property, alone and combined with a model filter', async () => {
      const property = `{"filter": {"request_response_rmt": {"properties": {"environment": {"equals": "production"}}}}}`;
      // r2 stores the key as "Environment": keys match case-insensitively.
      expect(await run(property, R2)).toEqual(['r1', 'r2', 'r4']);
      const combined = `{"filter": {"left": {"request_response_rmt":{"model":{"equals":"gpt-4"}}}, "operator": "and",
        "right": {"request_response_rmt": {"properties": {"environment": {"equals": "production"}}}}}}`;
      expect(await run(combined, R2)).toEqual(['r1']);
    });

    it('11. nested date range plus property', async () => {
      const body = `{ "filter": { "left": { "left":  { "request_response_rmt": { "request_created_at": { "gte": "2024-08-01T00:00:00Z" } } },
                          "operator": "and",
                          "right": { "request_response_rmt": { "request_created_at": { "lte": "2024-08-31T23:59:59Z" } } } },
                "operator": "and",
                "right": { "request_response_rmt": { "properties": { "appname": { "equals": "LlamaCoder" } } } } },
    "limit": 100, "offset": 0 }`;
      expect(await run(body, R2)).toEqual(['r2']);
    });

    it('12. ETL bodies', async () => {
      expect(await run(`{"filter": "all", "limit": 1000, "offset": 0}`, R2)).toEqual(ALL_IDS);
      expect(
        await run(`{"filter": {"request_response_rmt": {"properties": {"environment": {"equals": "production"}}}}, "limit": 1000, "offset": 0}`, R2),
      ).toEqual(['r1', 'r2', 'r4']);
      const dated = `{"filter": {"left": {"request_response_rmt": {"request_created_at": {"gte": "2024-01-01T00:00:00Z"}}}, "operator": "and",
        "right": {"request_response_rmt": {"properties": {"appname": {"equals": "MyApp"}}}}}, "limit": 1000, "offset": 0}`;
      // r4 also has appname MyApp but is from 2023.
      expect(await run(dated, R2)).toEqual(['r5']);
    });

    it('13. custom properties', async () => {
      expect(await run(`{"filter":{"request_response_rmt":{"properties":{"Environment":{"equals":"production"}}}},"limit":100}`, R2)).toEqual([
        'r1',
        'r2',
        'r4',
      ]);
      const two = `{"filter":{"left":{"request_response_rmt":{"properties":{"Environment":{"equals":"production"}}}},"operator":"and",
        "right":{"request_response_rmt":{"properties":{"App":{"equals":"mobile"}}}}},"limit":100}`;
      expect(await run(two, R2)).toEqual(['r2']);
      const dated = `{"filter":{"left":{"request_response_rmt":{"request_created_at":{"gte":"2024-01-01T00:00:00Z"}}},"operator":"and",
        "right":{"request_response_rmt":{"properties":{"Conversation":{"equals":"support_issue_2"}}}}},"limit":100}`;
      expect(await run(dated, R2)).toEqual(['r3']);
    });
  });
});
