/**
 * Log ingest: records with bodies pushed through the gateway's own log queue into its SQLite
 * store as fast as the writer commits them (waiting for room as requests do), then counted back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../gateway/src/config.js';
import { createGateway, type Gateway } from '../../gateway/src/server/gateway.js';
import { syntheticRequest } from '../lib/synthetic-requests.js';

const requestBody = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'You are a helpful assistant.' }, { role: 'user', content: 'Invent a holiday and describe how people celebrate it.' }] });
const responseBody = JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'A holiday for the first warm evening of spring, when everyone eats outside.' }, finish_reason: 'stop' }], usage: { prompt_tokens: 30, completion_tokens: 18, total_tokens: 48 } });

export interface IngestResult {
  rows: number;
  seconds: number;
  perSecond: number;
  stored: number;
}

/**
 * Sends synthetic requests `0 … total-1` (with bodies, the newest at `now`) through the gateway's log
 * queue until `total` are sent or `maxSeconds` pass, then waits until every one is committed.
 * `progress` is told about every `progressEvery` rows (elapsed time and rate so far).
 * `window`: also keep at most two windows of that many rows unwritten (flushing each as the next
 * one starts), for a queue that drops rather than waits when full (the PostgreSQL store's spool).
 */
export async function ingestThroughQueue(
  gateway: Pick<Gateway, 'logQueue'>,
  total: number,
  maxSeconds: number,
  now: number,
  progress?: (line: string) => void,
  progressEvery = Number.POSITIVE_INFINITY,
  window = Number.POSITIVE_INFINITY,
): Promise<{ rows: number; seconds: number; perSecond: number }> {
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  let rows = 0;
  let previousWindow: Promise<void> = Promise.resolve();
  while (rows < total && performance.now() < deadline) {
    const room = gateway.logQueue.waitForRoom();
    if (room) await room;
    if (rows > 0 && rows % window === 0) {
      await previousWindow;
      previousWindow = gateway.logQueue.flush();
    }
    gateway.logQueue.enqueue({ ...syntheticRequest(rows, total, now), requestBody, responseBody });
    rows++;
    // Let the writer's timers run now and then, as the event loop would between requests.
    if (rows % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (progress && rows % progressEvery === 0) {
      const elapsed = (performance.now() - started) / 1000;
      progress(`sent ${rows.toLocaleString('en')} / ${total.toLocaleString('en')} (${Math.round((rows / total) * 100)}%) in ${elapsed.toFixed(0)} s, ${Math.round(rows / elapsed).toLocaleString('en')} rows/s`);
    }
  }
  await previousWindow;
  await gateway.logQueue.flush();
  const seconds = (performance.now() - started) / 1000;
  return { rows, seconds, perSecond: rows / seconds };
}

/** `store`: a PostgreSQL URL (an empty schema); by default a new SQLite file. */
export async function logIngest(total: number, maxSeconds: number, store?: string): Promise<IngestResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-ingest-bench-'));
  const gateway = await createGateway(loadConfig({ port: 0, dataDir, store }, {}));
  try {
    const { rows, seconds, perSecond } = await ingestThroughQueue(gateway, total, maxSeconds, Date.now());
    await gateway.logQueue.close();
    const stored = (await gateway.store.sql.get<{ n: number }>('SELECT count(*) AS n FROM requests'))!.n;
    return { rows, seconds, perSecond, stored };
  } finally {
    await gateway.store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
