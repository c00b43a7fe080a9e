/**
 * Helicone's datasets (`/v1/helicone-dataset`, rest-api-spec DS1–DS3, §4.10): create one (with
 * requests or empty), add logged requests by id or by a Helicone filter, list datasets and their
 * rows, remove rows, delete, and export as JSONL for fine-tuning or as CSV. Every route needs a
 * gateway key when keys exist; every answer but the export is the `{data, error}` envelope.
 */
import { once } from 'node:events';
import { GatewayError } from '../contract/errors.js';
import {
  addRequestsSchema,
  createDatasetSchema,
  exportFormats,
  type ExportFormat,
  listDatasetsSchema,
  mutateDatasetSchema,
  queryRowsSchema,
  removeRequestsSchema,
} from '../datasets/dataset-schemas.js';
import { addRows, DatasetFullError, pageRows, removeRows, requestIdsByFilter, unknownRequests } from '../datasets/dataset-rows.js';
import { createDataset, type Dataset, deleteDataset, getDataset, listDatasets } from '../datasets/dataset-store.js';
import { exportDataset } from '../datasets/export-dataset.js';
import { fineTuneExample } from '../datasets/fine-tune-example.js';
import { isoTime, selectRequestRowsByIds } from '../query/request-rows.js';
import type { Route, RouteContext } from '../server/router.js';
import { type ApiContext, apiRoute, baseUrlOf, readBody, requestIdParam, sendData } from './http.js';

async function existingDataset(ctx: RouteContext): Promise<Dataset> {
  const id = ctx.params.datasetId!;
  const dataset = await getDataset(ctx.gateway.store.sql, id);
  if (!dataset) throw new GatewayError(404, 'not_found', `Dataset not found: ${id}`);
  return dataset;
}

/** Adds logged requests, all or none: an unknown id is a 404 naming it. */
async function addLogged(ctx: ApiContext, datasetId: string, requestIds: string[]): Promise<number> {
  await ctx.gateway.logQueue.flushBeforeRead();
  const unknown = await unknownRequests(ctx.gateway.store.sql, requestIds);
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).join(', ');
    throw new GatewayError(404, 'not_found', `Request${unknown.length > 1 ? 's' : ''} not found: ${shown}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}; nothing was added`);
  }
  try {
    return await addRows(ctx.gateway.store.sql, datasetId, requestIds, Date.now());
  } catch (error) {
    if (error instanceof DatasetFullError) throw new GatewayError(409, 'dataset_full', `${error.message}; nothing was added`);
    throw error;
  }
}

const deleteRoute = apiRoute(async (ctx) => {
  if (!(await deleteDataset(ctx.gateway.store.sql, ctx.params.datasetId!))) throw new GatewayError(404, 'not_found', `Dataset not found: ${ctx.params.datasetId}`);
  sendData(ctx.res, null);
});

function exportFormat(ctx: RouteContext): ExportFormat {
  const format = ctx.query.get('format') ?? 'jsonl';
  if ((exportFormats as readonly string[]).includes(format)) return format as ExportFormat;
  throw new GatewayError(400, 'invalid_request_error', `Invalid "format": must be one of ${exportFormats.join(', ')}`, 'format');
}

export const datasetRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/helicone-dataset',
    handler: apiRoute(async (ctx) => {
      const body = await readBody(ctx, createDatasetSchema);
      const db = ctx.gateway.store.sql;
      // Checked before the dataset exists, so a bad id leaves nothing behind.
      if (body.requestIds?.length) {
        await ctx.gateway.logQueue.flushBeforeRead();
        const unknown = await unknownRequests(db, body.requestIds);
        if (unknown.length > 0) throw new GatewayError(404, 'not_found', `Request not found: ${unknown[0]}; no dataset was created`);
      }
      const id = await createDataset(db, { name: (body.name ?? body.datasetName)!, description: body.description }, Date.now());
      if (body.requestIds?.length) await addLogged(ctx, id, body.requestIds);
      // datasetId is the Helicone source's answer; id the docs'.
      sendData(ctx.res, { ...(await getDataset(db, id))!, datasetId: id });
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/helicone-dataset/query',
    handler: apiRoute(async (ctx) => {
      const query = await readBody(ctx, listDatasetsSchema);
      sendData(ctx.res, await listDatasets(ctx.gateway.store.sql, { ids: query.datasetIds, limit: query.limit, offset: query.offset }));
    }),
  },
  {
    method: 'GET',
    pattern: '/v1/helicone-dataset/:datasetId',
    handler: apiRoute(async (ctx) => sendData(ctx.res, await existingDataset(ctx))),
  },
  { method: 'DELETE', pattern: '/v1/helicone-dataset/:datasetId', handler: deleteRoute },
  // The Helicone source's spelling of delete.
  { method: 'POST', pattern: '/v1/helicone-dataset/:datasetId/delete', handler: deleteRoute },
  {
    method: 'POST',
    pattern: '/v1/helicone-dataset/:datasetId/request/:requestId',
    handler: apiRoute(async (ctx) => {
      const requestId = requestIdParam(ctx);
      const dataset = await existingDataset(ctx);
      await addLogged(ctx, dataset.id, [requestId]);
      sendData(ctx.res, null);
    }),
  },
  {
    method: 'DELETE',
    pattern: '/v1/helicone-dataset/:datasetId/request/:requestId',
    handler: apiRoute(async (ctx) => {
      const requestId = requestIdParam(ctx);
      const dataset = await existingDataset(ctx);
      if ((await removeRows(ctx.gateway.store.sql, dataset.id, [requestId], Date.now())) === 0) {
        throw new GatewayError(404, 'not_found', `Request ${requestId} is not in dataset ${dataset.id}`);
      }
      sendData(ctx.res, null);
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/helicone-dataset/:datasetId/requests',
    handler: apiRoute(async (ctx) => {
      const body = await readBody(ctx, addRequestsSchema);
      const dataset = await existingDataset(ctx);
      let requestIds = body.requestIds;
      if (requestIds === undefined) {
        await ctx.gateway.logQueue.flushBeforeRead();
        requestIds = await requestIdsByFilter(ctx.gateway.store.sql, body.filter, body.limit);
      }
      const added = await addLogged(ctx, dataset.id, requestIds);
      sendData(ctx.res, { matched: requestIds.length, added, requests_count: (await getDataset(ctx.gateway.store.sql, dataset.id))!.requests_count });
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/helicone-dataset/:datasetId/requests/remove',
    handler: apiRoute(async (ctx) => {
      const { requestIds } = await readBody(ctx, removeRequestsSchema);
      const dataset = await existingDataset(ctx);
      sendData(ctx.res, { removed: await removeRows(ctx.gateway.store.sql, dataset.id, requestIds, Date.now()) });
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/helicone-dataset/:datasetId/mutate',
    handler: apiRoute(async (ctx) => {
      const body = await readBody(ctx, mutateDatasetSchema);
      const dataset = await existingDataset(ctx);
      const added = body.addRequests.length > 0 ? await addLogged(ctx, dataset.id, body.addRequests) : 0;
      const removed = await removeRows(ctx.gateway.store.sql, dataset.id, body.removeRequests, Date.now());
      sendData(ctx.res, { added, removed });
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/helicone-dataset/:datasetId/count',
    handler: apiRoute(async (ctx) => sendData(ctx.res, (await existingDataset(ctx)).requests_count)),
  },
  {
    method: 'POST',
    pattern: '/v1/helicone-dataset/:datasetId/query',
    handler: apiRoute(async (ctx) => {
      const page = await readBody(ctx, queryRowsSchema);
      const dataset = await existingDataset(ctx);
      const db = ctx.gateway.store.sql;
      const rows = await pageRows(db, dataset.id, page);
      const baseUrl = baseUrlOf(ctx);
      const requests = new Map(
        (await selectRequestRowsByIds(db, rows.map((row) => row.request_id), { includeBodies: true, bodyUrl: (id) => ctx.gateway.bodyUrls.url(baseUrl, id) })).map((row) => [row.request_id, row]),
      );
      sendData(
        ctx.res,
        rows.map((row) => {
          const request = requests.get(row.request_id) ?? null;
          return {
            id: row.id,
            dataset_id: dataset.id,
            origin_request_id: row.request_id,
            created_at: isoTime(row.created_at),
            signed_url: request?.signed_body_url ?? null,
            // Why the JSONL export leaves this row out, or null when it is a fine-tuning example.
            fine_tune_skip_reason: request ? (fineTuneExample(request.response_status, request.request_body, request.response_body).skipped ?? null) : 'the request is not logged',
            request,
          };
        }),
      );
    }),
  },
  {
    method: 'GET',
    pattern: '/v1/helicone-dataset/:datasetId/export',
    handler: apiRoute(async (ctx) => {
      const format = exportFormat(ctx);
      const dataset = await existingDataset(ctx);
      const { res } = ctx;
      const safeName = dataset.name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100) || 'dataset';
      res.writeHead(200, {
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/jsonl; charset=utf-8',
        'content-disposition': `attachment; filename="${safeName}.${format}"`,
      });
      try {
        // Written page by page, waiting when the client reads slower than the store answers.
        for await (const piece of exportDataset(ctx.gateway.store.sql, dataset.id, format)) {
          if (res.destroyed) return;
          if (!res.write(piece)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
        }
        res.end();
      } catch (error) {
        // The status is sent: cutting the connection is how the client learns the export is incomplete.
        console.error(JSON.stringify({ level: 'error', msg: 'dataset export failed', dataset: dataset.id, error: String((error as Error)?.stack ?? error) }));
        res.destroy();
      }
    }),
  },
];
