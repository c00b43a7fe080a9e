/**
 * The load generator: open-loop requests at a fixed rate (latency measured per request, with
 * sub-millisecond resolution), closed-loop maximum throughput, and streaming timings. Every loop
 * is bounded in time and in requests in flight.
 */
import { Agent, request } from 'undici';

export interface Target {
  name: string;
  /** The full endpoint, e.g. http://127.0.0.1:4000/v1/chat/completions. */
  url: string;
  body: string;
  headers: Record<string, string>;
}

export const loadAgent = new Agent({ keepAliveTimeout: 60_000, connections: 256, pipelining: 1 });

export interface Timed {
  latencies: number[];
  errors: number;
  /** Statuses other than 200, by status, for the report. */
  statuses: Record<number, number>;
  answered: number;
  /** The server's own time per answer from its Server-Timing header, where it sends one (ms). */
  serverMs: number[];
}

/** `gateway;dur=…` of a Server-Timing header: the time the gateway says it spent itself. */
export function gatewayServerMs(headers: Record<string, string | string[] | undefined>): number | undefined {
  const value = headers['server-timing'];
  if (typeof value !== 'string') return undefined;
  const match = /(?:^|,)\s*gateway;dur=([\d.]+)/.exec(value);
  return match ? Number(match[1]) : undefined;
}

async function timeOne(target: Target, result: Timed): Promise<void> {
  const started = performance.now();
  try {
    const response = await request(target.url, { method: 'POST', body: target.body, headers: target.headers, dispatcher: loadAgent });
    await response.body.dump({ limit: Number.POSITIVE_INFINITY });
    if (response.statusCode === 200) {
      result.latencies.push(performance.now() - started);
      result.answered++;
      const serverMs = gatewayServerMs(response.headers);
      if (serverMs !== undefined) result.serverMs.push(serverMs);
    } else {
      result.statuses[response.statusCode] = (result.statuses[response.statusCode] ?? 0) + 1;
      result.errors++;
    }
  } catch {
    result.errors++;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `rate` requests a second for `durationMs`, whatever the answers' pace (open loop). */
export async function fixedRate(target: Target, rate: number, durationMs: number, maxInFlight = 2_000): Promise<Timed & { sent: number }> {
  const result: Timed & { sent: number } = { latencies: [], errors: 0, statuses: {}, answered: 0, serverMs: [], sent: 0 };
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  for (;;) {
    const elapsed = performance.now() - started;
    if (elapsed >= durationMs) break;
    const due = Math.floor((elapsed * rate) / 1000);
    while (result.sent < due && inFlight.size < maxInFlight) {
      result.sent++;
      const one = timeOne(target, result).finally(() => inFlight.delete(one));
      inFlight.add(one);
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  return result;
}

/** `concurrency` clients each sending the next request when the last is answered (closed loop). */
export async function maxThroughput(target: Target, concurrency: number, durationMs: number): Promise<Timed & { perSecond: number }> {
  const result: Timed = { latencies: [], errors: 0, statuses: {}, answered: 0, serverMs: [] };
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) await timeOne(target, result);
    }),
  );
  return { ...result, perSecond: result.answered / ((performance.now() - started) / 1000) };
}

export interface StreamTimings {
  /** Request sent to first body byte, per request. */
  firstByte: number[];
  /** Time between consecutive SSE events, over all requests. */
  gaps: number[];
  /** The server's own time until its headers, from Server-Timing, where it sends one (ms). */
  serverMs: number[];
}

/** Sequential streamed requests: time to first byte and the gaps between events as they arrive. */
export async function streamTimings(target: Target, count: number, deadline: number): Promise<StreamTimings> {
  const timings: StreamTimings = { firstByte: [], gaps: [], serverMs: [] };
  for (let i = 0; i < count && performance.now() < deadline; i++) {
    const started = performance.now();
    const response = await request(target.url, { method: 'POST', body: target.body, headers: target.headers, dispatcher: loadAgent });
    if (response.statusCode !== 200) throw new Error(`${target.name}: HTTP ${response.statusCode} ${await response.body.text()}`);
    const serverMs = gatewayServerMs(response.headers);
    if (serverMs !== undefined) timings.serverMs.push(serverMs);
    let last: number | null = null;
    let pending = '';
    for await (const bytes of response.body) {
      const now = performance.now();
      if (last === null) timings.firstByte.push(now - started);
      pending += (bytes as Buffer).toString();
      const events = pending.split('\n\n');
      pending = events.pop() ?? '';
      for (let e = 0; e < events.length; e++) {
        if (last !== null) timings.gaps.push(now - last);
        last = now;
      }
    }
  }
  return timings;
}
