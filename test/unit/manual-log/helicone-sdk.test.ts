/**
 * The real HeliconeManualLogger (@helicone/helpers) pointed at a local server: what it sends for
 * each method is captured as-is and fed to manualLogToRecord, so these tests pin down both the
 * wire protocol the /custom/v1/log route receives and the record made from it. Model calls go to
 * the same server, which answers with captured provider fixtures, through the real OpenAI SDK.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { HeliconeManualLogger } from '@helicone/helpers';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualLogToRecord } from '../../../gateway/src/manual-log/index.js';
import { fixtureJson } from '../../helpers/fixtures.js';
import { sseText } from './helpers.js';

interface CapturedLog {
  path: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Record<string, any>;
}

const openAIStreamText = sseText('openai-chat/azure-model-router.1.chunks.txt', { done: true });
const anthropicStreamText = sseText('anthropic/anthropic-text.chunks.txt', { named: true });

let server: Server;
let baseUrl: string;
let captured: CapturedLog[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '';
      if (url.endsWith('/v1/log')) {
        captured.push({ path: url, headers: req.headers, rawHeaders: req.rawHeaders, body: JSON.parse(text) as Record<string, any> });
        res.writeHead(200).end();
      } else if (url === '/v1/chat/completions') {
        const body = JSON.parse(text) as { stream?: boolean };
        if (body.stream) res.writeHead(200, { 'content-type': 'text/event-stream' }).end(openAIStreamText);
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(fixtureJson('openai-chat/openai-text.json')));
      } else if (url === '/v1/messages') {
        res.writeHead(200, { 'content-type': 'text/event-stream' }).end(anthropicStreamText);
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  captured = [];
});

const loggerHeaders = { 'Helicone-Property-App': 'switchyard-tests', 'Helicone-Session-Name': 'SDK suite' };

function newLogger(loggingEndpoint = `${baseUrl}/custom/v1/log`): HeliconeManualLogger {
  return new HeliconeManualLogger({ apiKey: 'test', loggingEndpoint, headers: loggerHeaders });
}

function newOpenAI(): OpenAI {
  return new OpenAI({ apiKey: 'sk-test', baseURL: `${baseUrl}/v1`, maxRetries: 0 });
}

/** The one log the SDK sent, and the record it becomes. */
function onlyLog() {
  expect(captured).toHaveLength(1);
  const log = captured[0]!;
  const record = manualLogToRecord(log.body, log.headers, log.rawHeaders, { path: log.path, now: Date.now() });
  return { log, record };
}

const timingShape = {
  startTime: { seconds: expect.any(Number), milliseconds: expect.any(Number) },
  endTime: { seconds: expect.any(Number), milliseconds: expect.any(Number) },
};

const chatRequest = { model: 'gpt-4.1-nano', messages: [{ role: 'user' as const, content: 'Write a poem' }] };

describe('HeliconeManualLogger.logRequest', () => {
  it('sends the request JSON, the recorded results as JSON, timing and the Helicone headers', async () => {
    const logger = newLogger();
    const openai = newOpenAI();
    const requestId = '5e0f3d1c-2b4a-4c6d-8e9f-0a1b2c3d4e5f';
    const before = Date.now();
    const result = await logger.logRequest(
      chatRequest,
      async (recorder) => {
        const completion = await openai.chat.completions.create(chatRequest);
        recorder.appendResults(completion as unknown as Record<string, unknown>);
        return completion;
      },
      {
        'Helicone-User-Id': 'user-42',
        'Helicone-Session-Id': 'session-7',
        'Helicone-Session-Path': '/poems/first',
        'Helicone-Request-Id': requestId,
        'Helicone-Property-Feature': 'poetry',
      },
    );
    const after = Date.now();
    expect(result.choices[0]!.message.content).toBeTruthy();

    const { log, record } = onlyLog();
    // The wire protocol.
    expect(log.path).toBe('/custom/v1/log');
    expect(log.headers).toMatchObject({
      authorization: 'Bearer test',
      'content-type': 'application/json',
      'helicone-property-app': 'switchyard-tests',
      'helicone-session-name': 'SDK suite',
      'helicone-user-id': 'user-42',
      'helicone-session-id': 'session-7',
      'helicone-session-path': '/poems/first',
      'helicone-request-id': requestId,
      'helicone-property-feature': 'poetry',
    });
    expect(log.body).toEqual({
      providerRequest: { url: 'custom-model-nopath', json: chatRequest, meta: {} },
      // The logger's own headers are echoed as the response headers; _type/toolName/name are undefined, so dropped.
      providerResponse: { headers: loggerHeaders, status: 200, json: fixtureJson('openai-chat/openai-text.json') },
      timing: timingShape,
    });
    expect(log.body.providerResponse).not.toHaveProperty('textBody');
    expect(log.body).not.toHaveProperty('provider');

    // The record.
    expect(record).toMatchObject({
      requestId,
      status: 200,
      errorMessage: null,
      provider: null,
      path: '/custom/v1/log',
      targetUrl: null,
      requestModel: 'gpt-4.1-nano',
      responseModel: 'gpt-4.1-nano-2025-04-14',
      stream: false,
      usage: { promptTokens: 16, completionTokens: 363, totalTokens: 379 },
      // No provider hint: gpt-4.1-nano at its cheapest listing, $0.10 / $0.40 per 1M tokens.
      costUsd: 0.0001468,
      userId: 'user-42',
      sessionId: 'session-7',
      sessionPath: '/poems/first',
      sessionName: 'SDK suite',
      properties: { App: 'switchyard-tests', Feature: 'poetry' },
      requestBody: JSON.stringify(chatRequest),
      responseBody: JSON.stringify(fixtureJson('openai-chat/openai-text.json')),
      timeToFirstTokenMs: null,
      attempts: [],
      gatewayKeyId: null,
    });
    expect(record.createdAt).toBeGreaterThanOrEqual(before);
    expect(record.responseCreatedAt).toBeLessThanOrEqual(after);
    expect(record.latencyMs).toBe(record.responseCreatedAt - record.createdAt);
    const { startTime, endTime } = log.body.timing as { startTime: { seconds: number; milliseconds: number }; endTime: { seconds: number; milliseconds: number } };
    expect(record.createdAt).toBe(startTime.seconds * 1000 + startTime.milliseconds);
    expect(record.responseCreatedAt).toBe(endTime.seconds * 1000 + endTime.milliseconds);
  });

  it('with a provider argument, posts to /<route>/v1/log and sends `provider`; times the operation', async () => {
    const logger = newLogger();
    const anthropicMessage = fixtureJson('anthropic/anthropic-text.json');
    const request = { model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] };
    await logger.logRequest(
      request,
      async (recorder) => {
        await sleep(40);
        recorder.appendResults(anthropicMessage);
      },
      { 'Helicone-User-Id': 'user-a' },
      'anthropic',
    );
    const { log, record } = onlyLog();
    expect(log.path).toBe('/anthropic/v1/log');
    expect(log.body.provider).toBe('anthropic');
    expect(record).toMatchObject({
      provider: 'anthropic',
      path: '/anthropic/v1/log',
      requestModel: 'claude-sonnet-4-5',
      responseModel: 'claude-sonnet-4-5-20250929',
      usage: { promptTokens: 12, completionTokens: 29, totalTokens: 41 },
      userId: 'user-a',
    });
    // claude-sonnet-4-5 at Anthropic: $3 / $15 per 1M tokens.
    expect(record.costUsd).toBeCloseTo((12 * 3 + 29 * 15) / 1e6, 15);
    expect(record.latencyMs).toBeGreaterThanOrEqual(35);
    expect(record.latencyMs).toBeLessThan(5000);
  });

  it('appends /custom/v1/log to an endpoint that does not end in a known log route', async () => {
    await newLogger(`${baseUrl}/`).logRequest({ model: 'gpt-4o-mini' }, async (recorder) => recorder.appendResults({ ok: true }));
    expect(onlyLog().log.path).toBe('/custom/v1/log');
    captured = [];
    await newLogger(`${baseUrl}/custom/v1/log`).logRequest({ model: 'gemini-2.5-flash' }, async (recorder) => recorder.appendResults({}), {}, 'google');
    const { log, record } = onlyLog();
    expect(log.path).toBe('/googleapis/v1/log');
    expect(record.provider).toBe('gemini');
  });

  it('logs tool, vector_db and data events, with _type/toolName/name copied into the response JSON', async () => {
    const logger = newLogger();
    await logger.logRequest({ _type: 'tool', toolName: 'calculator', input: { expression: '2 + 2' } }, async (recorder) => recorder.appendResults({ result: 4 }), {
      'Helicone-Session-Id': 'agent-run-1',
    });
    await logger.logRequest({ _type: 'vector_db', operation: 'search', text: 'How to make pasta', topK: 3, databaseName: 'recipes' }, async (recorder) =>
      recorder.appendResults({ results: [{ id: 'carbonara', score: 0.92 }] }),
    );
    await logger.logRequest({ _type: 'data', name: 'user_query', query: 'SELECT 1', database: 'production' }, async (recorder) =>
      recorder.appendResults({ status: 'success', rows: 1 }),
    );
    expect(captured).toHaveLength(3);
    const [tool, vector, data] = captured.map((log) => ({ log, record: manualLogToRecord(log.body, log.headers, log.rawHeaders, { path: log.path, now: Date.now() }) }));

    expect(tool!.log.body.providerResponse.json).toEqual({ result: 4, _type: 'tool', toolName: 'calculator' });
    expect(tool!.record).toMatchObject({ requestModel: 'tool:calculator', provider: 'tool', usage: null, costUsd: null, sessionId: 'agent-run-1', status: 200 });
    expect(JSON.parse(tool!.record.responseBody!)).toEqual({ result: 4, _type: 'tool', toolName: 'calculator' });

    expect(vector!.log.body.providerResponse.json).toEqual({ results: [{ id: 'carbonara', score: 0.92 }], _type: 'vector_db' });
    expect(vector!.record).toMatchObject({ requestModel: 'vector_db', provider: 'vector_db', usage: null, costUsd: null });

    expect(data!.log.body.providerResponse.json).toEqual({ status: 'success', rows: 1, _type: 'data', name: 'user_query' });
    expect(data!.record).toMatchObject({ requestModel: 'data:user_query', provider: 'data', usage: null, costUsd: null });
  });
});

describe('HeliconeManualLogger.logSingleRequest', () => {
  it('sends the body string as textBody (json is {}), with end = start + latencyMs', async () => {
    const logger = newLogger();
    const geminiResponse = fixtureJson('google/google-text.json');
    const request = { model: 'gemini-3-pro-preview', contents: [{ role: 'user', parts: [{ text: 'How many r in strawberry?' }] }] };
    const before = Date.now();
    await logger.logSingleRequest(request, JSON.stringify(geminiResponse), {
      additionalHeaders: { 'Helicone-User-Id': 'user-g', 'Helicone-Property-Region': 'eu' },
      latencyMs: 1234,
    });
    const after = Date.now();
    const { log, record } = onlyLog();
    expect(log.path).toBe('/custom/v1/log');
    expect(log.body).toEqual({
      providerRequest: { url: 'custom-model-nopath', json: request, meta: {} },
      providerResponse: { headers: loggerHeaders, status: 200, json: {}, textBody: JSON.stringify(geminiResponse) },
      timing: timingShape,
    });
    expect(record).toMatchObject({
      requestModel: 'gemini-3-pro-preview',
      responseModel: 'gemini-3-pro-preview',
      latencyMs: 1234,
      timeToFirstTokenMs: null,
      usage: { promptTokens: 9, completionTokens: 272, totalTokens: 281, reasoningTokens: 244 },
      // gemini-3-pro-preview at Gemini: $2 / $12 per 1M tokens.
      costUsd: 0.003282,
      userId: 'user-g',
      properties: { App: 'switchyard-tests', Region: 'eu' },
      responseBody: JSON.stringify(geminiResponse),
    });
    expect(record.createdAt).toBeGreaterThanOrEqual(before);
    expect(record.createdAt).toBeLessThanOrEqual(after);
    expect(record.responseCreatedAt).toBe(record.createdAt + 1234);
  });
});

describe('HeliconeManualLogger.logSingleStream', () => {
  it('sends a raw provider stream (Anthropic SSE) as textBody, with time to first token', async () => {
    const logger = newLogger();
    const request = { model: 'claude-sonnet-4-5', max_tokens: 200, stream: true, messages: [{ role: 'user', content: 'How are you?' }] };
    const response = await fetch(`${baseUrl}/v1/messages`, { method: 'POST', body: JSON.stringify(request) });
    const before = Date.now();
    await logger.logSingleStream(request, response.body!, { 'Helicone-Session-Id': 'stream-session', 'Helicone-Property-Kind': 'raw-sse' });
    const after = Date.now();
    const { log, record } = onlyLog();
    expect(log.body.providerResponse).toEqual({ headers: loggerHeaders, status: 200, json: {}, textBody: anthropicStreamText });
    expect(log.body.timing).toEqual({ ...timingShape, timeToFirstToken: expect.any(Number) });
    expect(record).toMatchObject({
      stream: true,
      requestModel: 'claude-sonnet-4-5',
      responseModel: 'claude-sonnet-4-5-20250929',
      usage: { promptTokens: 12, completionTokens: 30, totalTokens: 42 },
      sessionId: 'stream-session',
      sessionName: 'SDK suite',
      properties: { App: 'switchyard-tests', Kind: 'raw-sse' },
      responseBody: anthropicStreamText,
    });
    // No provider hint: claude-sonnet-4-5 at its only (cheapest) listing, Anthropic.
    expect(record.costUsd).toBeCloseTo((12 * 3 + 30 * 15) / 1e6, 15);
    expect(record.timeToFirstTokenMs).toBe(log.body.timing.timeToFirstToken);
    expect(record.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(record.timeToFirstTokenMs).toBeLessThanOrEqual(record.latencyMs);
    expect(record.createdAt).toBeGreaterThanOrEqual(before);
    expect(record.responseCreatedAt).toBeLessThanOrEqual(after);
  });
});

describe('HeliconeManualLogger.logStream', () => {
  it('logs an OpenAI SDK stream attached via tee().toReadableStream(): one JSON chunk per line', async () => {
    const logger = newLogger();
    const openai = newOpenAI();
    const request = { ...chatRequest, model: 'gpt-5-nano', stream: true as const, stream_options: { include_usage: true } };
    const stream = await openai.chat.completions.create(request);
    const clientStream = await logger.logStream(
      request,
      async (recorder) => {
        const [forClient, forLog] = stream.tee();
        recorder.attachStream(forLog.toReadableStream());
        return forClient;
      },
      { 'Helicone-User-Id': 'user-s' },
    );
    let clientText = '';
    for await (const chunk of clientStream) clientText += chunk.choices[0]?.delta.content ?? '';
    expect(clientText).toBe('Capital of Denmark.');

    const { log, record } = onlyLog();
    const lines = (log.body.providerResponse.textBody as string).trim().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ usage: { prompt_tokens: 15, completion_tokens: 78 } });
    expect(log.body.providerResponse.json).toEqual({});
    expect(record).toMatchObject({
      stream: true,
      requestModel: 'gpt-5-nano',
      responseModel: 'gpt-5-nano-2025-08-07',
      usage: { promptTokens: 15, completionTokens: 78, totalTokens: 93, reasoningTokens: 64 },
      userId: 'user-s',
    });
    // gpt-5-nano: $0.05 / $0.40 per 1M tokens.
    expect(record.costUsd).toBeCloseTo((15 * 0.05 + 78 * 0.4) / 1e6, 15);
    expect(record.timeToFirstTokenMs).toEqual(expect.any(Number));
  });
});

describe('HeliconeManualLogger.logBuilder', () => {
  it('toReadableStream: passes the stream through and logs each chunk as a JSON line', async () => {
    const logger = newLogger();
    const openai = newOpenAI();
    const request = { ...chatRequest, model: 'gpt-5-nano', stream: true as const, stream_options: { include_usage: true } };
    const builder = logger.logBuilder(request, { 'Helicone-Property-Route': 'builder' });
    const stream = await openai.chat.completions.create(request);
    const passedThrough = await new Response(builder.toReadableStream(stream)).text();
    builder.addAdditionalHeaders({ 'Helicone-User-Id': 'user-b' });
    await builder.sendLog();

    const { log, record } = onlyLog();
    expect(log.body.providerResponse.textBody).toBe(passedThrough);
    expect(log.headers).toMatchObject({ 'helicone-property-route': 'builder', 'helicone-user-id': 'user-b' });
    expect(record).toMatchObject({
      status: 200,
      stream: true,
      responseModel: 'gpt-5-nano-2025-08-07',
      usage: { promptTokens: 15, completionTokens: 78, reasoningTokens: 64 },
      userId: 'user-b',
      properties: { App: 'switchyard-tests', Route: 'builder' },
    });
    expect(record.costUsd).toBeCloseTo((15 * 0.05 + 78 * 0.4) / 1e6, 15);
    expect(record.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('attachStream consumes an SDK stream; setResponse sends a text body', async () => {
    const logger = newLogger();
    const openai = newOpenAI();
    const request = { ...chatRequest, model: 'gpt-5-nano', stream: true as const, stream_options: { include_usage: true } };
    const builder = logger.logBuilder(request);
    await builder.attachStream(await openai.chat.completions.create(request));
    await builder.sendLog();
    expect(onlyLog().record.usage).toMatchObject({ promptTokens: 15, completionTokens: 78 });

    captured = [];
    const single = logger.logBuilder(chatRequest);
    single.setResponse(JSON.stringify(fixtureJson('openai-chat/openai-text.json')));
    await single.sendLog();
    const { log, record } = onlyLog();
    expect(log.body.providerResponse).toMatchObject({ status: 200, json: {}, textBody: JSON.stringify(fixtureJson('openai-chat/openai-text.json')) });
    expect(record).toMatchObject({ stream: false, usage: { promptTokens: 16, completionTokens: 363 }, costUsd: 0.0001468 });
  });

  it('setError: status 500, the error stack before the body, and an error message', async () => {
    const logger = newLogger();
    const builder = logger.logBuilder(chatRequest, { 'Helicone-Session-Id': 'failing' });
    builder.setError(new Error('upstream exploded'));
    await builder.sendLog();
    const { log, record } = onlyLog();
    expect(log.body.providerResponse.status).toBe(500);
    expect(log.body.providerResponse.textBody).toMatch(/^Error: upstream exploded\n\s+at /);
    expect(record).toMatchObject({ status: 500, errorMessage: 'Error: upstream exploded', usage: null, costUsd: null, sessionId: 'failing' });
  });

  it('a cancelled stream is logged with status -3', async () => {
    const logger = newLogger();
    const openai = newOpenAI();
    const request = { ...chatRequest, model: 'gpt-5-nano', stream: true as const };
    const builder = logger.logBuilder(request);
    const reader = builder.toReadableStream(await openai.chat.completions.create(request)).getReader();
    await reader.read();
    await reader.cancel();
    await builder.sendLog();
    const { log, record } = onlyLog();
    expect(log.body.providerResponse.status).toBe(-3);
    expect(record.status).toBe(-3);
    expect(record.errorMessage).toMatch(/cancelled/);
    expect(record.timeToFirstTokenMs === null || record.timeToFirstTokenMs >= 0).toBe(true);
  });
});
