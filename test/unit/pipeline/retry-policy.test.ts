import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../gateway/src/contract/chat.js';
import { HeaderError } from '../../../gateway/src/contract/helicone-headers.js';
import { GatewayError } from '../../../gateway/src/contract/errors.js';
import type { AttemptLog } from '../../../gateway/src/log/log-record.js';
import {
  backoff,
  defaultRetryPolicy,
  isRetryable,
  parseRetryAfterMs,
  parseRetryPolicy,
  type RetryPolicy,
  retryDelayMs,
} from '../../../gateway/src/pipeline/retry-policy.js';
import { ClientCancelled, runAttempts } from '../../../gateway/src/pipeline/run-attempts.js';
import type { Attempt } from '../../../gateway/src/routing/build-attempts.js';
import { createUpstreamPool } from '../../../gateway/src/upstream/send.js';

/** What Node's `req.headersDistinct` looks like: lowercased names, every value an array. */
const distinct = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), [value]]));

const headerError = (headers: Record<string, string>): HeaderError => {
  try {
    parseRetryPolicy(distinct(headers));
  } catch (error) {
    if (error instanceof HeaderError) return error;
    throw error;
  }
  throw new Error('expected a HeaderError');
};

describe('parseRetryPolicy', () => {
  it('is undefined without Helicone-Retry-Enabled, or with "false", whatever the other retry headers say', () => {
    expect(parseRetryPolicy({})).toBeUndefined();
    expect(parseRetryPolicy(distinct({ 'helicone-retry-num': 'nonsense' }))).toBeUndefined();
    expect(parseRetryPolicy(distinct({ 'Helicone-Retry-Enabled': 'false', 'helicone-retry-num': '3' }))).toBeUndefined();
    expect(parseRetryPolicy(distinct({ 'Helicone-Retry-Enabled': 'FALSE' }))).toBeUndefined();
  });

  it('uses Helicone’s defaults (5 / 2 / 1000 / 10000) when only enabled', () => {
    expect(parseRetryPolicy(distinct({ 'Helicone-Retry-Enabled': 'true' }))).toEqual({ retries: 5, factor: 2, minTimeoutMs: 1000, maxTimeoutMs: 10_000 });
    expect(parseRetryPolicy({ 'helicone-retry-enabled': 'TRUE' })).toEqual(defaultRetryPolicy);
  });

  it('reads every header, as strings, plain or as Node’s arrays', () => {
    expect(
      parseRetryPolicy(
        distinct({
          'Helicone-Retry-Enabled': 'true',
          'helicone-retry-num': '3',
          'helicone-retry-factor': '1.5',
          'helicone-retry-min-timeout': '250',
          'helicone-retry-max-timeout': ' 4000 ',
        }),
      ),
    ).toEqual({ retries: 3, factor: 1.5, minTimeoutMs: 250, maxTimeoutMs: 4000 });
    expect(parseRetryPolicy({ 'helicone-retry-enabled': 'true', 'helicone-retry-num': '0', 'helicone-retry-factor': '1' })).toMatchObject({ retries: 0, factor: 1 });
    expect(parseRetryPolicy({ 'helicone-retry-enabled': 'true', 'helicone-retry-num': '10' })).toMatchObject({ retries: 10 });
  });

  it('checks min ≤ max against the defaults of the header not sent', () => {
    expect(parseRetryPolicy({ 'helicone-retry-enabled': 'true', 'helicone-retry-min-timeout': '10000' })).toMatchObject({ minTimeoutMs: 10_000, maxTimeoutMs: 10_000 });
    expect(parseRetryPolicy({ 'helicone-retry-enabled': 'true', 'helicone-retry-max-timeout': '1000' })).toMatchObject({ minTimeoutMs: 1000, maxTimeoutMs: 1000 });
    expect(headerError({ 'helicone-retry-enabled': 'true', 'helicone-retry-min-timeout': '20000' }).header).toBe('Helicone-Retry-Min-Timeout');
    expect(headerError({ 'helicone-retry-enabled': 'true', 'helicone-retry-max-timeout': '500' }).header).toBe('Helicone-Retry-Max-Timeout');
  });

  const invalid: Array<[Record<string, string>, string, RegExp]> = [
    [{ 'helicone-retry-enabled': 'yes' }, 'Helicone-Retry-Enabled', /must be "true" or "false", got "yes"/],
    [{ 'helicone-retry-enabled': '' }, 'Helicone-Retry-Enabled', /must be "true" or "false"/],
    [{ 'helicone-retry-num': 'three' }, 'Helicone-Retry-Num', /whole number, got "three"/],
    [{ 'helicone-retry-num': '-1' }, 'Helicone-Retry-Num', /whole number/],
    [{ 'helicone-retry-num': '2.5' }, 'Helicone-Retry-Num', /whole number/],
    [{ 'helicone-retry-num': '' }, 'Helicone-Retry-Num', /whole number/],
    [{ 'helicone-retry-num': '11' }, 'Helicone-Retry-Num', /at most 10, got 11/],
    [{ 'helicone-retry-factor': 'abc' }, 'Helicone-Retry-Factor', /non-negative number/],
    [{ 'helicone-retry-factor': '0.5' }, 'Helicone-Retry-Factor', /at least 1, got 0.5/],
    [{ 'helicone-retry-factor': '1e3' }, 'Helicone-Retry-Factor', /non-negative number/],
    [{ 'helicone-retry-factor': 'Infinity' }, 'Helicone-Retry-Factor', /non-negative number/],
    [{ 'helicone-retry-min-timeout': '-5' }, 'Helicone-Retry-Min-Timeout', /non-negative number, got "-5"/],
    [{ 'helicone-retry-min-timeout': '1s' }, 'Helicone-Retry-Min-Timeout', /non-negative number/],
    [{ 'helicone-retry-max-timeout': 'NaN' }, 'Helicone-Retry-Max-Timeout', /non-negative number/],
    [{ 'helicone-retry-min-timeout': '300', 'helicone-retry-max-timeout': '200' }, 'Helicone-Retry-Min-Timeout', /\(300 ms\) must not be greater than Helicone-Retry-Max-Timeout \(200 ms\)/],
  ];
  for (const [headers, header, message] of invalid) {
    it(`refuses ${JSON.stringify(headers)}, naming ${header}`, () => {
      const error = headerError({ 'helicone-retry-enabled': 'true', ...headers });
      expect(error.header).toBe(header);
      expect(error.message).toMatch(message);
    });
  }

  it('refuses a retry header sent twice', () => {
    expect(() => parseRetryPolicy({ 'helicone-retry-enabled': ['true', 'true'] })).toThrow(/Helicone-Retry-Enabled was sent more than once/);
    expect(() => parseRetryPolicy({ 'helicone-retry-enabled': ['true'], 'helicone-retry-num': ['1', '2'] })).toThrow(/Helicone-Retry-Num was sent more than once/);
  });
});

describe('retryDelayMs', () => {
  const policy: RetryPolicy = { retries: 5, factor: 2, minTimeoutMs: 1000, maxTimeoutMs: 10_000 };

  it('is min(maxTimeout, minTimeout * factor^i) for retry i', () => {
    expect([0, 1, 2, 3, 4, 5].map((i) => retryDelayMs(policy, i))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect([0, 1, 2].map((i) => retryDelayMs({ ...policy, factor: 1 }, i))).toEqual([1000, 1000, 1000]);
    expect([0, 1, 2].map((i) => retryDelayMs({ ...policy, factor: 1.5, minTimeoutMs: 100 }, i))).toEqual([100, 150, 225]);
    expect(retryDelayMs({ ...policy, minTimeoutMs: 0 }, 3)).toBe(0);
  });

  it('uses a Retry-After in seconds instead, capped at maxTimeout', () => {
    expect(retryDelayMs(policy, 0, '3')).toBe(3000);
    expect(retryDelayMs(policy, 4, '0')).toBe(0);
    expect(retryDelayMs(policy, 0, '120')).toBe(10_000);
    expect(retryDelayMs(policy, 0, ['2'])).toBe(2000);
  });

  it('uses a Retry-After HTTP date instead, capped at maxTimeout', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(retryDelayMs(policy, 0, 'Wed, 21 Oct 2015 07:28:05 GMT', now)).toBe(5000);
    expect(retryDelayMs(policy, 0, 'Wed, 21 Oct 2015 08:28:00 GMT', now)).toBe(10_000);
    expect(retryDelayMs(policy, 2, 'Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0);
  });

  it('ignores an unreadable Retry-After', () => {
    for (const value of ['soon', '-3', '', '1e3', 'Wed, 99 Foo 2015']) expect(retryDelayMs(policy, 1, value)).toBe(2000);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads seconds (whole or decimal) and dates, and nothing else', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(parseRetryAfterMs('7', now)).toBe(7000);
    expect(parseRetryAfterMs(' 0.5 ', now)).toBe(500);
    expect(parseRetryAfterMs(new Date(now + 2500).toUTCString(), now)).toBe(2000); // dates have whole seconds
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
    expect(parseRetryAfterMs([], now)).toBeUndefined();
    expect(parseRetryAfterMs('-1', now)).toBeUndefined();
    expect(parseRetryAfterMs('tomorrow', now)).toBeUndefined();
  });
});

describe('isRetryable', () => {
  it('retries network errors, 429 and 5xx; never other 4xx', () => {
    expect([0, 429, 500, 502, 503, 504, 529].every(isRetryable)).toBe(true);
    expect([400, 401, 403, 404, 408, 409, 422].some(isRetryable)).toBe(false);
  });
});

describe('backoff', () => {
  it('waits at least the delay', async () => {
    const started = performance.now();
    await backoff(20, new AbortController().signal);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('stops as soon as the signal aborts, and refuses to start on an aborted signal', async () => {
    const controller = new AbortController();
    const waiting = backoff(60_000, controller.signal);
    setTimeout(() => controller.abort(), 5);
    await expect(waiting).rejects.toThrow();
    await expect(backoff(0, controller.signal)).rejects.toThrow();
  });
});

// ---- runAttempts with a retry policy ----

const pool = createUpstreamPool(60_000);
afterAll(() => pool.close());

const mockAttempt: Attempt = {
  source: 'mock/mock',
  provider: 'mock',
  model: 'mock',
  providerModel: 'mock',
  config: { name: 'mock', format: 'mock', baseUrl: 'mock://switchyard' },
};
const ask = (content: string): ChatRequest => ({ model: 'mock', messages: [{ role: 'user', content }] }) as ChatRequest;
const fast: RetryPolicy = { retries: 2, factor: 2, minTimeoutMs: 5, maxTimeoutMs: 20 };
const tries = (log: AttemptLog[]) => log.map(({ source, status }) => `${source} ${status}`);

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected runAttempts to fail');
}

/** A scripted OpenAI-compatible provider: each request takes the next reply (the last one repeats). */
interface Scripted {
  status: number;
  headers?: Record<string, string>;
  delayMs?: number;
}
let server: Server;
let baseUrl = '';
let script: Scripted[] = [];
let received = 0;
const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-test',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const reply = script[Math.min(received, script.length - 1)]!;
      received++;
      setTimeout(() => {
        const body = reply.status === 200 ? completion : { error: { message: `scripted ${reply.status}`, type: 'scripted' } };
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(body));
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const scripted = (): Attempt => ({
  source: 'gpt-test/openai',
  provider: 'openai',
  model: 'gpt-test',
  providerModel: 'gpt-test',
  config: { name: 'openai', format: 'openai', baseUrl, apiKey: 'sk-test' },
});
const useScript = (...replies: Scripted[]) => {
  script = replies;
  received = 0;
};

describe('runAttempts with retries', () => {
  it('without a policy, tries each attempt once (as before)', async () => {
    const log: AttemptLog[] = [];
    const error = await failureOf(runAttempts([mockAttempt], ask('mock:error=503'), false, new AbortController().signal, log, pool));
    expect(error).toBeInstanceOf(GatewayError);
    expect(tries(log)).toEqual(['mock/mock 503']);
  });

  it('retries a 5xx `retries` times, logging every try with its status and error, then fails over', async () => {
    const log: AttemptLog[] = [];
    const second: Attempt = { ...mockAttempt, source: 'mock-2/mock', model: 'mock-2' };
    const error = await failureOf(runAttempts([mockAttempt, second], ask('mock:error=503'), false, new AbortController().signal, log, pool, fast));
    expect(tries(log)).toEqual(['mock/mock 503', 'mock/mock 503', 'mock/mock 503', 'mock-2/mock 503', 'mock-2/mock 503', 'mock-2/mock 503']);
    expect(log.every((entry) => entry.error === 'mock: simulated HTTP 503 (mock:error)')).toBe(true);
    expect((error as GatewayError).status).toBe(503);
  });

  it('waits at least the backoff delays between tries', async () => {
    const started = performance.now();
    await failureOf(runAttempts([mockAttempt], ask('mock:error=500'), false, new AbortController().signal, [], pool, { retries: 2, factor: 2, minTimeoutMs: 10, maxTimeoutMs: 100 }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(10 + 20 - 5);
  });

  it('retries 429 as well, and succeeds when a retry does', async () => {
    useScript({ status: 429 }, { status: 503 }, { status: 200 });
    const log: AttemptLog[] = [];
    const success = await runAttempts([scripted()], ask('hi'), false, new AbortController().signal, log, pool, fast);
    expect(success.answer?.completion.choices[0]?.message.content).toBe('hello');
    expect(log.map(({ status, error }) => ({ status, error }))).toEqual([
      { status: 429, error: 'scripted 429' },
      { status: 503, error: 'scripted 503' },
      { status: 200, error: undefined },
    ]);
    expect(received).toBe(3);
  });

  it('retries a streaming attempt before its stream starts', async () => {
    useScript({ status: 500 }, { status: 200 });
    const log: AttemptLog[] = [];
    const success = await runAttempts([scripted()], ask('hi'), true, new AbortController().signal, log, pool, fast);
    expect(success.response.status).toBe(200);
    expect(tries(log)).toEqual(['gpt-test/openai 500', 'gpt-test/openai 200']);
    for await (const _ of success.response.body) void _;
  });

  for (const status of [400, 401, 403, 404, 408]) {
    it(`never retries ${status}`, async () => {
      useScript({ status });
      const log: AttemptLog[] = [];
      await failureOf(runAttempts([scripted()], ask('hi'), false, new AbortController().signal, log, pool, fast));
      expect(tries(log)).toEqual([`gpt-test/openai ${status}`]);
      expect(received).toBe(1);
    });
  }

  it('does not retry a provider that is not configured', async () => {
    const log: AttemptLog[] = [];
    await failureOf(runAttempts([{ ...mockAttempt, config: undefined, unavailable: 'no key' }], ask('hi'), false, new AbortController().signal, log, pool, fast));
    expect(tries(log)).toEqual(['mock/mock 400']);
  });

  it('retries network errors (status 0)', async () => {
    const log: AttemptLog[] = [];
    const unreachable: Attempt = { ...scripted(), source: 'gone/openai', config: { name: 'openai', format: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'k' } };
    const error = await failureOf(runAttempts([unreachable], ask('hi'), false, new AbortController().signal, log, pool, { ...fast, retries: 1 }));
    expect(tries(log)).toEqual(['gone/openai 0', 'gone/openai 0']);
    expect((error as GatewayError).status).toBe(502);
  });

  it('with retries 0, tries once', async () => {
    const log: AttemptLog[] = [];
    await failureOf(runAttempts([mockAttempt], ask('mock:error=503'), false, new AbortController().signal, log, pool, { ...fast, retries: 0 }));
    expect(tries(log)).toEqual(['mock/mock 503']);
  });

  it('honours Retry-After (seconds) over the backoff: waits at least that long', async () => {
    useScript({ status: 429, headers: { 'retry-after': '1' } }, { status: 200 });
    const started = performance.now();
    const log: AttemptLog[] = [];
    await runAttempts([scripted()], ask('hi'), false, new AbortController().signal, log, pool, { retries: 1, factor: 2, minTimeoutMs: 1, maxTimeoutMs: 5000 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(tries(log)).toEqual(['gpt-test/openai 429', 'gpt-test/openai 200']);
  });

  it('caps Retry-After at maxTimeout', async () => {
    // Without the cap this would wait an hour (and time out).
    useScript({ status: 503, headers: { 'retry-after': '3600' } }, { status: 200 });
    const log: AttemptLog[] = [];
    await runAttempts([scripted()], ask('hi'), false, new AbortController().signal, log, pool, { retries: 1, factor: 2, minTimeoutMs: 1, maxTimeoutMs: 10 });
    expect(tries(log)).toEqual(['gpt-test/openai 503', 'gpt-test/openai 200']);
  });

  it('honours a Retry-After HTTP date in the past (retries at once)', async () => {
    useScript({ status: 429, headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' } }, { status: 200 });
    const log: AttemptLog[] = [];
    await runAttempts([scripted()], ask('hi'), false, new AbortController().signal, log, pool, { retries: 1, factor: 2, minTimeoutMs: 60_000, maxTimeoutMs: 60_000 });
    expect(tries(log)).toEqual(['gpt-test/openai 429', 'gpt-test/openai 200']);
  });

  it('stops waiting when the client goes away during the backoff', async () => {
    const controller = new AbortController();
    const log: AttemptLog[] = [];
    const running = runAttempts([mockAttempt], ask('mock:error=503'), false, controller.signal, log, pool, { retries: 5, factor: 2, minTimeoutMs: 60_000, maxTimeoutMs: 60_000 });
    setTimeout(() => controller.abort(), 20);
    await expect(running).rejects.toBeInstanceOf(ClientCancelled);
    expect(tries(log)).toEqual(['mock/mock 503']);
  });
});
