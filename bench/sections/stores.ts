/**
 * The two stores side by side: for each size, a new SQLite file and a new PostgreSQL schema are
 * filled through the gateway's own log queue (records with bodies, as requests log them; the fill
 * is the ingest measurement), counted back, then the query section's queries (queries.ts) are timed
 * through HTTP over exactly those rows. The PostgreSQL store's queue drops records rather than wait
 * when its spool is full, so the fill keeps at most 20,000 rows unwritten: rows stored = rows sent.
 * The PostgreSQL schema is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../gateway/src/config.js';
import { createGateway, type Gateway } from '../../gateway/src/server/gateway.js';
import { numberPlaceholders } from '../../gateway/src/store/postgres-client.js';
import { ingestThroughQueue } from './ingest.js';
import { prepareForQueries, type QueryTiming, timeQueries } from './queries.js';

export type StoreKind = 'sqlite' | 'postgres';

export interface StoreRun {
  kind: StoreKind;
  /** Rows asked for. */
  size: number;
  /** Rows sent through the log queue (fewer than `size` when the fill's time bound ran out). */
  sent: number;
  stored: number;
  fillSeconds: number;
  perSecond: number;
  /** Seconds for the 1% of scores, ANALYZE (and VACUUM on PostgreSQL) after the fill. */
  prepareSeconds: number;
  /** Tables and indexes (SQLite: the database files; PostgreSQL: the schema's relations). */
  bytes: number;
  timings: QueryTiming[];
  /** PostgreSQL only: EXPLAIN (ANALYZE, BUFFERS) of each query's statements, when asked for. */
  plans?: Array<{ query: string; statement: string; plan: string }>;
}

export interface StoresOptions {
  sizes: number[];
  kinds: StoreKind[];
  /** A PostgreSQL server URL; each run gets a schema of its own there. */
  postgresUrl: string;
  runs: number;
  /** Upper bound of one fill, whatever its size. */
  maxFillSeconds: number;
  /** Upper bound of one query's timed runs (at least 3 are made). */
  maxSecondsPerQuery: number;
  /** Capture the SQL each query runs on PostgreSQL and EXPLAIN ANALYZE it at these sizes. */
  explainSizes?: number[];
  /** Leave the PostgreSQL schemas in place (their URLs are printed), to look at them afterwards. */
  keepPostgres?: boolean;
}

export interface StoresResult {
  runs: StoreRun[];
  postgresVersion: string;
  postgresSettings: string;
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new schema on the server and a URL whose connections use it. */
async function newSchema(serverUrl: string): Promise<{ url: string; schema: string }> {
  const schema = `switchyard_bench_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (client) => client.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), schema };
}

function directoryBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

/** Records the SQL the store runs while `current` is set (the first call of each query: its warm-up). */
function captureStatements(gateway: Gateway): { start(name: string): void; stop(): void; statements: Map<string, Array<{ text: string; params: readonly unknown[] }>> } {
  const sql = gateway.store.sql as { all: (text: string, params?: readonly unknown[]) => Promise<unknown[]> };
  const original = sql.all.bind(sql);
  const statements = new Map<string, Array<{ text: string; params: readonly unknown[] }>>();
  let current: string | undefined;
  sql.all = (text, params = []) => {
    if (current !== undefined) {
      const list = statements.get(current) ?? [];
      if (list.length < 8 && !list.some((statement) => statement.text === text)) list.push({ text, params });
      statements.set(current, list);
    }
    return original(text, params);
  };
  return {
    start: (name) => void (current = name),
    stop: () => void (current = undefined),
    statements,
  };
}

async function runOne(kind: StoreKind, size: number, options: StoresOptions, progress: (line: string) => void): Promise<StoreRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-stores-bench-'));
  const schema = kind === 'postgres' ? await newSchema(options.postgresUrl) : undefined;
  const label = `${kind} ${size.toLocaleString('en')}`;
  try {
    const gateway = await createGateway(loadConfig({ port: 0, dataDir, store: schema?.url }, {}));
    try {
      const now = Date.now();
      progress(`${label}: filling through the log queue${schema ? ` (schema ${schema.schema})` : ''}`);
      const fill = await ingestThroughQueue(gateway, size, options.maxFillSeconds, now, (line) => progress(`${label}: ${line}`), Math.max(1000, Math.round(size / 20 / 1000) * 1000), 10_000);
      const stored = (await gateway.store.sql.get<{ n: number }>('SELECT count(*) AS n FROM requests'))!.n;
      progress(`${label}: ${fill.rows.toLocaleString('en')} rows sent, ${stored.toLocaleString('en')} stored in ${fill.seconds.toFixed(1)} s (${Math.round(fill.perSecond).toLocaleString('en')} rows/s)`);
      const prepareStarted = performance.now();
      await prepareForQueries(gateway.store);
      const prepareSeconds = (performance.now() - prepareStarted) / 1000;
      progress(`${label}: scores and ${kind === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE'} in ${prepareSeconds.toFixed(1)} s`);
      const bytes =
        kind === 'postgres'
          ? (await gateway.store.sql.get<{ n: number }>(
              "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = current_schema() AND c.relkind = 'r'",
            ))!.n
          : directoryBytes(dataDir);
      const explain = kind === 'postgres' && (options.explainSizes ?? []).includes(size);
      const capture = explain ? captureStatements(gateway) : undefined;
      const timings = await timeQueries(gateway, now, options.runs, (line) => progress(`${label}: ${line}`), {
        maxSecondsPerQuery: options.maxSecondsPerQuery,
        onQuery: (name) => capture?.start(name),
        onTimedRuns: () => capture?.stop(),
      });
      capture?.stop();
      // The server's close() has closed the store: the plans come over a connection of their own.
      const plans: StoreRun['plans'] = [];
      if (capture && schema) {
        await withAdmin(schema.url, async (client) => {
          for (const [query, statements] of capture.statements) {
            for (const statement of statements) {
              const result = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${numberPlaceholders(statement.text)}`, statement.params as unknown[]);
              plans.push({ query, statement: statement.text.replace(/\s+/g, ' ').trim(), plan: result.rows.map((row) => row['QUERY PLAN']).join('\n') });
            }
          }
        });
      }
      if (explain) progress(`${label}: explained ${plans.length} statements`);
      return { kind, size, sent: fill.rows, stored, fillSeconds: fill.seconds, perSecond: fill.perSecond, prepareSeconds, bytes, timings, plans: explain ? plans : undefined };
    } finally {
      // The HTTP server's close() has closed both already, unless a query failed before it ran.
      await gateway.logQueue.close().catch(() => undefined);
      await gateway.store.close().catch(() => undefined);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    if (schema && !options.keepPostgres) await withAdmin(options.postgresUrl, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema.schema} CASCADE`));
    else if (schema) progress(`${label}: kept ${schema.url}`);
  }
}

export async function compareStores(options: StoresOptions, progress: (line: string) => void): Promise<StoresResult> {
  const { postgresVersion, postgresSettings } = options.kinds.includes('postgres')
    ? await withAdmin(options.postgresUrl, async (client) => {
        const version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
        const settings = await client.query<{ name: string; setting: string }>(
          "SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'max_wal_size', 'synchronous_commit', 'max_parallel_workers_per_gather') ORDER BY name",
        );
        return { postgresVersion: version, postgresSettings: settings.rows.map((row) => `${row.name} ${row.setting}`).join(', ') };
      })
    : { postgresVersion: '', postgresSettings: '' };
  const runs: StoreRun[] = [];
  for (const size of options.sizes) {
    for (const kind of options.kinds) runs.push(await runOne(kind, size, options, progress));
  }
  return { runs, postgresVersion, postgresSettings };
}

const storeName: Record<StoreKind, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
const fmt = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const rowsLabel = (rows: number) => (rows >= 1_000_000 && rows % 1_000_000 === 0 ? `${rows / 1_000_000}M` : rows.toLocaleString('en'));
const gb = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;

/** The targets the other sections hold the SQLite store to, per store and size. */
function targets(run: StoreRun): Array<{ what: string; measured: string; holds: boolean }> {
  const timing = (name: string) => run.timings.find((t) => t.name === name);
  const property = timing('query_requests: property + last 7 days');
  const sessions = timing('query_sessions: last 7 days');
  return [
    { what: 'ingest ≥ 20,000 rows/s, none lost', measured: `${fmt(run.perSecond, 0)} rows/s, ${run.stored} of ${run.sent}`, holds: run.perSecond >= 20_000 && run.stored === run.sent },
    { what: 'query_requests with a property filter and a time range, p95 ≤ 50 ms', measured: property ? `${fmt(property.p95, 1)} ms` : 'n/a', holds: !!property && property.p95 <= 50 },
    { what: 'query_sessions over 7 days ≤ 300 ms (p95)', measured: sessions ? `${fmt(sessions.p95, 1)} ms` : 'n/a', holds: !!sessions && sessions.p95 <= 300 },
  ];
}

export function storesTable(result: StoresResult): string[] {
  const runs = result.runs;
  const heading = (run: StoreRun) => `${storeName[run.kind]} ${rowsLabel(run.size)}`;
  const lines = [
    '<!-- stores -->',
    `### Stores: SQLite and PostgreSQL${result.postgresVersion ? ` ${result.postgresVersion}` : ''} side by side (filled through the log queue, then queried through HTTP)`,
    '',
    '| store | rows | fill (s) | rows/s committed | rows stored | scores + ANALYZE (s) | size on disk |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const run of runs) {
    lines.push(
      `| ${storeName[run.kind]} | ${run.size.toLocaleString('en')}${run.sent < run.size ? ` (only ${run.sent.toLocaleString('en')} sent: time bound)` : ''} | ${fmt(run.fillSeconds, 1)} | ${fmt(run.perSecond, 0)} | ${run.stored.toLocaleString('en')}${run.stored === run.sent ? '' : ' **rows missing**'} | ${fmt(run.prepareSeconds, 1)} | ${gb(run.bytes)} |`,
    );
  }
  lines.push('', `Query latencies, median / p95 in ms (${runs[0]?.timings[0] ? 'up to ' + Math.max(...runs.flatMap((run) => run.timings.map((t) => t.runs))) : 0} timed runs each after one warm-up; a slow query stops after its time budget, with at least 3 runs, so its p95 is then its slowest run):`, '');
  lines.push(`| query | ${runs.map(heading).join(' | ')} |`, `|---|${runs.map(() => '---|').join('')}`);
  const names = runs[0]?.timings.map((timing) => timing.name) ?? [];
  for (const name of names) {
    const cells = runs.map((run) => {
      const timing = run.timings.find((t) => t.name === name);
      return timing ? `${fmt(timing.median, 1)} / ${fmt(timing.p95, 1)}${timing.runs < 10 ? ` (${timing.runs} runs)` : ''}` : 'n/a';
    });
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  lines.push('', `| target | ${runs.map(heading).join(' | ')} |`, `|---|${runs.map(() => '---|').join('')}`);
  const rowsOfTargets = runs.map(targets);
  for (let i = 0; i < (rowsOfTargets[0]?.length ?? 0); i++) {
    lines.push(`| ${rowsOfTargets[0]![i]!.what} | ${rowsOfTargets.map((t) => `${t[i]!.measured}${t[i]!.holds ? '' : ' **missed**'}`).join(' | ')} |`);
  }
  // Where a store stops being the right choice: only what the targets above show.
  const missed = runs.map((run, i) => ({ run, missed: rowsOfTargets[i]!.filter((t) => !t.holds).map((t) => t.what) })).filter((entry) => entry.missed.length > 0);
  lines.push('');
  if (missed.length === 0) lines.push('Both stores meet every target at every size measured: the numbers do not show either one stopping being the right choice here.');
  for (const { run, missed: what } of missed) lines.push(`- ${heading(run)} misses: ${what.join('; ')}.`);
  if (result.postgresSettings) lines.push('', `PostgreSQL ran on the same machine with its stock settings (${result.postgresSettings}); the gateway, the load generator and both databases shared the 2 cores.`);
  lines.push('<!-- /stores -->');
  return lines;
}

/** The plans captured at the sizes asked for, as markdown. */
export function plansMarkdown(result: StoresResult): string {
  const out: string[] = ['## PostgreSQL plans of the stores section\'s queries', ''];
  for (const run of result.runs) {
    if (!run.plans) continue;
    out.push(`### ${rowsLabel(run.size)} rows`, '');
    for (const plan of run.plans) out.push(`#### ${plan.query}`, '', '```sql', plan.statement, '```', '', '```', plan.plan, '```', '');
  }
  return out.join('\n');
}
