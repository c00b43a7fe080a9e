/**
 * Start-up: `switchyard start` from spawn until it answers /healthz, and `switchyard mcp` over
 * stdio from spawn until it answers tools/list, beside a bare `node -e ""` spawn; the built
 * command each time, as `npx switchyard` runs it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startProcess } from '../lib/processes.js';
import { quantile } from '../lib/stats.js';

export const cliPath = join(import.meta.dirname, '../../dist/gateway/src/cli/main.js');

export interface StartupResult {
  bareNodeMs: number;
  gatewayMs: number;
  mcpMs: number;
  mcpEmbeddedMs: number;
}

async function untilHealthy(url: string, deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return;
    } catch {
      // not accepting yet
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`gateway at ${url} did not become healthy`);
}

async function timeToToolsList(env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [cliPath, 'mcp'], env, stderr: 'ignore' }));
  const { tools } = await client.listTools();
  const elapsed = performance.now() - started;
  if (tools.length === 0) throw new Error('no tools listed');
  await client.close();
  return elapsed;
}

export async function startupTimes(runs: number): Promise<StartupResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-startup-bench-'));
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const bare: number[] = [];
  const gateway: number[] = [];
  const mcp: number[] = [];
  const embedded: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      let started = performance.now();
      spawnSync(process.execPath, ['-e', '']);
      bare.push(performance.now() - started);

      started = performance.now();
      const server = await startProcess('switchyard start', [cliPath, 'start', '--port', '0', '--data-dir', join(dataDir, `gateway-${i}`)]);
      await untilHealthy(server.url, started + 10_000);
      gateway.push(performance.now() - started);
      mcp.push(await timeToToolsList({ ...baseEnv, SWITCHYARD_URL: server.url }));
      await server.stop();
      embedded.push(await timeToToolsList({ ...baseEnv, SWITCHYARD_PORT: '9', SWITCHYARD_DATA_DIR: join(dataDir, `embedded-${i}`) }));
    }
    return { bareNodeMs: quantile(bare, 0.5), gatewayMs: quantile(gateway, 0.5), mcpMs: quantile(mcp, 0.5), mcpEmbeddedMs: quantile(embedded, 0.5) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
