/**
 * The benchmark: Switchyard measured side by side with direct calls, a bare undici proxy and
 * Portkey's gateway, then log ingest, queries over a large log, memory under load and start-up,
 * all in one run on this machine. Writes bench/results/latest.md and prints it.
 *
 *   npm run bench                      # the full run (about 6 minutes)
 *   npm run bench -- --quick           # shorter phases and 100,000 rows, to try the harness
 *   npm run bench -- --only gateways,queries
 *   npm run bench -- --redis redis://127.0.0.1:6379   # the Redis the shared-state section uses
 *   npm run bench -- --only stores --store-rows 1000000,10000000   # SQLite beside PostgreSQL
 *        [--postgres postgres://postgres@127.0.0.1:5432/test] [--store-kinds sqlite,postgres]
 *        [--explain 10000000] [--keep-postgres]
 *
 * The stores section runs at 1,000,000 rows in the full run (100,000 with --quick); 10,000,000
 * takes the better part of an hour. A run of only that section also writes
 * bench/results/latest-stores.md and replaces just its own block in latest.md; a run without it
 * keeps the stores block latest.md had.
 *
 * Bounded: every phase has a fixed duration or count; all traffic stays on 127.0.0.1.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAgent } from './lib/load.js';
import { compareGateways, type GatewayResults, memoryUnderLoad, type MemoryResult } from './sections/gateways.js';
import { type IngestResult, logIngest } from './sections/ingest.js';
import { queryLatencies, type QueryTiming } from './sections/queries.js';
import { sharedStateLatencies, sharedStateTable } from './sections/redis.js';
import { compareStores, plansMarkdown, type StoreKind, storesTable } from './sections/stores.js';
import { type StartupResult, startupTimes } from './sections/startup.js';

const sections = ['gateways', 'ingest', 'queries', 'memory', 'startup', 'redis', 'stores'] as const;
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    rows: { type: 'string' },
    redis: { type: 'string' },
    'store-rows': { type: 'string' },
    'store-kinds': { type: 'string' },
    postgres: { type: 'string' },
    explain: { type: 'string' },
    'keep-postgres': { type: 'boolean', default: false },
  },
});
const quick = values.quick ?? false;
const only = new Set(values.only ? values.only.split(',') : sections);
for (const name of only) if (!(sections as readonly string[]).includes(name)) throw new Error(`--only: unknown section "${name}"; choose from ${sections.join(', ')}`);
const rows = Math.min(Number(values.rows ?? (quick ? 100_000 : 1_000_000)), 2_000_000);
const sizeList = (flag: string, text: string) =>
  text.split(',').map((item) => {
    const n = Number(item.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < 1_000 || n > 50_000_000) throw new Error(`${flag}: "${item}" is not a row count from 1,000 to 50,000,000`);
    return n;
  });
const storeRows = sizeList('--store-rows', values['store-rows'] ?? (quick ? '100000' : '1000000'));
const storeKinds = (values['store-kinds'] ?? 'sqlite,postgres').split(',') as StoreKind[];
for (const kind of storeKinds) if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`--store-kinds: unknown store "${kind}"; choose from sqlite, postgres`);
const explainRows = values.explain ? sizeList('--explain', values.explain) : [];

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const fmt = (value: number, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const verdict = (holds: boolean) => (holds ? 'yes' : '**no**');

function gatewaysTable(results: GatewayResults): string[] {
  const [direct, undici, switchyard, portkey] = results.rows;
  const lines = [
    `### Gateways: the same provider, called directly and through each (${results.rate} requests/s for latency; closed loop for throughput)`,
    '',
    '| path | p50 (ms) | p99 (ms) | added p50 (ms) | added p99 (ms) | max throughput (req/s) | server CPU per request (µs) | stream first byte p50 / p99 (ms) | stream gap p99 (ms) | own time by Server-Timing: p50 / p99, stream p99 (ms) | errors |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of results.rows) {
    lines.push(
      `| ${row.name} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${row === direct ? '' : fmt(row.p50 - direct!.p50)} | ${row === direct ? '' : fmt(row.p99 - direct!.p99)} | ${fmt(row.perSecond, 0)} | ${fmt(row.cpuUsPerRequest, 0)} | ${fmt(row.firstByteP50)} / ${fmt(row.firstByteP99)} | ${fmt(row.gapP99)} | ${Number.isNaN(row.serverP50) ? '' : `${fmt(row.serverP50)} / ${fmt(row.serverP99)}, ${fmt(row.streamServerP99)}`} | ${row.errors} |`,
    );
  }
  lines.push('', 'Own time: what the gateway reports in its Server-Timing header (arrival until the answer, less the wait on the provider; for a stream, until its headers).');
  lines.push('', `Switchyard answered ${results.switchyardAnswered} requests in this section and stored ${results.switchyardStored} log rows (${results.switchyardAnswered === results.switchyardStored ? 'none lost' : '**rows missing**'}).`, '');
  lines.push('| target | measured | holds |', '|---|---|---|');
  lines.push(`| throughput ≥ 60% of the undici proxy | ${fmt((switchyard!.perSecond / undici!.perSecond) * 100, 0)}% | ${verdict(switchyard!.perSecond >= 0.6 * undici!.perSecond)} |`);
  lines.push(`| throughput ≥ 5× Portkey | ${fmt(switchyard!.perSecond / portkey!.perSecond, 1)}× | ${verdict(switchyard!.perSecond >= 5 * portkey!.perSecond)} |`);
  lines.push(`| added p50 ≤ 0.5 ms at ${results.rate}/s | ${fmt(switchyard!.p50 - direct!.p50)} ms | ${verdict(switchyard!.p50 - direct!.p50 <= 0.5)} |`);
  lines.push(`| added p99 ≤ 2 ms at ${results.rate}/s | ${fmt(switchyard!.p99 - direct!.p99)} ms | ${verdict(switchyard!.p99 - direct!.p99 <= 2)} |`);
  lines.push(`| stream first byte within 1 ms of direct at p99 | +${fmt(switchyard!.firstByteP99 - direct!.firstByteP99)} ms | ${verdict(switchyard!.firstByteP99 - direct!.firstByteP99 <= 1)} |`);
  lines.push(`| stream gaps within 1 ms of direct at p99 | +${fmt(switchyard!.gapP99 - direct!.gapP99)} ms | ${verdict(switchyard!.gapP99 - direct!.gapP99 <= 1)} |`);
  lines.push(`| no log row lost | ${results.switchyardStored} of ${results.switchyardAnswered} | ${verdict(results.switchyardStored === results.switchyardAnswered)} |`);
  return lines;
}

function ingestTable(result: IngestResult): string[] {
  return [
    '### Log ingest (records with bodies, through the log queue into SQLite)',
    '',
    '| rows | seconds | rows/s committed | rows stored | target ≥ 20,000 rows/s, none lost |',
    '|---|---|---|---|---|',
    `| ${result.rows} | ${fmt(result.seconds, 2)} | ${fmt(result.perSecond, 0)} | ${result.stored} | ${verdict(result.perSecond >= 20_000 && result.stored === result.rows)} |`,
  ];
}

function queriesTable(total: number, seedSeconds: number, timings: QueryTiming[]): string[] {
  const lines = [`### Queries over ${total.toLocaleString('en')} logged requests (seeded in ${fmt(seedSeconds, 1)} s), through HTTP`, '', '| query | median (ms) | p95 (ms) |', '|---|---|---|'];
  for (const timing of timings) lines.push(`| ${timing.name} | ${fmt(timing.median, 1)} | ${fmt(timing.p95, 1)} |`);
  const byName = (name: string) => timings.find((timing) => timing.name === name)!;
  const propertyAndTime = byName('query_requests: property + last 7 days');
  const sessions = byName('query_sessions: last 7 days');
  lines.push('', '| target | measured | holds |', '|---|---|---|');
  lines.push(`| query_requests with a property filter and a time range, p95 ≤ 50 ms | ${fmt(propertyAndTime.p95, 1)} ms | ${verdict(propertyAndTime.p95 <= 50)} |`);
  lines.push(`| query_sessions over 7 days ≤ 300 ms (p95) | ${fmt(sessions.p95, 1)} ms | ${verdict(sessions.p95 <= 300)} |`);
  return lines;
}

function memoryTable(result: MemoryResult): string[] {
  return [
    `### Memory: Switchyard's resident size at ${result.rate} requests/s, ${result.warmUpSeconds} s to warm up, then ${result.seconds} s measured`,
    '',
    '| before load (MB) | after warm-up (MB) | peak (MB) | end (MB) | trend over the measured part (MB/min) | answered | errors | target ≤ 200 MB, no upward trend |',
    '|---|---|---|---|---|---|---|---|',
    `| ${fmt(result.startMb, 0)} | ${fmt(result.warmMb, 0)} | ${fmt(result.peakMb, 0)} | ${fmt(result.endMb, 0)} | ${fmt(result.slopeMbPerMinute, 1)} | ${result.answered} | ${result.errors} | ${verdict(result.peakMb <= 200 && result.slopeMbPerMinute < 5)} |`,
  ];
}

function startupTable(result: StartupResult): string[] {
  return [
    '### Start-up (median of 5, the built command)',
    '',
    '| what | ms | target | holds |',
    '|---|---|---|---|',
    `| bare \`node -e ""\` spawn, for scale | ${fmt(result.bareNodeMs, 0)} | | |`,
    `| \`switchyard start\` until /healthz answers | ${fmt(result.gatewayMs, 0)} | ≤ 1000 | ${verdict(result.gatewayMs <= 1000)} |`,
    `| \`switchyard mcp\` until tools/list answers | ${fmt(result.mcpMs, 0)} | ≤ 500 | ${verdict(result.mcpMs <= 500)} |`,
    `| \`switchyard mcp\` starting its own embedded gateway | ${fmt(result.mcpEmbeddedMs, 0)} | | |`,
  ];
}

/** Replaces the stores block of an earlier latest.md (or appends it), leaving the other sections as they were. */
function spliceStores(previous: string, block: string): string {
  const start = previous.indexOf('<!-- stores -->');
  const end = previous.indexOf('<!-- /stores -->');
  if (start >= 0 && end > start) return previous.slice(0, start) + block + previous.slice(end + '<!-- /stores -->'.length);
  return `${previous.replace(/\n*$/, '')}\n\n${block}\n`;
}

async function main(): Promise<void> {
  const commit = execSync('git rev-parse --short HEAD').toString().trim();
  const dirty = execSync('git status --porcelain --untracked-files=no').toString().trim() ? ' (with uncommitted changes)' : '';
  const out: string[] = [
    '## Benchmark results',
    '',
    `Commit ${commit}${dirty}, ${new Date().toISOString().slice(0, 10)}; ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), Node ${process.version}; load generator, provider and gateways share the machine${quick ? '; quick run' : ''}.`,
    '',
  ];
  if (only.has('gateways')) {
    progress('gateways: starting the fake provider, undici proxy, Switchyard and Portkey');
    out.push(...gatewaysTable(await compareGateways(500, quick ? 6 : 30, 32, quick ? 60 : 800, progress, quick ? 1_000 : 5_000)), '');
  }
  if (only.has('ingest')) {
    progress('ingest: writing records through the log queue');
    out.push(...ingestTable(await logIngest(quick ? 100_000 : 400_000, 60)), '');
  }
  if (only.has('queries')) {
    progress(`queries: seeding ${rows.toLocaleString('en')} requests`);
    const { seedSeconds, timings } = await queryLatencies(rows, quick ? 7 : 20, progress);
    out.push(...queriesTable(rows, seedSeconds, timings), '');
  }
  if (only.has('memory')) {
    progress(`memory: 1000 requests/s, ${quick ? 5 : 30} s to warm up, then ${quick ? 15 : 60} s measured`);
    out.push(...memoryTable(await memoryUnderLoad(1000, quick ? 15 : 60, quick ? 5 : 30)), '');
  }
  if (only.has('startup')) {
    progress('startup: spawning switchyard start and switchyard mcp');
    out.push(...startupTable(await startupTimes(5)), '');
  }
  if (only.has('redis')) {
    const redisUrl = values.redis ?? process.env.SWITCHYARD_REDIS_URL ?? 'redis://127.0.0.1:6379';
    progress(`redis: cache and rate-limit calls in-process, against ${redisUrl}, and against a Redis that is down`);
    out.push(...sharedStateTable(await sharedStateLatencies(redisUrl, quick ? 1_000 : 5_000, 30)), '');
  }
  let storesBlock: string[] | undefined;
  if (only.has('stores')) {
    const postgresUrl = values.postgres ?? 'postgres://postgres@127.0.0.1:5432/test';
    progress(`stores: ${storeKinds.join(' and ')} at ${storeRows.map((n) => n.toLocaleString('en')).join(' and ')} rows${storeKinds.includes('postgres') ? ` (PostgreSQL at ${new URL(postgresUrl).host})` : ''}`);
    const result = await compareStores(
      {
        sizes: storeRows,
        kinds: storeKinds,
        postgresUrl,
        runs: quick ? 7 : 20,
        maxFillSeconds: quick ? 300 : 2_400,
        maxSecondsPerQuery: quick ? 10 : 30,
        explainSizes: explainRows,
        keepPostgres: values['keep-postgres'],
      },
      progress,
    );
    storesBlock = storesTable(result);
    out.push(...storesBlock, '');
    const resultsDir = join(import.meta.dirname, 'results');
    mkdirSync(resultsDir, { recursive: true });
    if (explainRows.length > 0) writeFileSync(join(resultsDir, quick ? 'quick-stores-plans.md' : 'latest-stores-plans.md'), plansMarkdown(result));
    const header = `${new Date().toISOString().slice(0, 10)}; ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), Node ${process.version}${result.postgresVersion ? `, PostgreSQL ${result.postgresVersion}` : ''}; the load generator shares the machine${quick ? '; quick run' : ''}.`;
    writeFileSync(join(resultsDir, quick ? 'quick-stores.md' : 'latest-stores.md'), [header, '', ...storesBlock, ''].join('\n'));
  }
  await loadAgent.close();
  const text = out.join('\n');
  const resultsDir = join(import.meta.dirname, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const resultsFile = join(resultsDir, quick ? 'quick.md' : 'latest.md');
  // A run of the stores section alone keeps the other sections of the last full run.
  const storesOnly = storesBlock !== undefined && only.size === 1 && existsSync(resultsFile);
  const dated = storesOnly ? [...storesBlock!.slice(0, 3), `Run on its own, ${new Date().toISOString().slice(0, 10)}.`, '', ...storesBlock!.slice(3)] : [];
  // A run without the stores section (an hour at 10,000,000 rows) keeps the stores block of the last one.
  const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
  const keptStores = storesBlock === undefined ? /<!-- stores -->[\s\S]*<!-- \/stores -->/.exec(previous)?.[0] : undefined;
  writeFileSync(resultsFile, storesOnly ? spliceStores(previous, dated.join('\n')) : keptStores ? spliceStores(text, keptStores) : text);
  console.log(text);
}

await main();
