/**
 * What every query-API route shares: authentication, JSON bodies validated by a schema, and
 * Helicone's `{data, error}` envelope, with 4xx statuses for the client's mistakes.
 */
import type { ServerResponse } from 'node:http';
import type { z } from 'zod';
import { GatewayError } from '../contract/errors.js';
import { bodyValidationError } from '../contract/validation-error.js';
import { authenticate } from '../pipeline/authenticate.js';
import { parseJsonBody, readRequestBody } from '../pipeline/read-request-body.js';
import { FilterError } from '../query/filter/index.js';
import { isStoreDataError, isStoreUnavailable } from '../store/store-errors.js';
import { sendError, sendJson } from '../server/respond.js';
import type { Handler, RouteContext } from '../server/router.js';

export interface ApiContext extends RouteContext {
  keyId?: string;
}

export function sendData(res: ServerResponse, data: unknown, status = 200): void {
  sendJson(res, status, { data, error: null });
}

/** Wraps a handler: authenticates (unless the route proved access another way), and answers any failure in the envelope. */
export function apiRoute(handler: (ctx: ApiContext) => Promise<void> | void, options: { authenticated?: boolean } = {}): Handler {
  return async (ctx) => {
    try {
      const { keyId } = options.authenticated === false ? { keyId: undefined } : await authenticate(ctx.req, ctx.gateway.keys);
      await handler({ ...ctx, keyId });
    } catch (error) {
      if (error instanceof GatewayError) return sendError(ctx.res, error, {}, 'envelope');
      if (error instanceof FilterError) return sendError(ctx.res, new GatewayError(400, 'invalid_filter', error.message), {}, 'envelope');
      if (isStoreUnavailable(error)) {
        console.error(JSON.stringify({ level: 'error', msg: 'query API: the store is unavailable', path: ctx.path, error: (error as Error).message }));
        return sendError(ctx.res, new GatewayError(503, 'store_unavailable', 'The log store is unavailable right now; requests are still served and their logs are held. Try again shortly.'), {}, 'envelope');
      }
      if (isStoreDataError(error)) {
        // A value the query compares that its column cannot take (PostgreSQL is stricter than SQLite).
        return sendError(ctx.res, new GatewayError(400, 'invalid_request_error', `A value in the query does not fit its column: ${(error as Error).message}`), {}, 'envelope');
      }
      console.error(JSON.stringify({ level: 'error', msg: 'query API failed', path: ctx.path, error: String((error as Error)?.stack ?? error) }));
      sendError(ctx.res, new GatewayError(500, 'internal_error', 'The query failed; see the gateway log'), {}, 'envelope');
    }
  };
}

/** Reads the JSON body and validates it; a 400 names the field. */
export async function readBody<S extends z.ZodType>(ctx: RouteContext, schema: S): Promise<z.output<S>> {
  const text = await readRequestBody(ctx.req, ctx.gateway.config.maxBodyBytes);
  const body = text.trim() === '' ? {} : parseJsonBody(text);
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw bodyValidationError(body, result.error);
}

/** The address the client used to reach the gateway, for links back to it. */
export function baseUrlOf(ctx: RouteContext): string {
  return `http://${ctx.req.headers.host ?? `${ctx.gateway.config.host}:${ctx.gateway.config.port}`}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request id path parameter; Helicone's ids are UUIDs. */
export function requestIdParam(ctx: RouteContext): string {
  const id = ctx.params.requestId ?? '';
  if (!uuidPattern.test(id)) throw new GatewayError(400, 'invalid_request_error', 'Invalid requestId: must be a valid UUID');
  return id.toLowerCase();
}
