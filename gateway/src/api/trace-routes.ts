/**
 * POST /v1/trace/log (rest-api-spec T1): OpenTelemetry traces (OTLP/JSON, OpenLLMetry's
 * attributes) logged as requests, through the same queue as proxied requests and manual logs
 * (and waiting the same way when it is full). Every span is read before any is queued, so a bad
 * body logs nothing. Answers 200 (Helicone's server does; its docs say 204) with the new request
 * ids, so a caller can find its rows.
 */
import { parseJsonBody, readRequestBody } from '../pipeline/read-request-body.js';
import type { Route } from '../server/router.js';
import { parseOtelTrace } from '../exports/trace-schema.js';
import { traceToRecords } from '../exports/trace-to-records.js';
import { apiRoute, sendData } from './http.js';

const traceLog = apiRoute(async (ctx) => {
  const room = ctx.gateway.logQueue.waitForRoom();
  if (room) await room;
  const body = parseJsonBody(await readRequestBody(ctx.req, ctx.gateway.config.maxBodyBytes));
  const { records, skipped } = traceToRecords(parseOtelTrace(body));
  for (const record of records) {
    record.gatewayKeyId = ctx.keyId ?? null;
    ctx.gateway.logQueue.enqueue(record);
  }
  sendData(ctx.res, { requestIds: records.map((record) => record.requestId), skippedSpans: skipped });
});

export const traceRoutes: Route[] = [{ method: 'POST', pattern: '/v1/trace/log', handler: traceLog }];
