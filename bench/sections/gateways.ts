/**
 * The same fixed-answer provider called directly, through a bare undici proxy, through
 * Switchyard (logging on, bodies stored) and through Portkey's open-source gateway, all as
 * separate processes on 127.0.0.1: added latency at a fixed rate, maximum throughput, streaming
 * timings, and whether Switchyard stored a row for every request it answered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fixedRate, maxThroughput, type StreamTimings, streamTimings, type Target } from '../lib/load.js';
import { cpuSeconds, residentMb, type ServerProcess, startProcess } from '../lib/processes.js';
import { quantile, slope } from '../lib/stats.js';
import { cliPath } from './startup.js';

const tsx = ['--import', 'tsx'];
const benchDir = join(import.meta.dirname, '..');

export interface GatewayRow {
  name: string;
  p50: number;
  p99: number;
  errors: number;
  perSecond: number;
  firstByteP50: number;
  firstByteP99: number;
  gapP99: number;
  /** The gateway's own time by its Server-Timing header (NaN for a server that sends none): JSON at the fixed rate, streams until their headers. */
  serverP50: number;
  serverP99: number;
  streamServerP99: number;
  /** CPU time the server process used per request answered at maximum throughput (for direct: the provider's). */
  cpuUsPerRequest: number;
}

export interface GatewayResults {
  rate: number;
  rows: GatewayRow[];
  switchyardAnswered: number;
  switchyardStored: number;
}

interface Servers {
  fake: ServerProcess;
  all: ServerProcess[];
  targets: Array<{ json: Target; stream: Target; server: ServerProcess }>;
  switchyardDb: string;
  dataDir: string;
}

async function startServers(): Promise<Servers> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-gateway-bench-'));
  const fake = await startProcess('fake provider', [...tsx, join(benchDir, 'servers/fake-provider.ts'), '--chunks', '8', '--chunk-gap', '2']);
  const proxy = await startProcess('undici proxy', [...tsx, join(benchDir, 'servers/undici-proxy.ts'), '--upstream', fake.url]);
  const switchyard = await startProcess('switchyard', [cliPath, 'start', '--port', '0', '--data-dir', dataDir], { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: `${fake.url}/v1` });
  const portkey = await startProcess('portkey', [...tsx, join(benchDir, 'servers/portkey.ts')]);
  const messages = [{ role: 'user', content: 'Invent a holiday' }];
  const body = (model: string, stream: boolean) => JSON.stringify({ model, stream, messages });
  const auth = { 'content-type': 'application/json', authorization: 'Bearer sk-bench' };
  const target = (name: string, server: ServerProcess, model: string, headers: Record<string, string> = {}) => ({
    server,
    json: { name, url: `${server.url}/v1/chat/completions`, body: body(model, false), headers: { ...auth, ...headers } },
    stream: { name, url: `${server.url}/v1/chat/completions`, body: body(model, true), headers: { ...auth, ...headers } },
  });
  return {
    fake,
    all: [fake, proxy, switchyard, portkey],
    targets: [
      target('direct', fake, 'gpt-4.1-nano'),
      target('undici proxy', proxy, 'gpt-4.1-nano'),
      target('Switchyard', switchyard, 'gpt-4.1-nano/openai'),
      target('Portkey', portkey, 'gpt-4.1-nano', { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${fake.url}/v1` }),
    ],
    switchyardDb: join(dataDir, 'switchyard.db'),
    dataDir,
  };
}

export async function compareGateways(rate: number, seconds: number, concurrency: number, streamRequests: number, progress: (line: string) => void, warmUpMs = 5_000): Promise<GatewayResults> {
  const servers = await startServers();
  const switchyard = servers.all[2]!;
  let switchyardAnswered = 0;
  try {
    // Rounds of a few seconds each, target after target, so no target always meets a warmer machine.
    const rounds = Math.max(1, Math.round(seconds / 3));
    const latency = servers.targets.map(() => ({ latencies: [] as number[], serverMs: [] as number[], errors: 0 }));
    const throughput = servers.targets.map(() => ({ answered: 0, seconds: 0, errors: 0, cpuSeconds: 0 }));
    const streams: StreamTimings[] = servers.targets.map(() => ({ firstByte: [], gaps: [], serverMs: [] }));
    // Measured warm: each target first serves `warmUpMs` of load (5 s in a full run) and 100
    // streams, so that compiling its code on the same two cores is not counted in its tail; a
    // one-second warm-up left the first seconds' requests in Switchyard's p99.
    for (const [i, { json, stream }] of servers.targets.entries()) {
      const warm = await maxThroughput(json, 8, warmUpMs);
      if (warm.answered === 0) throw new Error(`${json.name} answered nothing: ${JSON.stringify(warm.statuses)}`);
      const warmStreams = await streamTimings(stream, 100, performance.now() + 30_000);
      if (i === 2) switchyardAnswered += warm.answered + warmStreams.firstByte.length;
    }
    progress('gateways: each target warmed up');
    const settle = () => new Promise((resolve) => setTimeout(resolve, 500)); // let each server drain its work
    for (let round = 0; round < rounds; round++) {
      for (const [i, { json }] of servers.targets.entries()) {
        const fixed = await fixedRate(json, rate, (seconds * 1000) / rounds);
        latency[i]!.latencies.push(...fixed.latencies);
        latency[i]!.serverMs.push(...fixed.serverMs);
        latency[i]!.errors += fixed.errors;
        if (i === 2) switchyardAnswered += fixed.answered;
        await settle();
      }
      progress(`gateways: latency round ${round + 1} of ${rounds} done`);
    }
    for (let round = 0; round < rounds; round++) {
      for (const [i, { json, stream, server }] of servers.targets.entries()) {
        const cpuBefore = cpuSeconds(server.child.pid!);
        const max = await maxThroughput(json, concurrency, (seconds * 1000) / rounds);
        throughput[i]!.cpuSeconds += cpuSeconds(server.child.pid!) - cpuBefore;
        throughput[i]!.answered += max.answered;
        throughput[i]!.seconds += max.answered / max.perSecond;
        throughput[i]!.errors += max.errors;
        await settle();
        const timed = await streamTimings(stream, Math.ceil(streamRequests / rounds), performance.now() + 30_000);
        streams[i]!.firstByte.push(...timed.firstByte);
        streams[i]!.gaps.push(...timed.gaps);
        streams[i]!.serverMs.push(...timed.serverMs);
        if (i === 2) switchyardAnswered += max.answered + timed.firstByte.length;
        await settle();
      }
      progress(`gateways: throughput and streaming round ${round + 1} of ${rounds} done`);
    }
    const rows = servers.targets.map(({ json }, i): GatewayRow => ({
      name: json.name,
      p50: quantile(latency[i]!.latencies, 0.5),
      p99: quantile(latency[i]!.latencies, 0.99),
      errors: latency[i]!.errors + throughput[i]!.errors,
      perSecond: throughput[i]!.answered / throughput[i]!.seconds,
      firstByteP50: quantile(streams[i]!.firstByte, 0.5),
      firstByteP99: quantile(streams[i]!.firstByte, 0.99),
      gapP99: quantile(streams[i]!.gaps, 0.99),
      serverP50: quantile(latency[i]!.serverMs, 0.5),
      serverP99: quantile(latency[i]!.serverMs, 0.99),
      streamServerP99: quantile(streams[i]!.serverMs, 0.99),
      cpuUsPerRequest: (throughput[i]!.cpuSeconds * 1e6) / throughput[i]!.answered,
    }));
    await switchyard.stop(); // SIGTERM: every answered request is written before it exits
    const db = new Database(servers.switchyardDb, { readonly: true });
    const switchyardStored = (db.prepare('SELECT count(*) AS n FROM requests').get() as { n: number }).n;
    db.close();
    return { rate, rows, switchyardAnswered, switchyardStored };
  } finally {
    await Promise.all(servers.all.map((server) => server.stop()));
    rmSync(servers.dataDir, { recursive: true, force: true });
  }
}

export interface MemoryResult {
  rate: number;
  warmUpSeconds: number;
  seconds: number;
  /** Before any load. */
  startMb: number;
  /** When the warm-up ends and the measured minute begins. */
  warmMb: number;
  peakMb: number;
  endMb: number;
  /** Trend of the resident size over the measured part, warm-up excluded. */
  slopeMbPerMinute: number;
  answered: number;
  errors: number;
}

/**
 * Switchyard's resident size, sampled each second while it serves `rate` requests a second:
 * `warmUpSeconds` first, then the measured `seconds`. The heap and SQLite's page cache grow to
 * their working size over the first half minute or so at this rate (a three-minute run here
 * levels off after about 45 s and stays flat), so the trend is read only after the warm-up; the
 * peak counts the whole run.
 */
export async function memoryUnderLoad(rate: number, seconds: number, warmUpSeconds: number): Promise<MemoryResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-memory-bench-'));
  const fake = await startProcess('fake provider', [...tsx, join(benchDir, 'servers/fake-provider.ts')]);
  const switchyard = await startProcess('switchyard', [cliPath, 'start', '--port', '0', '--data-dir', dataDir], { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: `${fake.url}/v1` });
  try {
    const pid = switchyard.child.pid!;
    const target: Target = {
      name: 'Switchyard',
      url: `${switchyard.url}/v1/chat/completions`,
      body: JSON.stringify({ model: 'gpt-4.1-nano/openai', messages: [{ role: 'user', content: 'Invent a holiday' }] }),
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
    };
    const startMb = await residentMb(pid);
    const samples: Array<[number, number]> = [];
    const started = performance.now();
    const sampler = setInterval(() => {
      void residentMb(pid).then((mb) => samples.push([(performance.now() - started) / 60_000, mb]));
    }, 1000);
    const warm = await fixedRate(target, rate, warmUpSeconds * 1000);
    const warmMb = await residentMb(pid);
    const load = await fixedRate(target, rate, seconds * 1000);
    clearInterval(sampler);
    const measured = samples.filter(([minute]) => minute >= warmUpSeconds / 60);
    return {
      rate,
      warmUpSeconds,
      seconds,
      startMb,
      warmMb,
      peakMb: Math.max(...samples.map(([, mb]) => mb)),
      endMb: samples.at(-1)?.[1] ?? warmMb,
      slopeMbPerMinute: slope(measured),
      answered: warm.answered + load.answered,
      errors: warm.errors + load.errors,
    };
  } finally {
    await switchyard.stop();
    await fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
