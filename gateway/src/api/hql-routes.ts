/**
 * Helicone's HQL API (`/v1/helicone-sql`, rest-api-spec §1 H1–H7 and §4.8): read-only SQL over
 * request_response_rmt, its schema, a CSV download behind a signed link, and saved queries.
 * Every route needs a gateway key when keys exist, except a download link with a valid signature.
 */
import { GatewayError } from '../contract/errors.js';
import { toCsv } from '../hql/csv.js';
import { checkHql, executeHql } from '../hql/execute.js';
import { HqlError } from '../hql/hql-error.js';
import { defaultLimits, type HqlLimits } from '../hql/result.js';
import { maxNameLength, SavedQueries } from '../hql/saved-queries.js';
import { viewColumns, viewName } from '../hql/view.js';
import { parseJsonBody, readRequestBody } from '../pipeline/read-request-body.js';
import type { Route, RouteContext } from '../server/router.js';
import { type ApiContext, apiRoute, baseUrlOf, sendData } from './http.js';

const positive = (text: string | undefined, fallback: number) => (text && /^[1-9]\d*$/.test(text) ? Number(text) : fallback);

/** The defaults, or SWITCHYARD_HQL_MAX_ROWS and SWITCHYARD_HQL_TIMEOUT_MS when set. */
function limitsOf(ctx: RouteContext): HqlLimits {
  const env = ctx.gateway.config.env;
  return { maxRows: positive(env.SWITCHYARD_HQL_MAX_ROWS, defaultLimits.maxRows), timeoutMs: positive(env.SWITCHYARD_HQL_TIMEOUT_MS, defaultLimits.timeoutMs) };
}

/** An API route whose HQL errors answer with their own status and `[HQL_…]` message. */
function hqlRoute(handler: (ctx: ApiContext) => Promise<void>, options: { authenticated?: boolean } = {}) {
  return apiRoute(async (ctx) => {
    try {
      await handler(ctx);
    } catch (error) {
      throw error instanceof HqlError ? error.toGatewayError() : error;
    }
  }, options);
}

async function readObject(ctx: RouteContext): Promise<Record<string, unknown>> {
  const body = parseJsonBody(await readRequestBody(ctx.req, ctx.gateway.config.maxBodyBytes));
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new GatewayError(400, 'invalid_request_error', 'The body must be a JSON object');
  return body as Record<string, unknown>;
}

/** The logged requests still queued are written first, so a query sees every answered request. */
async function run(ctx: RouteContext, sql: unknown) {
  await ctx.gateway.logQueue.flushBeforeRead();
  return executeHql(ctx.gateway.store, sql, limitsOf(ctx));
}

const saved = (ctx: RouteContext) => new SavedQueries(ctx.gateway.store.sql);

/** A saved query's `{name, sql}`: both present, the name shorter than 255, the SQL one HQL accepts. */
async function readSavedQuery(ctx: RouteContext): Promise<{ name: string; sql: string }> {
  const { name, sql } = await readObject(ctx);
  if (typeof name !== 'string' || name.trim() === '') throw new HqlError('MISSING_QUERY_NAME', 'A saved query needs a name');
  if (name.length > maxNameLength) throw new HqlError('QUERY_NAME_TOO_LONG', 'The name is too long', `${name.length} characters; at most ${maxNameLength}`);
  await checkHql(ctx.gateway.store, sql);
  return { name, sql: sql as string };
}

const notFound = (id: string) => new HqlError('QUERY_NOT_FOUND', 'No saved query with this id', id);

const downloadSubject = (sql: string) => `hql-csv:${sql}`;

/** Runs the SQL of a download link and answers the rows as a CSV file. */
async function sendCsv(ctx: ApiContext, sql: string): Promise<void> {
  const { columns, rows } = await run(ctx, sql);
  const text = toCsv(columns, rows);
  ctx.res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': 'attachment; filename="hql-results.csv"',
    'content-length': Buffer.byteLength(text),
  });
  ctx.res.end(text);
}

function downloadSql(ctx: RouteContext): string {
  const encoded = ctx.query.get('sql');
  if (!encoded) throw new GatewayError(400, 'invalid_request_error', 'Missing sql: use the URL POST /v1/helicone-sql/download answers');
  return Buffer.from(encoded, 'base64url').toString('utf8');
}

const signedDownload = hqlRoute(async (ctx) => sendCsv(ctx, downloadSql(ctx)), { authenticated: false });
const authenticatedDownload = hqlRoute(async (ctx) => sendCsv(ctx, downloadSql(ctx)));

export const hqlRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/helicone-sql/execute',
    handler: hqlRoute(async (ctx) => {
      const { sql } = await readObject(ctx);
      const started = performance.now();
      const { rows } = await run(ctx, sql);
      const elapsedMilliseconds = Math.round(performance.now() - started);
      sendData(ctx.res, { rows, elapsedMilliseconds, size: Buffer.byteLength(JSON.stringify(rows)), rowCount: rows.length });
    }),
  },
  {
    method: 'GET',
    pattern: '/v1/helicone-sql/schema',
    handler: hqlRoute(async (ctx) => {
      sendData(ctx.res, [{ table_name: viewName, columns: viewColumns.map(({ name, type, comment }) => ({ name, type, comment })) }]);
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/helicone-sql/download',
    handler: hqlRoute(async (ctx) => {
      const { sql } = await readObject(ctx);
      // Run now, so a query that fails is answered here rather than by the link.
      await run(ctx, sql);
      const text = sql as string;
      const url = `${baseUrlOf(ctx)}/v1/helicone-sql/download?sql=${Buffer.from(text).toString('base64url')}&${ctx.gateway.bodyUrls.query(downloadSubject(text))}`;
      sendData(ctx.res, url);
    }),
  },
  {
    // Where a download link points: the query runs again when the link is followed (within the hour it is valid).
    method: 'GET',
    pattern: '/v1/helicone-sql/download',
    handler: (ctx) => {
      const encoded = ctx.query.get('sql');
      const signed = encoded !== null && ctx.gateway.bodyUrls.verify(downloadSubject(Buffer.from(encoded, 'base64url').toString('utf8')), ctx.query.get('expires'), ctx.query.get('signature'));
      return signed ? signedDownload(ctx) : authenticatedDownload(ctx);
    },
  },
  {
    method: 'GET',
    pattern: '/v1/helicone-sql/saved-queries',
    handler: hqlRoute(async (ctx) => sendData(ctx.res, await saved(ctx).list())),
  },
  {
    method: 'POST',
    pattern: '/v1/helicone-sql/saved-query',
    handler: hqlRoute(async (ctx) => {
      const { name, sql } = await readSavedQuery(ctx);
      sendData(ctx.res, [await saved(ctx).create(name, sql)], 201);
    }),
  },
  {
    method: 'GET',
    pattern: '/v1/helicone-sql/saved-query/:queryId',
    handler: hqlRoute(async (ctx) => {
      const query = await saved(ctx).get(ctx.params.queryId!);
      if (!query) throw notFound(ctx.params.queryId!);
      sendData(ctx.res, query);
    }),
  },
  {
    method: 'PUT',
    pattern: '/v1/helicone-sql/saved-query/:queryId',
    handler: hqlRoute(async (ctx) => {
      const { name, sql } = await readSavedQuery(ctx);
      const query = await saved(ctx).update(ctx.params.queryId!, name, sql);
      if (!query) throw notFound(ctx.params.queryId!);
      sendData(ctx.res, query);
    }),
  },
  {
    method: 'DELETE',
    pattern: '/v1/helicone-sql/saved-query/:queryId',
    handler: hqlRoute(async (ctx) => {
      if (!(await saved(ctx).delete(ctx.params.queryId!))) throw notFound(ctx.params.queryId!);
      ctx.res.writeHead(204).end();
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/helicone-sql/saved-queries/bulk-delete',
    handler: hqlRoute(async (ctx) => {
      const { ids } = await readObject(ctx);
      if (!Array.isArray(ids) || ids.length > 1000 || !ids.every((id) => typeof id === 'string')) {
        throw new GatewayError(400, 'invalid_request_error', 'ids must be an array of at most 1000 saved query ids (strings)');
      }
      await saved(ctx).deleteMany(ids as string[]);
      sendData(ctx.res, null);
    }),
  },
];
