/**
 * How long `switchyard mcp` (the built command, as `npx` runs it) takes from spawn to answering
 * tools/list over stdio, beside a bare `node -e ""` spawn on the same machine, in one run.
 *
 *   npm run bench:mcp
 *
 * Bounded: 10 spawns of each kind, on 127.0.0.1 only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { loadConfig } from '../gateway/src/config.js';
import { createGateway } from '../gateway/src/server/gateway.js';
import { startServer } from '../gateway/src/server/http-server.js';

const runs = 10;
const cli = join(import.meta.dirname, '../dist/gateway/src/cli/main.js');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timeToToolsList(env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [cli, 'mcp'], env, stderr: 'ignore' }));
  const { tools } = await client.listTools();
  const elapsed = performance.now() - started;
  if (tools.length === 0) throw new Error('no tools listed');
  await client.close();
  return elapsed;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-mcp-bench-'));
  const running = await startServer(createGateway(loadConfig({ port: 0, dataDir }, {})));
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  try {
    const bare: number[] = [];
    const withGateway: number[] = [];
    const embedded: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      spawnSync(process.execPath, ['-e', '']);
      bare.push(performance.now() - started);
      withGateway.push(await timeToToolsList({ ...baseEnv, SWITCHYARD_URL: running.url }));
      embedded.push(await timeToToolsList({ ...baseEnv, SWITCHYARD_PORT: '9', SWITCHYARD_DATA_DIR: join(dataDir, `embedded-${i}`) }));
    }
    console.log(`switchyard mcp over stdio, spawn to tools/list answered (median of ${runs}):`);
    console.log(`  bare node -e "" spawn             ${median(bare).toFixed(0).padStart(5)} ms`);
    console.log(`  with a running gateway            ${median(withGateway).toFixed(0).padStart(5)} ms  (${(median(withGateway) / median(bare)).toFixed(1)}x bare node)`);
    console.log(`  starting its own embedded gateway ${median(embedded).toFixed(0).padStart(5)} ms  (${(median(embedded) / median(bare)).toFixed(1)}x bare node)`);
  } finally {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
