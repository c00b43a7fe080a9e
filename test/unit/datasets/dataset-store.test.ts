/**
 * Datasets over both stores: the same SQL creates, fills (by id and by filter), pages, exports in
 * the order the requests were made (ties by the order they were logged), trims and deletes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addRows, pageRows, removeRows, requestIdsByFilter, unknownRequests } from '../../../gateway/src/datasets/dataset-rows.js';
import { createDataset, deleteDataset, getDataset, listDatasets } from '../../../gateway/src/datasets/dataset-store.js';
import { exportDataset } from '../../../gateway/src/datasets/export-dataset.js';
import type { SqlClient } from '../../../gateway/src/store/sql-client.js';
import { openTestStore, storeKinds, type TestStore } from '../../helpers/stores.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A logged chat request: the user text, the answer, its time and status. */
async function logRequest(db: SqlClient, n: number, at: number, model: string, status = 200): Promise<void> {
  await db.run('INSERT INTO requests (request_id, request_created_at, status, request_path, model) VALUES (?, ?, ?, ?, ?)', [id(n), at, status, '/v1/chat/completions', model]);
  await db.run('INSERT INTO request_bodies (request_id, request_body, response_body) VALUES (?, ?, ?)', [
    id(n),
    JSON.stringify({ model, messages: [{ role: 'user', content: `q${n}` }] }),
    JSON.stringify({ choices: [{ message: { role: 'assistant', content: `a${n}` } }] }),
  ]);
}

async function text(pieces: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const piece of pieces) out += piece;
  return out;
}

describe.each(storeKinds)('datasets (%s)', (kind) => {
  let opened: TestStore;
  let db: SqlClient;
  beforeEach(async () => {
    opened = await openTestStore(kind);
    db = opened.store.sql;
    // Request 3 is logged before 1 and 2 but made at the same millisecond as 2.
    await logRequest(db, 3, 2000, 'b');
    await logRequest(db, 1, 1000, 'a');
    await logRequest(db, 2, 2000, 'a');
    await logRequest(db, 4, 3000, 'a', 500);
  });
  afterEach(() => opened.close());

  it('adds, pages, exports, removes and deletes', async () => {
    const datasetId = await createDataset(db, { name: 'd', description: '' }, 10);
    expect(await unknownRequests(db, [id(1), id(9)])).toEqual([id(9)]);
    expect(await addRows(db, datasetId, [id(4), id(2), id(1), id(3), id(2)], 20)).toBe(4);
    expect(await addRows(db, datasetId, [id(1)], 30)).toBe(0);
    expect(await getDataset(db, datasetId)).toMatchObject({ requests_count: 4, updated_at: new Date(20).toISOString() });
    expect((await pageRows(db, datasetId, { limit: 10, offset: 0 })).map((row) => row.request_id)).toEqual([id(1), id(3), id(2), id(4)]);
    expect((await pageRows(db, datasetId, { limit: 2, offset: 1 })).map((row) => row.request_id)).toEqual([id(3), id(2)]);

    const lines = (await text(exportDataset(db, datasetId, 'jsonl'))).trimEnd().split('\n').map((line) => JSON.parse(line));
    // Request 4 failed: no example.
    expect(lines).toEqual([1, 3, 2].map((n) => ({ messages: [{ role: 'user', content: `q${n}` }, { role: 'assistant', content: `a${n}` }] })));
    const csv = (await text(exportDataset(db, datasetId, 'csv'))).trimEnd().split('\r\n');
    expect(csv).toHaveLength(5);
    expect(csv[4]).toBe(`${id(4)},1970-01-01T00:00:03.000Z,a,,,,q4,a4`);

    expect(await removeRows(db, datasetId, [id(3), id(9)], 40)).toBe(1);
    expect((await listDatasets(db, { limit: 10, offset: 0 }))[0]).toMatchObject({ id: datasetId, requests_count: 3 });
    expect(await deleteDataset(db, datasetId)).toBe(true);
    expect(await deleteDataset(db, datasetId)).toBe(false);
    expect(await db.get<{ n: number }>('SELECT count(*) AS n FROM dataset_rows')).toEqual({ n: 0 });
  });

  it('picks requests by a Helicone filter, newest first up to the limit', async () => {
    const filter = { request_response_rmt: { model: { equals: 'a' } } };
    expect(await requestIdsByFilter(db, filter, 10)).toEqual([id(4), id(2), id(1)]);
    expect(await requestIdsByFilter(db, filter, 1)).toEqual([id(4)]);
  });
});
