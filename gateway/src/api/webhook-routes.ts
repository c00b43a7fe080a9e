/**
 * Helicone's webhook API (rest-api-spec W1–W3, §4.4): list, create (the server makes the
 * `hmac_key`), delete. Every route answers `{data, error}` and needs a gateway key when keys exist.
 */
import { GatewayError } from '../contract/errors.js';
import type { Route } from '../server/router.js';
import { destinationProblem } from '../webhooks/destination.js';
import { normaliseConfig, webhookDataSchema } from '../webhooks/webhook-config.js';
import { WebhookLimitError } from '../webhooks/webhook-store.js';
import { apiRoute, readBody, sendData } from './http.js';

export const webhookRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v1/webhooks',
    handler: apiRoute(async (ctx) => sendData(ctx.res, await ctx.gateway.webhooks.store.list())),
  },
  {
    method: 'POST',
    pattern: '/v1/webhooks',
    handler: apiRoute(async (ctx) => {
      const data = await readBody(ctx, webhookDataSchema);
      const problem = destinationProblem(data.destination, ctx.gateway.webhooks.settings.allowPrivate);
      if (problem) throw new GatewayError(400, 'invalid_request_error', `Invalid "destination": ${problem}`, 'destination');
      const config = normaliseConfig(data);
      try {
        const created = await ctx.gateway.webhooks.store.create(data.destination, config);
        ctx.gateway.webhooks.invalidate();
        sendData(ctx.res, created);
      } catch (error) {
        if (error instanceof WebhookLimitError) throw new GatewayError(409, 'invalid_request_error', error.message);
        throw error;
      }
    }),
  },
  {
    method: 'DELETE',
    pattern: '/v1/webhooks/:webhookId',
    handler: apiRoute(async (ctx) => {
      const deleted = await ctx.gateway.webhooks.store.delete(ctx.params.webhookId!);
      ctx.gateway.webhooks.invalidate();
      if (!deleted) throw new GatewayError(404, 'not_found', 'Webhook not found');
      sendData(ctx.res, null);
    }),
  },
];
