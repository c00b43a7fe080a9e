import type { Command } from 'commander';
import { defaults, loadConfig } from '../config.js';
import { redactUrl } from '../redact-url.js';

/** The gateway's modules, loaded when `start` runs: `switchyard mcp` and `keys` start without them. */
function loadGateway() {
  return Promise.all([
    import('../server/gateway.js'),
    import('../server/http-server.js'),
    import('../store/open-store.js'),
    // The CLI is the composition root: the one place in gateway/ that mounts the MCP server.
    import('../../../mcp-server/src/http-route.js'),
    import('./demo.js'),
  ]);
}

interface StartOptions {
  host?: string;
  port?: string;
  dataDir?: string;
  config?: string;
  redis?: string;
  store?: string;
  demo?: boolean;
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Start the gateway with its embedded SQLite store (or a shared PostgreSQL one)')
    .option('--host <host>', `address to listen on (env SWITCHYARD_HOST, default ${defaults.host})`)
    .option('--port <port>', `port to listen on, 0 for any free port (env SWITCHYARD_PORT, default ${defaults.port})`)
    .option('--data-dir <dir>', `folder for the SQLite store (env SWITCHYARD_DATA_DIR, default ${defaults.dataDir})`)
    .option('--config <file>', 'JSON config file (env SWITCHYARD_CONFIG)')
    .option('--store <url>', 'keep the log, keys and prompts in this PostgreSQL database, shared with other instances, e.g. postgres://switchyard@127.0.0.1:5432/switchyard (env SWITCHYARD_STORE_URL; default: the SQLite file in --data-dir)')
    .option('--redis <url>', 'share the response cache and rate limits with other instances through this Redis, e.g. redis://127.0.0.1:6379 (env SWITCHYARD_REDIS_URL; default: in-process)')
    .option('--demo', 'send a few requests through the offline mock provider once started, and show what was logged')
    .addHelpText(
      'after',
      `
Provider keys come from the environment: OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY,
AZURE_API_KEY (+ AZURE_BASE_URL), GROQ_API_KEY, MISTRAL_API_KEY, DEEPSEEK_API_KEY, XAI_API_KEY,
OPENROUTER_API_KEY, TOGETHER_API_KEY, FIREWORKS_API_KEY, DEEPINFRA_API_KEY, PERPLEXITY_API_KEY;
CUSTOM_BASE_URL (+ CUSTOM_API_KEY) for any OpenAI-compatible server. <PROVIDER>_BASE_URL
overrides a provider's base URL. The "mock" model answers offline, with no key.`,
    )
    .action(async (options: StartOptions) => {
      const config = loadConfig(options);
      const [{ createGateway }, { StartupError, startServer }, { describeStore }, { mcpRoutes }, { runDemo }] = await loadGateway();
      const gateway = await createGateway(config);
      let running;
      try {
        running = await startServer(gateway, { routes: mcpRoutes });
      } catch (error) {
        await gateway.store.close();
        await gateway.redis?.close();
        if (error instanceof StartupError) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new Error(`port ${config.port} on ${config.host} is already in use; pick another with --port`);
        throw error;
      }
      console.log(`Switchyard listening on ${running.url}`);
      console.error(`store: ${describeStore(config)}${gateway.keys.required ? '' : ' (no gateway keys: loopback only)'}`);
      if (config.storeUrl) console.error(`log spool while PostgreSQL is unreachable: ${config.spoolRecords} records (SWITCHYARD_SPOOL_RECORDS)`);
      if (config.redisUrl) console.error(`shared cache and rate limits: ${redactUrl(config.redisUrl)} (keys ${config.redisPrefix}…)`);

      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) {
          console.error(`${signal} again: exiting without waiting`);
          process.exit(1);
        }
        stopping = true;
        console.error(`${signal}: finishing requests in flight and writing queued logs…`);
        running.close().then(
          () => {
            console.error('Switchyard stopped.');
            process.exit(0);
          },
          (error: unknown) => {
            console.error(`switchyard: could not stop cleanly: ${(error as Error).message}`);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));

      if (options.demo) await runDemo(running.url, gateway);
    });
}
