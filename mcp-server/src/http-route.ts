/**
 * The MCP server over Streamable HTTP, at /mcp on the gateway. Stateless: each POST gets a fresh
 * server whose tools call this gateway back on loopback with the caller's own key. Requests must
 * come to a loopback name or the configured host, and from no foreign Origin (DNS rebinding).
 */
import { presentedKey } from '../../gateway/src/auth/gateway-keys.js';
import { GatewayClient } from '../../gateway/src/client/index.js';
import { GatewayError } from '../../gateway/src/contract/errors.js';
import { authenticate } from '../../gateway/src/pipeline/authenticate.js';
import { parseJsonBody, readRequestBody } from '../../gateway/src/pipeline/read-request-body.js';
import { sendJson } from '../../gateway/src/server/respond.js';
import type { Route, RouteContext } from '../../gateway/src/server/router.js';

// The MCP SDK and the tools are loaded by the first call to /mcp, not when the gateway starts:
// they are a good part of its start-up, and most gateways serve /v1 alone.
let mcpModules: Promise<[typeof import('@modelcontextprotocol/sdk/server/streamableHttp.js'), typeof import('./server.js')]> | undefined;
const loadMcpModules = () => (mcpModules ??= Promise.all([import('@modelcontextprotocol/sdk/server/streamableHttp.js'), import('./server.js')]));

const loopbackNames = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function hostnameOf(value: string): string {
  try {
    return new URL(value.includes('://') ? value : `http://${value}`).hostname;
  } catch {
    return '';
  }
}

/** A gateway listening on every interface (where keys are required) answers to any name. */
function allowedName(hostname: string, configuredHost: string): boolean {
  if (configuredHost === '0.0.0.0' || configuredHost === '::') return hostname !== '';
  return loopbackNames.has(hostname) || hostname === configuredHost;
}

/** JSON-RPC errors, as MCP clients expect them on this path. */
function rpcError(ctx: RouteContext, status: number, message: string, code = -32000): void {
  sendJson(ctx.res, status, { jsonrpc: '2.0', error: { code, message }, id: null });
}

/** Where the tools call the gateway back: the address this connection came in on. */
function selfUrl(ctx: RouteContext): string {
  const address = ctx.req.socket.localAddress ?? '127.0.0.1';
  return `http://${address.includes(':') ? `[${address}]` : address}:${ctx.req.socket.localPort}`;
}

async function handleMcp(ctx: RouteContext): Promise<void> {
  try {
    await serveMcp(ctx);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    rpcError(ctx, error.status, error.message);
  }
}

async function serveMcp(ctx: RouteContext): Promise<void> {
  const configuredHost = ctx.gateway.config.host;
  const host = ctx.req.headers.host ?? '';
  if (!allowedName(hostnameOf(host), configuredHost)) return rpcError(ctx, 403, `Host "${host}" is not allowed for /mcp`);
  const origin = ctx.req.headers.origin;
  if (origin && !allowedName(hostnameOf(origin), configuredHost)) return rpcError(ctx, 403, `Origin "${origin}" is not allowed for /mcp`);
  await authenticate(ctx.req, ctx.gateway.keys);
  if (ctx.req.method !== 'POST') {
    ctx.res.setHeader('allow', 'POST');
    return rpcError(ctx, 405, 'This MCP endpoint is stateless: send JSON-RPC messages with POST');
  }

  let body: unknown;
  try {
    body = parseJsonBody(await readRequestBody(ctx.req, ctx.gateway.config.maxBodyBytes));
  } catch (error) {
    if (error instanceof GatewayError && error.status === 400) return rpcError(ctx, 400, error.message, -32700);
    throw error;
  }
  const [{ StreamableHTTPServerTransport }, { createMcpServer }] = await loadMcpModules();
  const client = new GatewayClient({ baseUrl: selfUrl(ctx), apiKey: presentedKey(ctx.req.headers).key });
  const server = createMcpServer(client);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  // Closing the server closes its transport too.
  ctx.res.on('close', () => void server.close());
  await server.connect(transport);
  await transport.handleRequest(ctx.req, ctx.res, body);
}

export const mcpRoutes: Route[] = (['POST', 'GET', 'DELETE'] as const).map((method) => ({ method, pattern: '/mcp', handler: handleMcp }));
