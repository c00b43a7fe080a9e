/**
 * The soak run: the built `switchyard start` under a steady, open-loop mix of traffic for a while,
 * watched from outside the way an operator would watch it (resident memory and open file
 * descriptors of the process, what the clients got, what the store holds after SIGTERM).
 *
 * Providers are faked only at the network edge: one FakeProvider (test/helpers/fake-provider.ts)
 * per behaviour, each behind its own OpenAI-format provider's base URL. The fake picks a scripted
 * reply from a per-route queue, in arrival order, not per request; giving each behaviour a fake of
 * its own keeps every reply in a queue identical, so concurrent requests cannot swap replies.
 *
 * - openai:    JSON and streamed chat (the fake's default fixtures), and the cache's misses;
 * - xai:       JSON tool calls;      fireworks: streamed tool calls (xAI's captured tool call);
 * - deepseek:  answers 500;          mistral:   answers 429 (the injected errors).
 *
 * Open loop: request i is sent at start + i / rate whatever happened to the earlier ones, so a
 * slow gateway meets more concurrent requests instead of a slower client (bounded by maxInFlight;
 * requests over it are counted as skipped, never queued).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import OpenAI, { APIError } from 'openai';
import { type BuiltGateway, startBuiltGateway } from '../helpers/built-gateway.js';
import { FakeProvider, type Reply } from '../helpers/fake-provider.js';
import { fixtureChunks, fixtureJson } from '../helpers/fixtures.js';

export const kinds = ['chat', 'stream', 'tool', 'toolStream', 'cache', 'error500', 'error429'] as const;
export type Kind = (typeof kinds)[number];

/** The status the client must get for each kind (and the row must hold). */
const expectedStatus: Record<Kind, number> = { chat: 200, stream: 200, tool: 200, toolStream: 200, cache: 200, error500: 500, error429: 429 };
export const injectedKinds: Kind[] = ['error500', 'error429'];

/** Default shares of the mix, in percent: mostly plain chat, ~15% injected errors. */
const defaultMix: Record<Kind, number> = { chat: 30, stream: 25, tool: 10, toolStream: 5, cache: 15, error500: 8, error429: 7 };
/** Distinct bodies the cache kind cycles through: each misses once (or a few times if sent together), then hits. */
const cacheBodies = 4;

export interface SoakOptions {
  durationMs: number;
  ratePerSecond: number;
  mix?: Partial<Record<Kind, number>>;
  /** Share of the run (from its start) left out of the memory slope and the fd start figure. */
  warmupShare?: number;
  /** Requests in flight above which a due request is skipped (and counted) rather than sent. */
  maxInFlight?: number;
  /** Idle time before the baseline and after the load: longer than the client's keep-alive (4 s), so pooled sockets are closed. */
  idleMs?: number;
  /** Progress lines during the run (every progressEveryMs). */
  log?: (line: string) => void;
  progressEveryMs?: number;
}

export interface KindFigures {
  sent: number;
  /** Answered as expected: a complete 200 answer, or the injected error's status. */
  answered: number;
  unexpected: number;
}

export interface SoakFigures {
  durationMs: number;
  ratePerSecond: number;
  scheduled: number;
  /** One request of each kind sent before the measured load (counted in sent and the rows). */
  priming: number;
  sent: number;
  skipped: number;
  byKind: Record<Kind, KindFigures>;
  cache: { hits: number; misses: number };
  unexpectedErrors: number;
  unexpectedSamples: string[];
  injected: { sent: number; answeredWithExpectedStatus: number };
  /** Requests a client got an answer for (expected or not), and what the store holds for them. */
  rows: { answered: number; stored: number; missing: number; wrongStatus: number; wrongCacheFlag: number; wrongSessionOrProperty: number; extra: number };
  providerCalls: Record<string, number>;
  /** Provider requests whose gateway connection went away before the answer was complete. */
  providerAborted: number;
  memory: { samples: number; startMb: number; endMb: number; maxMb: number; slopeMbPerMin: number };
  fds: { idleBefore: number; start: number; end: number; max: number; idleAfter: number };
  gatewayExit: { code: number | null; signal: NodeJS.Signals | null };
}

const providerKeys = {
  OPENAI_API_KEY: 'sk-soak-openai',
  XAI_API_KEY: 'xai-soak',
  FIREWORKS_API_KEY: 'fw-soak',
  DEEPSEEK_API_KEY: 'ds-soak',
  MISTRAL_API_KEY: 'mistral-soak',
};

const weatherTool: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: 'function',
  function: { name: 'weather', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } },
};

/** What each kind sends, and the reply its fake must give (undefined: the fake's default fixture). */
const plan: Record<Kind, { model: string; stream: boolean; tools?: boolean; reply?: () => Reply }> = {
  chat: { model: 'gpt-4.1-nano/openai', stream: false },
  stream: { model: 'gpt-4.1-nano/openai', stream: true },
  cache: { model: 'gpt-4.1-nano/openai', stream: false },
  tool: { model: 'grok-3-mini/xai', stream: false, tools: true, reply: () => ({ json: fixtureJson('openai-compatible/xai-tool-call.json') }) },
  toolStream: { model: 'grok-3-mini/fireworks', stream: true, tools: true, reply: () => ({ events: toolChunks, done: true }) },
  error500: { model: 'deepseek-chat/deepseek', stream: false, reply: () => ({ status: 500, json: { error: { message: 'injected 500', type: 'soak' } } }) },
  error429: { model: 'mistral-small-latest/mistral', stream: false, reply: () => ({ status: 429, json: { error: { message: 'injected 429', type: 'soak' } } }) },
};
const toolChunks = fixtureChunks('openai-compatible/xai-tool-call.chunks.txt');

/** A fixed, spread-out order of kinds (weighted, shuffled with a seeded PRNG) that request i takes at i mod its length. */
function kindCycle(mix: Record<Kind, number>): Kind[] {
  const cycle = kinds.flatMap((kind) => Array.from({ length: Math.max(0, Math.round(mix[kind])) }, () => kind));
  let seed = 0x5eed;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = cycle.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [cycle[i], cycle[j]] = [cycle[j]!, cycle[i]!];
  }
  if (cycle.length === 0) throw new Error('the mix is empty');
  return cycle;
}

function rssKb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}
const fdCount = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

/** Least-squares slope of y over x. */
export function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxx = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  const sxy = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)]!;
};

interface Answer {
  id: string;
  kind: Kind;
  status: number;
  cacheHit: boolean;
}

export async function runSoak(options: SoakOptions): Promise<SoakFigures> {
  const { durationMs, ratePerSecond, warmupShare = 0.2, maxInFlight = 256, idleMs = 6_000, log, progressEveryMs = 60_000 } = options;
  const mix = { ...defaultMix, ...options.mix };
  const cycle = kindCycle(mix);
  const fakeNames = ['openai', 'xai', 'fireworks', 'deepseek', 'mistral'] as const;
  const fakes = new Map<string, FakeProvider>();
  const fakeOf: Record<Kind, string> = { chat: 'openai', stream: 'openai', cache: 'openai', tool: 'xai', toolStream: 'fireworks', error500: 'deepseek', error429: 'mistral' };
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-soak-'));
  let gateway: BuiltGateway | undefined;
  let sampler: NodeJS.Timeout | undefined;
  // The fakes record every request; their counts are kept here and the records dropped each second.
  const providerCalls: Record<string, number> = Object.fromEntries(fakeNames.map((name) => [name, 0]));
  const drainRecords = () => {
    for (const [name, fake] of fakes) providerCalls[name]! += fake.requests.splice(0).length;
  };
  try {
    for (const name of fakeNames) fakes.set(name, await FakeProvider.start());
    const env: NodeJS.ProcessEnv = { ...providerKeys };
    for (const [name, fake] of fakes) env[`${name.toUpperCase()}_BASE_URL`] = `${fake.url}/v1`;
    gateway = await startBuiltGateway(['--data-dir', dataDir], env);
    const { child } = gateway;
    const pid = child.pid!;
    const alive = () => child.exitCode === null && child.signalCode === null;
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'unused', maxRetries: 0, timeout: 60_000 });

    const byKind = Object.fromEntries(kinds.map((kind) => [kind, { sent: 0, answered: 0, unexpected: 0 }])) as Record<Kind, KindFigures>;
    const answers: Answer[] = [];
    const unexpectedSamples: string[] = [];
    const cache = { hits: 0, misses: 0 };
    const unexpected = (kind: Kind, what: string) => {
      byKind[kind].unexpected++;
      if (unexpectedSamples.length < 20) unexpectedSamples.push(`${kind}: ${what}`);
    };

    /** One request of a kind, start to end; never throws (an outcome is counted instead). */
    const send = async (i: number, kind: Kind): Promise<void> => {
      const id = randomUUID();
      const { model, stream, tools, reply } = plan[kind];
      if (reply) fakes.get(fakeOf[kind])!.enqueue('openai', reply());
      const headers: Record<string, string> = {
        'Helicone-Request-Id': id,
        'Helicone-Session-Id': `soak-session-${i % 20}`,
        'Helicone-Session-Path': `/soak/${kind}`,
        'Helicone-Session-Name': 'soak',
        'Helicone-User-Id': `soak-user-${i % 7}`,
        'Helicone-Property-Soak-Kind': kind,
      };
      if (kind === 'cache') headers['Helicone-Cache-Enabled'] = 'true';
      const content = kind === 'cache' ? `soak cached question ${i % cacheBodies}` : `soak request ${i}`;
      const body = { model, messages: [{ role: 'user' as const, content }], ...(tools ? { tools: [weatherTool] } : {}) };
      byKind[kind].sent++;
      try {
        if (stream) {
          const chunks = await client.chat.completions.create({ ...body, stream: true }, { headers });
          let finish: string | null = null;
          let toolName = '';
          for await (const chunk of chunks) {
            finish = chunk.choices[0]?.finish_reason ?? finish;
            toolName += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.name ?? '';
          }
          answers.push({ id, kind, status: 200, cacheHit: false });
          if (!finish || (tools && toolName !== 'weather')) unexpected(kind, `incomplete stream (finish ${finish}, tool "${toolName}")`);
          else byKind[kind].answered++;
        } else {
          const { data, response } = await client.chat.completions.create({ ...body, stream: false }, { headers }).withResponse();
          const cacheHit = response.headers.get('helicone-cache') === 'HIT';
          answers.push({ id, kind, status: response.status, cacheHit });
          if (kind === 'cache') cacheHit ? cache.hits++ : cache.misses++;
          const message = data.choices[0]?.message;
          const complete = tools ? message?.tool_calls?.[0]?.type === 'function' && message.tool_calls[0].function.name === 'weather' : typeof message?.content === 'string';
          if (expectedStatus[kind] !== 200) unexpected(kind, `answered 200 instead of ${expectedStatus[kind]}`);
          else if (!complete) unexpected(kind, 'answer without the expected content');
          else byKind[kind].answered++;
        }
      } catch (error) {
        if (error instanceof APIError && error.status !== undefined) {
          answers.push({ id, kind, status: error.status, cacheHit: false });
          if (error.status === expectedStatus[kind]) byKind[kind].answered++;
          else unexpected(kind, `status ${error.status}: ${error.message}`);
        } else {
          // No HTTP answer at all (connection error, timeout, or a stream that broke).
          unexpected(kind, `no answer: ${(error as Error).message}`);
        }
      }
    };

    // Priming: one request of each kind, then idle, so lazily opened files and the first pooled
    // sockets are in the baseline fd count rather than counted as growth.
    await Promise.all(kinds.map((kind, n) => send(-1 - n, kind)));
    await sleep(idleMs);
    const fdIdleBefore = fdCount(pid);

    const samples: Array<{ t: number; rssKb: number; fds: number }> = [];
    const started = performance.now();
    let lastProgress = started;
    let inFlight = 0;
    let skipped = 0;
    sampler = setInterval(() => {
      // A gateway that died has no /proc entry: its requests fail and are counted; sampling stops.
      if (!alive()) return;
      samples.push({ t: performance.now() - started, rssKb: rssKb(pid), fds: fdCount(pid) });
      drainRecords();
      if (log && performance.now() - lastProgress >= progressEveryMs) {
        lastProgress = performance.now();
        const last = samples[samples.length - 1]!;
        const sent = kinds.reduce((sum, kind) => sum + byKind[kind].sent, 0);
        const bad = kinds.reduce((sum, kind) => sum + byKind[kind].unexpected, 0);
        log(`soak ${Math.round(last.t / 1000)} s: ${sent} sent, ${bad} unexpected, ${inFlight} in flight, RSS ${(last.rssKb / 1024).toFixed(1)} MB, ${last.fds} fds`);
      }
    }, 1_000);

    // The load itself: bounded by count (scheduled) and, through the schedule, by time.
    const scheduled = Math.floor((durationMs / 1000) * ratePerSecond);
    const intervalMs = 1000 / ratePerSecond;
    const pending = new Set<Promise<void>>();
    for (let i = 0; i < scheduled; i++) {
      const wait = started + i * intervalMs - performance.now();
      if (wait > 0) await sleep(wait);
      if (inFlight >= maxInFlight) {
        skipped++;
        continue;
      }
      inFlight++;
      const request = send(i, cycle[i % cycle.length]!).finally(() => {
        inFlight--;
        pending.delete(request);
      });
      pending.add(request);
    }
    // Every request has the client's 60 s timeout; this wait is bounded as well.
    await Promise.race([Promise.allSettled([...pending]), sleep(90_000)]);
    clearInterval(sampler);
    sampler = undefined;
    await sleep(idleMs);
    const fdIdleAfter = alive() ? fdCount(pid) : NaN;
    drainRecords();
    const providerAborted = [...fakes.values()].reduce((sum, fake) => sum + fake.aborted, 0);

    // SIGTERM: the gateway writes its queue and exits; then the store is read as it is on disk.
    child.kill('SIGTERM');
    const gatewayExit = await Promise.race([gateway.exited, sleep(20_000).then(() => ({ code: null, signal: 'timeout' as NodeJS.Signals }))]);
    const db = new Database(join(dataDir, 'switchyard.db'), { readonly: true });
    let rows: SoakFigures['rows'];
    try {
      const stored = new Map<string, { status: number; cache_hit: number; session_id: string | null; kind: string | null }>();
      const query = db.prepare(
        `SELECT r.request_id, r.status, r.cache_hit, r.session_id, p.value AS kind FROM requests r
         LEFT JOIN request_properties p ON p.request_id = r.request_id AND lower(p.key) = 'soak-kind'`,
      );
      // The key's case is what went on the wire: the openai SDK sends header names lowercased.
      for (const row of query.iterate() as Iterable<{ request_id: string; status: number; cache_hit: number; session_id: string | null; kind: string | null }>) stored.set(row.request_id, row);
      rows = { answered: answers.length, stored: 0, missing: 0, wrongStatus: 0, wrongCacheFlag: 0, wrongSessionOrProperty: 0, extra: 0 };
      const answeredIds = new Set<string>();
      for (const answer of answers) {
        answeredIds.add(answer.id);
        const row = stored.get(answer.id);
        if (!row) {
          rows.missing++;
          continue;
        }
        rows.stored++;
        if (row.status !== answer.status) rows.wrongStatus++;
        if ((row.cache_hit === 1) !== answer.cacheHit) rows.wrongCacheFlag++;
        if (!row.session_id?.startsWith('soak-session-') || row.kind !== answer.kind) rows.wrongSessionOrProperty++;
      }
      rows.extra = [...stored.keys()].filter((id) => !answeredIds.has(id)).length;
    } finally {
      db.close();
    }

    const warm = samples.filter((sample) => sample.t >= warmupShare * durationMs);
    const edge = Math.max(1, Math.min(5, Math.floor(warm.length / 10)));
    const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;
    const sent = kinds.reduce((sum, kind) => sum + byKind[kind].sent, 0);
    return {
      durationMs,
      ratePerSecond,
      scheduled,
      priming: kinds.length,
      sent,
      skipped,
      byKind,
      cache,
      unexpectedErrors: kinds.reduce((sum, kind) => sum + byKind[kind].unexpected, 0),
      unexpectedSamples,
      injected: {
        sent: injectedKinds.reduce((sum, kind) => sum + byKind[kind].sent, 0),
        answeredWithExpectedStatus: injectedKinds.reduce((sum, kind) => sum + byKind[kind].answered, 0),
      },
      rows,
      providerCalls,
      providerAborted,
      memory: {
        samples: warm.length,
        startMb: mb(warm[0]?.rssKb ?? NaN),
        endMb: mb(warm[warm.length - 1]?.rssKb ?? NaN),
        maxMb: mb(Math.max(...samples.map((sample) => sample.rssKb))),
        // MB per minute, over the samples after the warm-up.
        slopeMbPerMin: Math.round(slope(warm.map((sample) => [sample.t / 60_000, sample.rssKb / 1024])) * 100) / 100,
      },
      fds: {
        idleBefore: fdIdleBefore,
        // Medians of the first and last few samples after the warm-up: one sample alone moves with
        // how many requests happen to be in flight at that second.
        start: median(warm.slice(0, edge).map((sample) => sample.fds)),
        end: median(warm.slice(-edge).map((sample) => sample.fds)),
        max: Math.max(...samples.map((sample) => sample.fds)),
        idleAfter: fdIdleAfter,
      },
      gatewayExit,
    };
  } finally {
    if (sampler) clearInterval(sampler);
    if (gateway && gateway.child.exitCode === null && gateway.child.signalCode === null) gateway.child.kill('SIGKILL');
    for (const fake of fakes.values()) await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The figures as one readable block. */
export function formatFigures(f: SoakFigures): string {
  const lines = [
    `soak: ${f.durationMs / 1000} s at ${f.ratePerSecond} req/s: ${f.scheduled} scheduled (+${f.priming} priming), ${f.sent} sent, ${f.skipped} skipped (over maxInFlight)`,
    ...kinds.map((kind) => `  ${kind.padEnd(11)} sent ${String(f.byKind[kind].sent).padStart(6)}  answered as expected ${String(f.byKind[kind].answered).padStart(6)}  unexpected ${f.byKind[kind].unexpected}`),
    `  cache: ${f.cache.hits} hits, ${f.cache.misses} misses`,
    `unexpected errors: ${f.unexpectedErrors}${f.unexpectedSamples.length ? `\n  ${f.unexpectedSamples.join('\n  ')}` : ''}`,
    `injected errors: ${f.injected.sent} sent, ${f.injected.answeredWithExpectedStatus} answered with the expected status`,
    `rows: ${f.rows.answered} answered, ${f.rows.stored} stored, ${f.rows.missing} missing, ${f.rows.wrongStatus} wrong status, ${f.rows.wrongCacheFlag} wrong cache flag, ${f.rows.wrongSessionOrProperty} wrong session/property, ${f.rows.extra} extra`,
    `provider calls: ${Object.entries(f.providerCalls).map(([name, n]) => `${name} ${n}`).join(', ')}; aborted ${f.providerAborted}`,
    `memory (RSS, after ${f.memory.samples} post-warm-up samples): ${f.memory.startMb} MB -> ${f.memory.endMb} MB, max ${f.memory.maxMb} MB, slope ${f.memory.slopeMbPerMin} MB/min`,
    `fds: idle before ${f.fds.idleBefore}, under load start ${f.fds.start} end ${f.fds.end} max ${f.fds.max}, idle after ${f.fds.idleAfter}`,
    `gateway exit on SIGTERM: ${f.gatewayExit.code ?? f.gatewayExit.signal}`,
  ];
  return lines.join('\n');
}
