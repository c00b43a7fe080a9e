/**
 * The gateway's added latency: the same fake OpenAI server called directly and through the
 * gateway (a separate `switchyard start` process with its SQLite log), alternating request by
 * request so both paths see the same machine state. Prints medians, p99s and the difference.
 *
 *   npm run bench:latency [-- --requests 2000 --stream]
 *
 * Bounded: at most --requests pairs (default 2000) and 120 s, on 127.0.0.1 only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { FakeProvider } from '../test/helpers/fake-provider.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '2000' }, stream: { type: 'boolean', default: false } } });
const pairs = Math.min(Number(values.requests), 20_000);
const deadline = Date.now() + 120_000;
const stream = values.stream ?? false;

async function startGateway(providerUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const cli = join(import.meta.dirname, '../gateway/src/cli/main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'start', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: `${providerUrl}/v1` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (data: Buffer) => {
      const match = /Switchyard listening on (\S+)/.exec(data.toString());
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const agent = new Agent({ keepAliveTimeout: 30_000, connections: 4 });
const body = JSON.stringify({ model: 'gpt-4.1-nano/openai', stream, messages: [{ role: 'user', content: 'Invent a holiday' }] });
const directBody = JSON.stringify({ model: 'gpt-4.1-nano', stream, messages: [{ role: 'user', content: 'Invent a holiday' }] });

async function timeOne(url: string, payload: string): Promise<number> {
  const started = performance.now();
  const response = await request(url, { method: 'POST', body: payload, headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' }, dispatcher: agent });
  await response.body.text();
  if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode} from ${url}`);
  return performance.now() - started;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main(): Promise<void> {
  const fake = await FakeProvider.start();
  const gateway = await startGateway(fake.url);
  const directUrl = `${fake.url}/v1/chat/completions`;
  const gatewayUrl = `${gateway.url}/v1/chat/completions`;
  try {
    for (let i = 0; i < 200; i++) {
      await timeOne(directUrl, directBody);
      await timeOne(gatewayUrl, body);
    }
    const direct: number[] = [];
    const through: number[] = [];
    for (let i = 0; i < pairs && Date.now() < deadline; i++) {
      // Alternate which path goes first, so neither always meets a warmer machine.
      if (i % 2 === 0) {
        direct.push(await timeOne(directUrl, directBody));
        through.push(await timeOne(gatewayUrl, body));
      } else {
        through.push(await timeOne(gatewayUrl, body));
        direct.push(await timeOne(directUrl, directBody));
      }
      fake.requests.length = 0;
    }
    direct.sort((a, b) => a - b);
    through.sort((a, b) => a - b);
    const row = (name: string, samples: number[]) =>
      `${name.padEnd(16)} p50 ${quantile(samples, 0.5).toFixed(3).padStart(7)} ms   p90 ${quantile(samples, 0.9).toFixed(3).padStart(7)} ms   p99 ${quantile(samples, 0.99).toFixed(3).padStart(7)} ms`;
    console.log(`added latency, ${stream ? 'streaming' : 'non-streaming'} chat completions, ${direct.length} request pairs, sequential, 127.0.0.1`);
    console.log(row('direct', direct));
    console.log(row('through gateway', through));
    const added = quantile(through, 0.5) - quantile(direct, 0.5);
    console.log(`added at p50: ${added.toFixed(3)} ms (${(quantile(through, 0.5) / quantile(direct, 0.5)).toFixed(2)}x); added at p99: ${(quantile(through, 0.99) - quantile(direct, 0.99)).toFixed(3)} ms`);
  } finally {
    await gateway.stop();
    await fake.close();
    await agent.close();
  }
}

await main();
