/**
 * The HTTP server: a small route table over node:http, the loopback rule, and a graceful stop
 * that lets requests finish, then writes every queued log record before the store closes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayError } from '../contract/errors.js';
import { isLoopbackAddress, isLoopbackHost } from '../config.js';
import { chatDialect } from '../pipeline/chat-dialect.js';
import { modelRequestHandler } from '../pipeline/model-request.js';
import { handleCountTokens } from '../messages-api/count-tokens.js';
import { messagesErrorBody } from '../messages-api/error-body.js';
import { messagesDialect } from '../messages-api/messages-dialect.js';
import { responsesDialect } from '../responses-api/responses-dialect.js';
import { listModels } from '../registry/registry.js';
import type { Gateway } from './gateway.js';
import { type ErrorShape, sendError, sendJson } from './respond.js';
import { type Route, Router } from './router.js';
import { pathAndQuery } from './request-target.js';
import { queryApiRoutes } from '../api/routes.js';
import { dashboardRoutes } from '../dashboard/dashboard-routes.js';
import { webhookRoutes } from '../api/webhook-routes.js';
import { hqlRoutes } from '../api/hql-routes.js';
import { traceRoutes } from '../api/trace-routes.js';
import { datasetRoutes } from '../api/dataset-routes.js';
import { evalRoutes } from '../api/eval-routes.js';
import { alertRoutes } from '../api/alert-routes.js';

// The model list only changes with the registry file: serialised once.
const modelsBody = JSON.stringify({ object: 'list', data: listModels() });

const handleChatCompletions = modelRequestHandler(chatDialect);
const handleResponses = modelRequestHandler(responsesDialect);

/** The gateway's own routes (the query API and dashboard included; /mcp is mounted by the CLI). */
export const baseRoutes: Route[] = [
  { method: 'GET', pattern: '/healthz', public: true, handler: ({ res }) => sendJson(res, 200, { status: 'ok' }) },
  // Open like Helicone's: the list is public registry data.
  { method: 'GET', pattern: '/v1/models', public: true, handler: ({ res }) => sendJson(res, 200, modelsBody) },
  { method: 'GET', pattern: '/models', public: true, handler: ({ res }) => sendJson(res, 200, modelsBody) },
  { method: 'POST', pattern: '/v1/chat/completions', handler: handleChatCompletions },
  { method: 'POST', pattern: '/chat/completions', handler: handleChatCompletions },
  { method: 'POST', pattern: '/v1/responses', handler: handleResponses },
  { method: 'POST', pattern: '/responses', handler: handleResponses },
  { method: 'POST', pattern: '/v1/messages', handler: modelRequestHandler(messagesDialect) },
  { method: 'POST', pattern: '/v1/messages/count_tokens', handler: handleCountTokens },
  ...queryApiRoutes,
  ...hqlRoutes,
  ...traceRoutes,
  ...webhookRoutes,
  ...evalRoutes,
  ...datasetRoutes,
  ...alertRoutes,
  ...dashboardRoutes,
];

/** OpenAI-compatible paths answer errors in OpenAI's shape; everything else in Helicone's envelope. */
const openAIPath = /^(\/v1)?\/(chat|completions|models|embeddings|responses)(\/|\?|$)/;
/** Anthropic's Messages paths answer in Anthropic's error shape, so its SDK raises the right error. */
const messagesPath = /^\/v1\/messages(\/|\?|$)/;

function errorShapeOf(url: string): ErrorShape {
  if (messagesPath.test(url)) return messagesErrorBody;
  return openAIPath.test(url) ? 'openai' : 'envelope';
}

async function dispatch(router: Router, req: IncomingMessage, res: ServerResponse, gateway: Gateway): Promise<void> {
  const { path, query } = pathAndQuery(req.url ?? '/');
  const match = router.match(req.method ?? 'GET', path);
  if (!match) throw new GatewayError(404, 'not_found', `No route for ${req.method} ${path}; see the README for the API`);
  if ('allowed' in match) {
    res.setHeader('allow', match.allowed.join(', '));
    throw new GatewayError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}; use ${match.allowed.join(' or ')}`);
  }
  // Without gateway keys, only this machine may use the gateway.
  if (!match.route.public && !gateway.keys.required && !isLoopbackAddress(req.socket.remoteAddress)) {
    throw new GatewayError(403, 'loopback_only', 'This gateway has no API keys, so it only serves requests from this machine; create a key with `switchyard keys create`');
  }
  await match.route.handler({ req, res, gateway, path, params: match.params, query });
}

export interface RunningServer {
  server: Server;
  url: string;
  /** Stops accepting, waits for requests in flight (up to `graceMs`), flushes logs, closes the store. */
  close(graceMs?: number): Promise<void>;
  /** Resolves when the handlers running now have ended, including work after their answer (a cache save). */
  settled(): Promise<void>;
}

export class StartupError extends Error {}

export interface ServerOptions {
  /** More routes, mounted beside the gateway's own (the MCP server's /mcp). */
  routes?: Route[];
}

export async function startServer(gateway: Gateway, options: ServerOptions = {}): Promise<RunningServer> {
  const router = new Router([...baseRoutes, ...(options.routes ?? [])]);
  const { host, port } = gateway.config;
  if (!isLoopbackHost(host) && !gateway.keys.required) {
    throw new StartupError(
      `Refusing to listen on ${host}: there are no gateway keys, so anyone who can reach this host could use your provider keys. ` +
        'Create one with `switchyard keys create --name <name>`, or listen on 127.0.0.1.',
    );
  }
  // Connected before the first request, so it is not served as if Redis were down; bounded.
  if (gateway.redis) await gateway.redis.ready();
  // Handlers still running: a stop waits for them, so their log records are written too.
  const active = new Set<Promise<void>>();
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const handled = dispatch(router, req, res, gateway)
      .catch((error: unknown) => {
        const shape = errorShapeOf(req.url ?? '');
        if (error instanceof GatewayError) return sendError(res, error, {}, shape);
        console.error(JSON.stringify({ level: 'error', msg: 'unhandled error', path: req.url, error: String((error as Error)?.stack ?? error) }));
        sendError(res, new GatewayError(500, 'internal_error', 'The gateway failed to handle this request'), {}, shape);
      })
      .finally(() => active.delete(handled));
    active.add(handled);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  gateway.alerts.start();
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    close(graceMs = 10_000) {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Keep-alive connections go idle as their last answers finish: close them as they do.
        const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        await closed;
        clearInterval(idleSweep);
        clearTimeout(timer);
        await Promise.allSettled([...active]);
        // Before the store closes: a run in progress still reads and writes it.
        await gateway.alerts.stop();
        await gateway.logQueue.close();
        await gateway.store.close();
        await gateway.upstreamPool.close();
        await gateway.redis?.close();
      })();
      return closing;
    },
    async settled() {
      await Promise.allSettled([...active]);
    },
  };
}
