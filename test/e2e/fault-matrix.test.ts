/**
 * The fault matrix: every provider fault × {non-streaming, streaming} × {plain, retries, fallback
 * chain}, each cell's expected outcome computed from the gateway's documented rules:
 *
 * - retries (Helicone-Retry-Enabled) repeat a try on 429, 5xx and network errors, never on other 4xx;
 * - a chain fails over on 429, 401, 400, 408, 5xx and network errors; an answer that is cut or is
 *   not JSON is logged as 502, one that cannot be reached as 0 (the client gets 502);
 * - a stream that already started can neither be retried nor fail over: the client gets its
 *   partial answer and a final error event, and the request is logged as 500;
 * - a client that leaves ends the request: it is logged as cancelled (-3).
 *
 * Two silences: a provider silent past the gateway's upstream timeout (set to 400 ms here with
 * SWITCHYARD_UPSTREAM_TIMEOUT_MS) is a 504 try, retried and failed over like any 5xx; and a
 * client that gives up (aborts) while the provider holds its request ends it, logged -3.
 *
 * For every cell: what the client got, the attempts logged (source and status, in order), what the
 * provider saw, the log row's status and provider, and exactly one row for the request's id.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { cancelledStatus } from '../../gateway/src/log/log-record.js';
import type { Reply, Route } from '../helpers/fake-provider.js';
import { fixtureChunks } from '../helpers/fixtures.js';
import { gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';
import { reportFigure } from '../helpers/figures.js';

const upstreamTimeoutMs = 400;
const { fake, gw } = await gatewayWithFakeProviders(() => ({ SWITCHYARD_UPSTREAM_TIMEOUT_MS: String(upstreamTimeoutMs) }));

type Mode = 'non-streaming' | 'streaming';
type Setup = 'plain' | 'retries' | 'fallback';

const primary = { source: 'gpt-4.1-nano/openai', route: 'openai', provider: 'openai' } as const;
const secondary = { source: 'claude-sonnet-4-5/anthropic', route: 'anthropic', provider: 'anthropic' } as const;
const retryNum = 2;

const setups: Record<Setup, { model: string; headers: Record<string, string> }> = {
  plain: { model: primary.source, headers: {} },
  retries: {
    model: primary.source,
    headers: {
      'Helicone-Retry-Enabled': 'true',
      'helicone-retry-num': String(retryNum),
      'helicone-retry-factor': '2',
      'helicone-retry-min-timeout': '5',
      'helicone-retry-max-timeout': '20',
    },
  },
  fallback: { model: `${primary.source},${secondary.source}`, headers: {} },
};

/**
 * What one fault does to a request in one mode, in the terms of the rules:
 * - `fails`: the provider's try fails before any answer reached the client, logged with `attemptStatus`;
 * - `midStream`: the stream has started (headers and some chunks are out) when the fault hits;
 * - `passedThrough`: the stream finishes, and what the provider sent reaches the client as it was;
 * - `noAnswer`: the provider holds the request until the client gives up.
 */
type Effect = { kind: 'fails'; attemptStatus: number } | { kind: 'midStream' } | { kind: 'passedThrough'; marker: string } | { kind: 'noAnswer' };

interface Fault {
  name: string;
  reply: (mode: Mode) => Reply;
  effect: (mode: Mode) => Effect;
}

const openaiChunks = () => fixtureChunks('openai-chat/azure-model-router.1.chunks.txt');
const openaiError = (status: number) => ({ status, json: { error: { message: `upstream said ${status}`, type: 'test_error' } } });
const statusFault = (status: number): Fault => ({
  name: String(status),
  reply: () => openaiError(status),
  effect: () => ({ kind: 'fails', attemptStatus: status }),
});
const notJson = 'this is { not JSON';

const faults: Fault[] = [
  statusFault(429),
  statusFault(500),
  statusFault(503),
  {
    name: 'timeout (silent past the upstream timeout)',
    reply: () => ({ stall: true }),
    effect: () => ({ kind: 'fails', attemptStatus: 504 }),
  },
  {
    name: 'client gives up while the provider is silent',
    reply: () => ({ stall: true }),
    effect: () => ({ kind: 'noAnswer' }),
  },
  {
    name: 'connection reset before headers',
    reply: () => ({ resetBeforeHeaders: true }),
    effect: () => ({ kind: 'fails', attemptStatus: 0 }),
  },
  {
    name: 'invalid JSON body',
    reply: (mode) =>
      mode === 'streaming'
        ? { events: [...openaiChunks().slice(0, 3), notJson, ...openaiChunks().slice(3)], done: true }
        : { rawBody: `{"id": "chatcmpl-1", ${notJson}` },
    // A streamed Chat Completions answer from an OpenAI-compatible provider is forwarded event by
    // event as received (README, "Passthrough"): the stream has started, and it finished.
    effect: (mode) => (mode === 'streaming' ? { kind: 'passedThrough', marker: notJson } : { kind: 'fails', attemptStatus: 502 }),
  },
  {
    name: 'stream stalled mid-way, then cut',
    reply: (mode) =>
      mode === 'streaming' ? { events: openaiChunks(), done: true, cutAfter: 4, stallMs: 200 } : { json: { id: 'chatcmpl-partial', object: 'chat.completion', choices: [] }, cutBody: true, stallMs: 200 },
    effect: (mode) => (mode === 'streaming' ? { kind: 'midStream' } : { kind: 'fails', attemptStatus: 502 }),
  },
  {
    name: 'stream cut',
    reply: (mode) =>
      mode === 'streaming' ? { events: openaiChunks(), done: true, cutAfter: 4 } : { json: { id: 'chatcmpl-partial', object: 'chat.completion', choices: [] }, cutBody: true },
    effect: (mode) => (mode === 'streaming' ? { kind: 'midStream' } : { kind: 'fails', attemptStatus: 502 }),
  },
];

/** What the client saw. */
type ClientSaw =
  | { kind: 'answer'; status: 200 } // a completion, or a stream ending with [DONE]
  | { kind: 'error'; status: number } // an error answer before anything was streamed
  | { kind: 'stream error'; status: 200 } // a stream that began, then ended with an error event instead of [DONE]
  | { kind: 'aborted' }; // the client gave up before any answer

interface Expectation {
  client: ClientSaw;
  /** The attempts logged, in order. */
  attempts: Array<{ source: string; status: number }>;
  /** Requests each provider received. */
  calls: Partial<Record<Route, number>>;
  rowStatus: number;
  rowProvider: string | null;
  /** The stream had delivered text before it failed (streams that began only). */
  partialText?: boolean;
  /** Text the client must find in what it received, as the provider sent it. */
  relayed?: string;
}

const retryable = (status: number) => status === 0 || status === 429 || status >= 500;
const failsOver = (status: number) => status === 0 || status === 429 || status === 401 || status === 400 || status === 408 || status >= 500;
/** A try with no HTTP answer (status 0) is the gateway's 502 for the client. */
const clientStatusOf = (attemptStatus: number) => (attemptStatus === 0 ? 502 : attemptStatus);

function expectationOf(fault: Fault, mode: Mode, setup: Setup): Expectation {
  const effect = fault.effect(mode);
  const started = (client: ClientSaw, rowStatus: number, extra: Partial<Expectation> = {}): Expectation => ({
    client,
    attempts: [{ source: primary.source, status: 200 }],
    calls: { [primary.route]: 1 },
    rowStatus,
    rowProvider: primary.provider,
    ...extra,
  });
  switch (effect.kind) {
    case 'noAnswer':
      // The client leaves while the first try is in flight: no retry, no next attempt.
      return {
        client: { kind: 'aborted' },
        attempts: [{ source: primary.source, status: cancelledStatus }],
        calls: { [primary.route]: 1 },
        rowStatus: cancelledStatus,
        rowProvider: primary.provider,
      };
    case 'midStream':
      // Already streaming: neither retried nor failed over, whatever the setup.
      return started({ kind: 'stream error', status: 200 }, 500, { partialText: true });
    case 'passedThrough':
      return started({ kind: 'answer', status: 200 }, 200, { relayed: effect.marker });
    case 'fails': {
      const failed = { source: primary.source, status: effect.attemptStatus };
      if (setup === 'fallback' && failsOver(effect.attemptStatus)) {
        return {
          client: { kind: 'answer', status: 200 },
          attempts: [failed, { source: secondary.source, status: 200 }],
          calls: { [primary.route]: 1, [secondary.route]: 1 },
          rowStatus: 200,
          rowProvider: secondary.provider,
        };
      }
      const tries = setup === 'retries' && retryable(effect.attemptStatus) ? retryNum + 1 : 1;
      const status = clientStatusOf(effect.attemptStatus);
      return {
        client: { kind: 'error', status },
        attempts: Array.from({ length: tries }, () => failed),
        calls: { [primary.route]: tries },
        rowStatus: status,
        rowProvider: primary.provider,
      };
    }
  }
}

interface Cell {
  name: string;
  fault: Fault;
  mode: Mode;
  setup: Setup;
  expected: Expectation;
}

const modes: Mode[] = ['non-streaming', 'streaming'];
const setupNames = Object.keys(setups) as Setup[];
const cells: Cell[] = faults.flatMap((fault) =>
  modes.flatMap((mode) =>
    setupNames.map((setup) => {
      const expected = expectationOf(fault, mode, setup);
      const client = expected.client;
      const outcome =
        client.kind === 'aborted'
          ? 'client aborts'
          : client.kind === 'stream error'
            ? 'stream 200 ending in an error event'
            : `${client.kind} ${client.status}${expected.relayed ? ' (relayed as sent)' : ''}`;
      const attempts = expected.attempts.map(({ status }) => status).join(',');
      return { name: `${fault.name} · ${mode} · ${setup} → ${outcome}, attempts [${attempts}], logged ${expected.rowStatus}`, fault, mode, setup, expected };
    }),
  ),
);

interface Seen {
  client: ClientSaw;
  /** Streams: the text of the content deltas, and the raw body as received. */
  text: string;
  raw: string;
}

/** The SSE data payloads of a body. */
function dataOf(raw: string): string[] {
  return raw
    .split('\n\n')
    .map((block) =>
      block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n'),
    )
    .filter((data) => data !== '');
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500 && !(await check()); i++) await sleep(10);
  if (!(await check())) throw new Error(`timed out waiting for ${what}`);
}

async function send(cell: Cell, requestId: string): Promise<Seen> {
  const { model, headers } = setups[cell.setup];
  const controller = new AbortController();
  const sent = fetch(`${gw.url}/v1/chat/completions`, {
    method: 'POST',
    signal: controller.signal,
    headers: { 'content-type': 'application/json', 'Helicone-Request-Id': requestId, ...headers },
    body: JSON.stringify({ model, stream: cell.mode === 'streaming', messages: [{ role: 'user', content: 'hi' }] }),
  });
  if (cell.fault.effect(cell.mode).kind === 'noAnswer') {
    // The client's own timeout: it gives up once the provider is holding its request.
    await waitFor(() => fake.requests.length > 0, 'the provider to get the request');
    controller.abort();
    const error = await sent.then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );
    expect(error?.name).toBe('AbortError');
    return { client: { kind: 'aborted' }, text: '', raw: '' };
  }
  const response = await sent;
  const raw = await response.text();
  if (response.status !== 200) {
    const body = JSON.parse(raw) as { error?: { message?: unknown } };
    expect(typeof body.error?.message).toBe('string');
    return { client: { kind: 'error', status: response.status }, text: '', raw };
  }
  if (cell.mode === 'non-streaming') {
    const body = JSON.parse(raw) as { choices: Array<{ message: { content: string | null } }> };
    return { client: { kind: 'answer', status: 200 }, text: body.choices[0]?.message.content ?? '', raw };
  }
  const data = dataOf(raw);
  const last = data.at(-1);
  let text = '';
  for (const payload of data) {
    try {
      text += (JSON.parse(payload) as { choices?: Array<{ delta?: { content?: string } }> }).choices?.[0]?.delta?.content ?? '';
    } catch {
      // An event that is not JSON carries no text.
    }
  }
  if (last === '[DONE]') return { client: { kind: 'answer', status: 200 }, text, raw };
  expect(JSON.parse(last ?? '{}')).toMatchObject({ error: { message: expect.any(String) } });
  return { client: { kind: 'stream error', status: 200 }, text, raw };
}

/** The request's rows, once its record is written (a cancelled request is logged when the gateway notices). */
async function rowsOf(requestId: string) {
  await waitFor(
    async () => gw.gateway.logQueue.hasPending(requestId) || (await gw.gateway.store.hasRequest(requestId)),
    'the log record',
  );
  return gw.rows('WHERE r.request_id = ?', [requestId]);
}

let passed = 0;

describe('fault matrix', () => {
  it.each(cells.map((cell) => [cell.name, cell] as const))('%s', async (_name, cell) => {
    const { expected } = cell;
    // The fault lasts: every try of the first provider meets it; the second provider is healthy.
    fake.enqueue(primary.route, ...Array.from({ length: retryNum + 1 }, () => cell.fault.reply(cell.mode)));
    const requestId = randomUUID();

    const seen = await send(cell, requestId);
    expect(seen.client).toEqual(expected.client);
    if (expected.client.kind === 'answer') expect(seen.text).not.toBe('');
    if (expected.partialText) expect(seen.text).not.toBe('');
    if (expected.relayed) expect(seen.raw).toContain(expected.relayed);

    const rows = await rowsOf(requestId);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.status).toBe(expected.rowStatus);
    expect(row.provider).toBe(expected.rowProvider);
    expect(row.is_stream).toBe(cell.mode === 'streaming' ? 1 : 0);
    expect(row.attempts.map(({ source, status }) => ({ source, status }))).toEqual(expected.attempts);
    if (expected.rowStatus !== 200) expect(row.error_message).toEqual(expect.any(String));
    else expect(row.error_message).toBeNull();

    const calls: Partial<Record<Route, number>> = {};
    for (const request of fake.requests) calls[request.route] = (calls[request.route] ?? 0) + 1;
    expect(calls).toEqual(expected.calls);
    passed++;
  });
});

describe('fault matrix summary', () => {
  it('ran every cell', () => {
    reportFigure('fault matrix', `fault matrix: ${passed} cells passed`);
    expect(cells).toHaveLength(faults.length * modes.length * setupNames.length);
    expect(passed).toBe(cells.length);
  });
});
