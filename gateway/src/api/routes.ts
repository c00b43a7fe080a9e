/**
 * Helicone's query API over the log (rest-api-spec §1), and ours beside it: the session trace and
 * grouped metrics. Every route answers `{data, error}` and needs a gateway key when keys exist.
 */
import type { z } from 'zod';
import { GatewayError } from '../contract/errors.js';
import {
  feedbackSchema,
  legacyFeedbackSchema,
  metricsQuerySchema,
  propertiesFromUpdate,
  propertyUpdateSchema,
  requestIdsQuerySchema,
  requestQuerySchema,
  scoresSchema,
  sessionMetricsQuerySchema,
  sessionQuerySchema,
  userMetricsQuerySchema,
  userQuerySchema,
} from '../contract/query-api.js';
import { readManualLog } from '../manual-log/index.js';
import { parseJsonBody, readRequestBody } from '../pipeline/read-request-body.js';
import { propertyKeys, setFeedback, setProperties, setScores } from '../query/annotations.js';
import { compileFilter, compileRequestSort, type CompileOptions } from '../query/filter/index.js';
import { queryMetrics } from '../query/metrics.js';
import { compileWithDensity } from '../query/property-density.js';
import { type RowOptions, selectRequestRows, selectRequestRowsByIds } from '../query/request-rows.js';
import { sessionTrace } from '../query/session-trace.js';
import { querySessionMetrics, querySessions, setSessionFeedback } from '../query/sessions.js';
import { queryUserMetrics, queryUserTotals } from '../query/users.js';
import type { Gateway } from '../server/gateway.js';
import type { SqlClient } from '../store/sql-client.js';
import type { Route, RouteContext } from '../server/router.js';
import { type ApiContext, apiRoute, baseUrlOf, readBody, requestIdParam, sendData } from './http.js';
import { promptApiRoutes } from './prompt-routes.js';

// Session leaves apply to session totals, which request queries do not compute: they are refused.
const requestTables: CompileOptions['tables'] = ['request_response_rmt', 'request', 'response', 'feedback', 'properties', 'values'];

function rowOptions(ctx: RouteContext, includeBodies: boolean): RowOptions {
  // Links point back at the address the client used.
  const baseUrl = baseUrlOf(ctx);
  return { includeBodies, bodyUrl: (requestId) => ctx.gateway.bodyUrls.url(baseUrl, requestId) };
}

/** The bodies of one request, as a signed_body_url serves them. */
async function sendBodies(ctx: RouteContext): Promise<void> {
  const requestId = requestIdParam(ctx);
  if ((await requestState(ctx.gateway, requestId)) !== 'stored') throw notFound(requestId);
  const [row] = await selectRequestRowsByIds(ctx.gateway.store.sql, [requestId], rowOptions(ctx, true));
  sendData(ctx.res, { request: row!.request_body, response: row!.response_body });
}

const authenticatedBodies = apiRoute(sendBodies);

/** R1 and R2: one filtered, sorted page of requests. */
function queryRequests(topLevelPropertiesMatchNothing: boolean) {
  return apiRoute(async (ctx) => {
    const query = await readBody(ctx, requestQuerySchema);
    const db = ctx.gateway.store.sql;
    const orderBy = compileRequestSort(query.sort, db.dialect);
    await ctx.gateway.logQueue.flushBeforeRead();
    const options = { tables: requestTables, pass: 'row', topLevelPropertiesMatchNothing } as const;
    // Newest first (the default), a common property value is found faster by walking recent rows.
    const newestFirst = orderBy.sql.startsWith('r.request_created_at DESC');
    const filter = newestFirst
      ? await compileWithDensity(db, (isDenseProperty) => compileFilter(query.filter, { ...options, isDenseProperty }, db.dialect))
      : compileFilter(query.filter, options, db.dialect);
    const where = { sql: filter.sql, params: [...filter.params] };
    if (query.isCached !== undefined) where.sql += ` AND r.cache_hit = ${query.isCached ? 1 : 0}`;
    if (query.isScored !== undefined) where.sql += ` AND ${query.isScored ? '' : 'NOT '}EXISTS (SELECT 1 FROM request_scores s WHERE s.request_id = r.request_id)`;
    const rows = await selectRequestRows(db, { where, orderBy, limit: query.limit, offset: query.offset }, rowOptions(ctx, true));
    sendData(ctx.res, rows);
  });
}

/** A query route: a validated body, the queued log written first, then the answer. */
function queryRoute<S extends z.ZodType>(schema: S, run: (db: SqlClient, query: z.output<S>) => Promise<unknown>) {
  return apiRoute(async (ctx) => {
    const query = await readBody(ctx, schema);
    await ctx.gateway.logQueue.flushBeforeRead();
    sendData(ctx.res, await run(ctx.gateway.store.sql, query));
  });
}

type RequestState = 'stored' | 'in-flight' | 'unknown';

/** Whether a request id is logged (writing what is queued first) or still being served. */
export async function requestState(gateway: Gateway, requestId: string): Promise<RequestState> {
  if (gateway.inFlightIds.has(requestId)) return 'in-flight';
  if (gateway.logQueue.hasPending(requestId)) await gateway.logQueue.flushBeforeRead();
  return (await gateway.store.hasRequest(requestId)) ? 'stored' : 'unknown';
}

export const notFound = (requestId: string) => new GatewayError(404, 'not_found', `Request not found: ${requestId}`);

async function scoreRequest(ctx: ApiContext, requestId: string, scores: Record<string, number>): Promise<void> {
  // A score may come while the request is still being served (a predefined Helicone-Request-Id).
  if ((await requestState(ctx.gateway, requestId)) === 'unknown') throw notFound(requestId);
  await setScores(ctx.gateway.store.sql, requestId, scores, Date.now());
}

const manualLog = apiRoute(async (ctx) => {
  // Manual logs fill the same queue as proxied requests, and wait the same way when it is full.
  const room = ctx.gateway.logQueue.waitForRoom();
  if (room) await room;
  const body = parseJsonBody(await readRequestBody(ctx.req, ctx.gateway.config.maxBodyBytes));
  const { record, posthog } = readManualLog(body, ctx.req.headersDistinct, ctx.req.rawHeaders, { path: ctx.path, now: Date.now() });
  record.gatewayKeyId = ctx.keyId ?? null;
  if (ctx.gateway.inFlightIds.has(record.requestId) || ctx.gateway.logQueue.hasPending(record.requestId) || (await ctx.gateway.store.hasRequest(record.requestId))) {
    throw new GatewayError(409, 'duplicate_request_id', `Request ${record.requestId} is already logged; send a new Helicone-Request-Id`);
  }
  ctx.gateway.logQueue.enqueue(record);
  if (posthog) ctx.gateway.exports.posthog.capture(record, posthog);
  sendData(ctx.res, { requestId: record.requestId });
});

export const queryApiRoutes: Route[] = [
  { method: 'POST', pattern: '/v1/request/query', handler: queryRequests(false) },
  { method: 'POST', pattern: '/v1/request/query-clickhouse', handler: queryRequests(true) },
  {
    method: 'POST',
    pattern: '/v1/request/query-ids',
    handler: apiRoute(async (ctx) => {
      const { requestIds } = await readBody(ctx, requestIdsQuerySchema);
      await ctx.gateway.logQueue.flushBeforeRead();
      sendData(ctx.res, await selectRequestRowsByIds(ctx.gateway.store.sql, requestIds.map((id) => id.toLowerCase()), rowOptions(ctx, true)));
    }),
  },
  {
    method: 'GET',
    pattern: '/v1/request/:requestId',
    handler: apiRoute(async (ctx) => {
      const requestId = requestIdParam(ctx);
      if ((await requestState(ctx.gateway, requestId)) !== 'stored') throw notFound(requestId);
      const includeBody = ctx.query.get('includeBody') === 'true';
      sendData(ctx.res, (await selectRequestRowsByIds(ctx.gateway.store.sql, [requestId], rowOptions(ctx, includeBody)))[0]);
    }),
  },
  {
    // Where signed_body_url points: with a valid signature no key is needed, as with Helicone's.
    method: 'GET',
    pattern: '/v1/request/:requestId/body',
    handler: (ctx) => {
      const signed = ctx.gateway.bodyUrls.verify(ctx.params.requestId!.toLowerCase(), ctx.query.get('expires'), ctx.query.get('signature'));
      return signed ? apiRoute(sendBodies, { authenticated: false })(ctx) : authenticatedBodies(ctx);
    },
  },
  {
    method: 'POST',
    pattern: '/v1/request/:requestId/feedback',
    handler: apiRoute(async (ctx) => {
      const requestId = requestIdParam(ctx);
      const { rating } = await readBody(ctx, feedbackSchema);
      if ((await requestState(ctx.gateway, requestId)) === 'unknown') throw notFound(requestId);
      await setFeedback(ctx.gateway.store.sql, requestId, rating, Date.now());
      sendData(ctx.res, null);
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/request/:requestId/score',
    handler: apiRoute(async (ctx) => {
      const requestId = requestIdParam(ctx);
      const { scores } = await readBody(ctx, scoresSchema);
      await scoreRequest(ctx, requestId, Object.fromEntries(Object.entries(scores).map(([key, value]) => [key, typeof value === 'boolean' ? Number(value) : value])));
      sendData(ctx.res, null, 201);
    }),
  },
  {
    method: 'PUT',
    pattern: '/v1/request/:requestId/property',
    handler: apiRoute(async (ctx) => {
      const requestId = requestIdParam(ctx);
      const body = await readBody(ctx, propertyUpdateSchema);
      const properties = propertiesFromUpdate(body);
      const state = await requestState(ctx.gateway, requestId);
      if (state === 'in-flight') throw new GatewayError(409, 'request_in_progress', `Request ${requestId} is still being served; set its properties once it has answered`);
      if (state === 'unknown') throw notFound(requestId);
      await setProperties(ctx.gateway.store.sql, requestId, properties);
      sendData(ctx.res, null);
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/feedback',
    handler: apiRoute(async (ctx) => {
      const body = await readBody(ctx, legacyFeedbackSchema);
      const requestId = requestIdParam({ ...ctx, params: { requestId: body['helicone-id'] } });
      if ((await requestState(ctx.gateway, requestId)) === 'unknown') throw notFound(requestId);
      await setFeedback(ctx.gateway.store.sql, requestId, body.rating, Date.now());
      sendData(ctx.res, null);
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/session/query',
    handler: queryRoute(sessionQuerySchema, querySessions),
  },
  {
    method: 'POST',
    pattern: '/v1/session/metrics/query',
    handler: queryRoute(sessionMetricsQuerySchema, querySessionMetrics),
  },
  {
    method: 'POST',
    pattern: '/v1/session/:sessionId/feedback',
    handler: apiRoute(async (ctx) => {
      const { rating } = await readBody(ctx, feedbackSchema);
      await ctx.gateway.logQueue.flushBeforeRead();
      if (!(await setSessionFeedback(ctx.gateway.store.sql, ctx.params.sessionId!, rating))) {
        throw new GatewayError(404, 'not_found', `Session not found: ${ctx.params.sessionId}`);
      }
      sendData(ctx.res, null);
    }),
  },
  {
    method: 'GET',
    pattern: '/v1/session/:sessionId/trace',
    handler: apiRoute(async (ctx) => {
      await ctx.gateway.logQueue.flushBeforeRead();
      const trace = await sessionTrace(ctx.gateway.store.sql, ctx.params.sessionId!);
      if (!trace) throw new GatewayError(404, 'not_found', `Session not found: ${ctx.params.sessionId}`);
      sendData(ctx.res, trace);
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/user/query',
    handler: queryRoute(userQuerySchema, queryUserTotals),
  },
  {
    method: 'POST',
    pattern: '/v1/user/metrics/query',
    handler: queryRoute(userMetricsQuerySchema, queryUserMetrics),
  },
  {
    method: 'POST',
    pattern: '/v1/property/query',
    handler: apiRoute(async (ctx) => {
      await ctx.gateway.logQueue.flushBeforeRead();
      sendData(ctx.res, (await propertyKeys(ctx.gateway.store.sql)).map((property) => ({ property })));
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/metrics/query',
    handler: queryRoute(metricsQuerySchema, queryMetrics),
  },
  // Helicone's manual logger picks the path by provider; Jawn's trace paths take the same body.
  ...['/custom/v1/log', '/oai/v1/log', '/anthropic/v1/log', '/googleapis/v1/log', '/v1/trace/custom/log', '/v1/trace/custom/v1/log'].map((pattern): Route => ({ method: 'POST', pattern, handler: manualLog })),
  ...promptApiRoutes,
];
