/**
 * `switchyard mcp`: the MCP server over stdio, for Claude Desktop, Claude Code, Cursor and Codex.
 * It talks to the gateway named by SWITCHYARD_URL, or to Helicone with HELICONE_API_KEY; with
 * neither, to a local gateway on 127.0.0.1:8585 (SWITCHYARD_PORT), and if none answers there it starts one in this
 * process, on its own port, with the store in SWITCHYARD_DATA_DIR (default ~/.switchyard).
 * Standard output carries the protocol: every note goes to standard error.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { clientOptionsFromEnv, GatewayClient } from '../../gateway/src/client/index.js';
import type { RunningServer } from '../../gateway/src/server/http-server.js';
import { createMcpServer } from './server.js';
import { toolsSettled } from './tool-result.js';

async function embeddedGateway(env: NodeJS.ProcessEnv): Promise<RunningServer> {
  // Loaded only when needed: with a gateway to talk to, the MCP server starts without them.
  const [{ loadConfig }, { createGateway }, { startServer }, { describeStore }] = await Promise.all([
    import('../../gateway/src/config.js'),
    import('../../gateway/src/server/gateway.js'),
    import('../../gateway/src/server/http-server.js'),
    import('../../gateway/src/store/open-store.js'),
  ]);
  const config = loadConfig({ host: '127.0.0.1', port: 0, dataDir: env.SWITCHYARD_DATA_DIR ?? join(homedir(), '.switchyard') }, env);
  const running = await startServer(await createGateway(config));
  console.error(`switchyard mcp: no gateway answered on port ${env.SWITCHYARD_PORT ?? 8585}, so one runs in this process at ${running.url} (store: ${describeStore(config)})`);
  return running;
}

export async function runStdioServer(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const options = clientOptionsFromEnv(env);
  const local = !env.SWITCHYARD_URL && !env.HELICONE_API_KEY;
  // The local gateway is looked for on its usual port (SWITCHYARD_PORT, default 8585).
  if (local) options.baseUrl = options.gatewayBaseUrl = `http://127.0.0.1:${env.SWITCHYARD_PORT ?? 8585}`;
  let embedded: RunningServer | undefined;
  if (local && !(await new GatewayClient(options).health())) {
    embedded = await embeddedGateway(env);
    options.baseUrl = embedded.url;
    options.gatewayBaseUrl = embedded.url;
  } else {
    console.error(`switchyard mcp: using ${options.baseUrl}`);
  }
  const server = createMcpServer(new GatewayClient(options));
  const transport = new StdioServerTransport();
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    // A client that sends its last calls and then closes stdin still gets their answers.
    await toolsSettled(30_000);
    await server.close();
    // An embedded gateway writes its queued logs before the process ends.
    if (embedded) await embedded.close();
    process.exit(0);
  };
  transport.onclose = () => void close();
  process.stdin.on('end', () => void close());
  process.on('SIGINT', () => void close());
  process.on('SIGTERM', () => void close());
  await server.connect(transport);
}
