/**
 * Alerts (Helicone's alert rules; the spec names no path, so `/v1/alerts`): list, create, read,
 * replace, delete, the history of fired/resolved events, and evaluate-now. Every route answers
 * `{data, error}` and needs a gateway key when keys exist; bad rules get a 400 naming the field.
 */
import { type AlertRuleConfig, alertRuleSchema, normaliseRule } from '../alerts/alert-rule.js';
import { AlertLimitError } from '../alerts/alert-store.js';
import { GatewayError } from '../contract/errors.js';
import { compileFilter, FilterError } from '../query/filter/index.js';
import type { RouteContext } from '../server/router.js';
import type { Route } from '../server/router.js';
import { destinationProblem } from '../webhooks/destination.js';
import { apiRoute, readBody, sendData } from './http.js';

/** The rule's body, validated: schema, then the filter (compiled once), then the notification URLs. */
async function readRule(ctx: RouteContext): Promise<AlertRuleConfig> {
  const config = normaliseRule(await readBody(ctx, alertRuleSchema));
  try {
    compileFilter(config.filter, { tables: ['request_response_rmt'], pass: 'row' }, ctx.gateway.store.sql.dialect);
  } catch (error) {
    if (error instanceof FilterError) throw new GatewayError(400, 'invalid_request_error', `Invalid "filter": ${error.message}`, 'filter');
    throw error;
  }
  for (const field of ['webhook_url', 'slack_webhook_url'] as const) {
    const url = config[field];
    if (url === null) continue;
    const problem = destinationProblem(url, ctx.gateway.alerts.settings.allowPrivate);
    if (problem) throw new GatewayError(400, 'invalid_request_error', `Invalid "${field}": ${problem.replace('SWITCHYARD_WEBHOOK_ALLOW_PRIVATE', 'SWITCHYARD_ALERT_ALLOW_PRIVATE')}`, field);
  }
  return config;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function alertIdParam(ctx: RouteContext): string {
  const id = ctx.params.alertId ?? '';
  if (!uuidPattern.test(id)) throw new GatewayError(400, 'invalid_request_error', 'Invalid "alertId": must be a valid UUID', 'alertId');
  return id.toLowerCase();
}

function limitParam(ctx: RouteContext): number {
  const raw = ctx.query.get('limit');
  if (raw === null || raw === '') return 100;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new GatewayError(400, 'invalid_request_error', 'Invalid "limit": must be a whole number from 1 to 1000', 'limit');
  return limit;
}

const notFound = () => new GatewayError(404, 'not_found', 'Alert not found');

export const alertRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v1/alerts',
    handler: apiRoute(async (ctx) => sendData(ctx.res, await ctx.gateway.alerts.store.list())),
  },
  {
    method: 'POST',
    pattern: '/v1/alerts',
    handler: apiRoute(async (ctx) => {
      const config = await readRule(ctx);
      try {
        sendData(ctx.res, await ctx.gateway.alerts.store.create(config), 201);
      } catch (error) {
        if (error instanceof AlertLimitError) throw new GatewayError(409, 'invalid_request_error', error.message);
        throw error;
      }
    }),
  },
  {
    // Before /v1/alerts/:alertId: a static segment is not an id.
    method: 'GET',
    pattern: '/v1/alerts/history',
    handler: apiRoute(async (ctx) => sendData(ctx.res, await ctx.gateway.alerts.store.events(undefined, limitParam(ctx)))),
  },
  {
    method: 'POST',
    pattern: '/v1/alerts/evaluate',
    handler: apiRoute(async (ctx) => sendData(ctx.res, { events: await ctx.gateway.alerts.evaluateNow() })),
  },
  {
    method: 'GET',
    pattern: '/v1/alerts/:alertId',
    handler: apiRoute(async (ctx) => {
      const rule = await ctx.gateway.alerts.store.get(alertIdParam(ctx));
      if (!rule) throw notFound();
      sendData(ctx.res, rule);
    }),
  },
  {
    method: 'PUT',
    pattern: '/v1/alerts/:alertId',
    handler: apiRoute(async (ctx) => {
      const id = alertIdParam(ctx);
      const rule = await ctx.gateway.alerts.store.replace(id, await readRule(ctx));
      if (!rule) throw notFound();
      sendData(ctx.res, rule);
    }),
  },
  {
    method: 'DELETE',
    pattern: '/v1/alerts/:alertId',
    handler: apiRoute(async (ctx) => {
      if (!(await ctx.gateway.alerts.store.delete(alertIdParam(ctx)))) throw notFound();
      sendData(ctx.res, null);
    }),
  },
  {
    method: 'GET',
    pattern: '/v1/alerts/:alertId/history',
    handler: apiRoute(async (ctx) => {
      const id = alertIdParam(ctx);
      if (!(await ctx.gateway.alerts.store.get(id))) throw notFound();
      sendData(ctx.res, await ctx.gateway.alerts.store.events(id, limitParam(ctx)));
    }),
  },
];
