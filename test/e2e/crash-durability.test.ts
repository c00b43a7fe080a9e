/**
 * Crash durability of the log, on the built `switchyard start` under steady load (8 clients, each
 * request with its own Helicone-Request-Id, against the offline mock model, JSON and streams):
 *
 * - SIGTERM: the gateway finishes what is in flight and writes its queue before it exits, so every
 *   request a client got a 200 for is in the store.
 * - SIGKILL: nothing gets a chance to run. Once restarted on the same folder (migrations and WAL
 *   recovery on open), the store holds every request answered before the last commit interval.
 *
 * The commit interval: the log queue (gateway/src/log/log-queue.ts) writes a batch
 * `flushIntervalMs` = 25 ms after the first record waiting in it was queued (at once when 2000
 * are waiting, the batchSize the gateway sets in server/gateway.ts), and the writer thread
 * (log/log-writer-thread.ts) commits each batch in one transaction (WAL, synchronous=NORMAL: a
 * commit survives the process being killed). One batch is written at a time, so a record may also
 * wait for the write ahead of it. The record of a request is queued as soon as its answer is sent.
 * So a request is on disk at most 25 ms plus one or two batch writes after its answer; the test
 * allows `killWindowMs` (that interval with room for the writes and for a loaded test machine's
 * timers) and prints how many answered requests were missing and how long before the kill the
 * oldest of them was answered.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type BuiltGateway, startBuiltGateway } from '../helpers/built-gateway.js';
import { reportFigure } from '../helpers/figures.js';

const commitIntervalMs = 25;
const killWindowMs = 250;
const clients = 8;
/** Load lasts at most this long, and each client sends at most this many requests. */
const loadDeadlineMs = 2_000;
const maxRequestsPerClient = 5_000;
/** Answers to wait for before the signal, so it lands mid-load. */
const answersBeforeSignal = 400;

const dirs: string[] = [];
const children: BuiltGateway[] = [];
afterEach(() => {
  for (const gateway of children.splice(0)) if (gateway.child.exitCode === null && gateway.child.signalCode === null) gateway.child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-crash-'));
  dirs.push(dir);
  return dir;
}

async function start(dir: string): Promise<BuiltGateway> {
  const gateway = await startBuiltGateway(['--data-dir', dir]);
  children.push(gateway);
  return gateway;
}

interface Answered {
  id: string;
  /** When the whole answer had arrived (Date.now()). */
  at: number;
}

interface Load {
  answered: Answered[];
  failed: number;
  /** Stops the clients (after the request each has in flight). */
  stop(): void;
  done: Promise<void>;
}

/** Every client sends one request after another, alternating JSON and streams, each with its own id. */
function steadyLoad(url: string): Load {
  const answered: Answered[] = [];
  let failed = 0;
  let stopped = false;
  const deadline = Date.now() + loadDeadlineMs;
  const client = async (n: number) => {
    for (let i = 0; i < maxRequestsPerClient && !stopped && Date.now() < deadline; i++) {
      const id = randomUUID();
      const stream = i % 2 === 1;
      try {
        const response = await fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'helicone-request-id': id, 'helicone-session-id': 'crash-load' },
          body: JSON.stringify({ model: 'mock', stream, messages: [{ role: 'user', content: `client ${n} request ${i}` }] }),
        });
        const body = await response.text();
        const complete = stream ? body.trimEnd().endsWith('data: [DONE]') : body.includes('"chat.completion"');
        if (response.status === 200 && complete) answered.push({ id, at: Date.now() });
        else failed++;
      } catch {
        // The gateway went away: this client is done.
        failed++;
        return;
      }
    }
  };
  const done = Promise.all(Array.from({ length: clients }, (_, n) => client(n))).then(() => undefined);
  return { answered, get failed() { return failed; }, stop: () => (stopped = true), done };
}

async function waitForAnswers(load: Load, count: number): Promise<void> {
  for (let i = 0; i < 500 && load.answered.length < count; i++) await sleep(10);
  expect(load.answered.length, 'answers before the signal').toBeGreaterThanOrEqual(count);
}

function storedIds(dir: string): { ids: Set<string>; integrity: string } {
  const db = new Database(join(dir, 'switchyard.db'), { readonly: true });
  try {
    const ids = new Set(db.prepare("SELECT request_id FROM requests WHERE session_id = 'crash-load' AND status = 200").pluck().all() as string[]);
    return { ids, integrity: db.pragma('integrity_check', { simple: true }) as string };
  } finally {
    db.close();
  }
}

describe('crash durability of the log (the built gateway under steady load)', () => {
  it('SIGTERM: every answered request is in the store', async () => {
    const dir = dataDir();
    const gateway = await start(dir);
    const load = steadyLoad(gateway.url);
    await waitForAnswers(load, answersBeforeSignal);
    gateway.child.kill('SIGTERM');
    const exit = await gateway.exited;
    load.stop();
    await load.done;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(gateway.output()).toContain('Switchyard stopped.');

    const { ids, integrity } = storedIds(dir);
    expect(integrity).toBe('ok');
    const missing = load.answered.filter(({ id }) => !ids.has(id));
    reportFigure('crash durability', `crash durability, SIGTERM: ${load.answered.length} answered, ${load.answered.length - missing.length} of them stored, ${missing.length} missing`);
    expect(missing.map(({ id }) => id)).toEqual([]);
  }, 30_000);

  it(`SIGKILL: restarted on the same folder, the store opens and holds every request answered more than the commit interval (${commitIntervalMs} ms, allowed ${killWindowMs} ms) before the kill`, async () => {
    const dir = dataDir();
    const gateway = await start(dir);
    const load = steadyLoad(gateway.url);
    await waitForAnswers(load, answersBeforeSignal);
    const killedAt = Date.now();
    gateway.child.kill('SIGKILL');
    expect((await gateway.exited).signal).toBe('SIGKILL');
    load.stop();
    await load.done;

    // Restart on the same folder: it must open the store (WAL recovery, migrations) and serve.
    const restarted = await start(dir);
    expect(await (await fetch(`${restarted.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const after = randomUUID();
    const response = await fetch(`${restarted.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'helicone-request-id': after, 'helicone-session-id': 'crash-load' },
      body: JSON.stringify({ model: 'mock', messages: [{ role: 'user', content: 'after the restart' }] }),
    });
    expect(response.status).toBe(200);
    // The restarted gateway's query API sees the requests logged before the kill.
    const sample = load.answered.slice(0, 10).map(({ id }) => id);
    const queried = await fetch(`${restarted.url}/v1/request/query-ids`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requestIds: sample }),
    });
    expect(((await queried.json()) as { data: Array<{ request_id: string }> }).data.map((row) => row.request_id).sort()).toEqual([...sample].sort());
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toEqual({ code: 0, signal: null });

    const { ids, integrity } = storedIds(dir);
    expect(integrity).toBe('ok');
    expect(ids.has(after)).toBe(true);
    const missing = load.answered.filter(({ id }) => !ids.has(id));
    const early = missing.filter(({ at }) => killedAt - at > killWindowMs);
    const inLastInterval = missing.filter(({ at }) => killedAt - at <= commitIntervalMs).length;
    const oldestMissingMs = missing.length > 0 ? Math.max(...missing.map(({ at }) => killedAt - at)) : 0;
    reportFigure(
      'crash durability',
      `crash durability, SIGKILL: ${load.answered.length} answered, ${load.answered.length - missing.length} of them stored, ` +
        `${missing.length} missing (${inLastInterval} answered within the last ${commitIntervalMs} ms, the oldest ${oldestMissingMs} ms before the kill), ` +
        `${early.length} missing from earlier than ${killWindowMs} ms before the kill`,
    );
    expect(early.map(({ id }) => id)).toEqual([]);
  }, 30_000);
});
