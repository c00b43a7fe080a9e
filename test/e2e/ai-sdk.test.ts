/**
 * The Vercel AI SDK adapter against a real gateway (mock provider) with the real `ai` functions:
 * sessions, users and properties in the log, usage, streaming, tool loops and agents, Helicone's
 * `extraBody.helicone` shape, prompt fields, per-call overrides and concurrent sessions.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APICallError, generateText, stepCountIs, streamText, tool, ToolLoopAgent } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSwitchyard, withSession } from '../../integrations/ai-sdk/index.js';
import { GatewayUnderTest } from '../helpers/gateway-under-test.js';

/** A stand-in gateway that records each request and answers a fixed chat completion. */
class CaptureServer {
  readonly requests: Array<{ url: string; headers: IncomingHttpHeaders; rawNames: string[]; body: Record<string, unknown> }> = [];
  private constructor(private readonly server: Server) {}

  static async start(): Promise<CaptureServer> {
    const server = createServer();
    const capture = new CaptureServer(server);
    server.on('request', (req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (text += chunk));
      req.on('end', () => {
        capture.requests.push({ url: req.url ?? '', headers: req.headers, rawNames: req.rawHeaders.filter((_, i) => i % 2 === 0), body: JSON.parse(text) });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({
          id: 'chatcmpl-capture',
          object: 'chat.completion',
          created: 1_700_000_000,
          model: 'captured',
          choices: [{ index: 0, message: { role: 'assistant', content: 'captured' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return capture;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The Helicone headers of a captured request, by lowercase name. */
  heliconeHeaders(index: number): Record<string, string> {
    const headers = this.requests[index]!.headers;
    return Object.fromEntries(
      Object.entries(headers)
        .filter(([name]) => name.startsWith('helicone-') || name === 'cache-control')
        .map(([name, value]) => [name, String(value)]),
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let gw: GatewayUnderTest;
let capture: CaptureServer;

beforeAll(async () => {
  gw = await GatewayUnderTest.start({});
  capture = await CaptureServer.start();
});
beforeEach(() => {
  capture.requests.length = 0;
});
afterAll(async () => {
  await gw.close();
  await capture.close();
});

const rowsOfSession = (sessionId: string) => gw.rows('WHERE r.session_id = ?', [sessionId]);

describe('createSwitchyard with the AI SDK', () => {
  it('generateText logs the session, user and properties, and counts usage', async () => {
    const switchyard = createSwitchyard({ baseURL: gw.url });
    const sessionId = randomUUID();
    const result = await withSession({ id: sessionId, name: 'Trip planner', path: '/plan' }, () =>
      generateText({
        model: switchyard('mock', { userId: 'alice@example.com', properties: { Environment: 'test', Attempt: 2 } }),
        prompt: 'Hello there',
        maxRetries: 0,
      }),
    );

    expect(result.text).toBe('Mock reply to: Hello there');
    expect(result.usage).toMatchObject({ inputTokens: 3, outputTokens: 7, totalTokens: 10 });
    const rows = await rowsOfSession(sessionId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 200,
      model: 'mock',
      is_stream: 0,
      session_path: '/plan',
      session_name: 'Trip planner',
      user_id: 'alice@example.com',
      prompt_tokens: 3,
      completion_tokens: 7,
      total_tokens: 10,
    });
    expect(rows[0]!.properties).toEqual({ Environment: 'test', Attempt: '2' });
    expect(JSON.parse(rows[0]!.request_body!)).toMatchObject({ model: 'mock', messages: [{ role: 'user', content: 'Hello there' }] });
    expect(rows[0]!.cost_usd).toBeGreaterThan(0);
  });

  it('streamText delivers chunks as they come, assembles the text and logs usage', async () => {
    const switchyard = createSwitchyard({ baseURL: gw.url });
    const sessionId = randomUUID();
    const chunks: string[] = [];
    const { text, usage } = await withSession({ id: sessionId, path: '/stream' }, async () => {
      const result = streamText({ model: switchyard('mock'), prompt: 'mock:reply=one_two_three', maxRetries: 0 });
      for await (const chunk of result.textStream) chunks.push(chunk);
      return { text: await result.text, usage: await result.usage };
    });

    expect(chunks).toEqual(['one ', 'two ', 'three']);
    expect(text).toBe('one two three');
    const [row] = await rowsOfSession(sessionId);
    expect(row).toMatchObject({ status: 200, is_stream: 1, session_path: '/stream', model: 'mock' });
    expect(row!.prompt_tokens).toBeGreaterThan(0);
    expect(row!.completion_tokens).toBe(4); // "one two three": 13 characters at four a token
    expect(usage).toMatchObject({ inputTokens: row!.prompt_tokens, outputTokens: row!.completion_tokens });
    // The provider asked for usage on the stream.
    expect(JSON.parse(row!.request_body!)).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('runs a tool the mock calls and sends its result back in a multi-step run, all in one session', async () => {
    const switchyard = createSwitchyard({ baseURL: gw.url });
    const sessionId = randomUUID();
    const executed: unknown[] = [];
    const getWeather = tool({
      description: 'The weather in a city',
      inputSchema: z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']) }),
      execute: async ({ city, unit }) => {
        executed.push({ city, unit });
        return { city, unit, temperature: 21 };
      },
    });

    const result = await withSession({ id: sessionId, path: '/agent' }, () =>
      generateText({ model: switchyard('mock'), tools: { get_weather: getWeather }, stopWhen: stepCountIs(3), prompt: 'Weather in Paris?', maxRetries: 0 }),
    );

    expect(executed).toEqual([{ city: 'sample city', unit: 'celsius' }]);
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]!.toolCalls[0]).toMatchObject({ toolName: 'get_weather', input: { city: 'sample city', unit: 'celsius' } });
    expect(result.text).toBe('Based on the tools: get_weather returned {"city":"sample city","unit":"celsius","temperature":21}.');

    const rows = await rowsOfSession(sessionId);
    expect(rows.map((row) => [row.status, row.session_path])).toEqual([
      [200, '/agent'],
      [200, '/agent'],
    ]);
    const secondBody = JSON.parse(rows[1]!.request_body!) as { messages: Array<{ role: string; content: unknown }> };
    expect(secondBody.messages.at(-1)).toMatchObject({ role: 'tool', content: '{"city":"sample city","unit":"celsius","temperature":21}' });
    expect(result.totalUsage.inputTokens).toBe(rows[0]!.prompt_tokens! + rows[1]!.prompt_tokens!);
    expect(result.totalUsage.outputTokens).toBe(rows[0]!.completion_tokens! + rows[1]!.completion_tokens!);
  });

  it('runs a streaming ToolLoopAgent through the gateway, the tool picked with mock:tool=', async () => {
    const switchyard = createSwitchyard({ baseURL: gw.url });
    const sessionId = randomUUID();
    const agent = new ToolLoopAgent({
      model: switchyard('mock', { properties: { Agent: 'news' } }),
      tools: {
        get_weather: tool({ inputSchema: z.object({ city: z.string() }), execute: async () => 'sunny' }),
        get_news: tool({ inputSchema: z.object({ limit: z.number().int() }), execute: async ({ limit }) => ({ headlines: limit }) }),
      },
      stopWhen: stepCountIs(4),
    });

    const text = await withSession({ id: sessionId, path: '/news-agent' }, async () => {
      const result = await agent.stream({ prompt: 'Latest news mock:tool=get_news' });
      let streamed = '';
      for await (const chunk of result.textStream) streamed += chunk;
      expect((await result.steps).map((step) => step.toolCalls.map((call) => call.toolName))).toEqual([['get_news'], []]);
      return streamed;
    });

    expect(text).toBe('Based on the tools: get_news returned {"headlines":1}.');
    const rows = await rowsOfSession(sessionId);
    expect(rows.map((row) => [row.status, row.is_stream, row.session_path, row.properties])).toEqual([
      [200, 1, '/news-agent', { Agent: 'news' }],
      [200, 1, '/news-agent', { Agent: 'news' }],
    ]);
    expect(rows.every((row) => row.completion_tokens! > 0)).toBe(true);
  });

  it("maps Helicone's extraBody.helicone to the same headers as the typed settings", async () => {
    const switchyard = createSwitchyard({ baseURL: capture.url });
    const typed = switchyard('mock', {
      session: { id: 'sess-1', name: 'Support', path: '/triage' },
      userId: 'user-123',
      properties: { Environment: 'production', 'Tag-beta': true },
      cache: true,
    });
    const heliconeShape = switchyard.chatModel('mock', {
      extraBody: {
        helicone: { sessionId: 'sess-1', sessionName: 'Support', sessionPath: '/triage', userId: 'user-123', properties: { Environment: 'production' }, tags: ['beta'], cache: true },
        metadata: { source: 'helicone-shape' },
      },
    });

    await generateText({ model: typed, prompt: 'one', maxRetries: 0 });
    await generateText({ model: heliconeShape, prompt: 'two', maxRetries: 0 });

    const expected = {
      'helicone-session-id': 'sess-1',
      'helicone-session-name': 'Support',
      'helicone-session-path': '/triage',
      'helicone-user-id': 'user-123',
      'helicone-property-environment': 'production',
      'helicone-property-tag-beta': 'true',
      'helicone-cache-enabled': 'true',
    };
    expect(capture.heliconeHeaders(0)).toEqual(expected);
    expect(capture.heliconeHeaders(1)).toEqual(expected);
    // Property names keep their spelling on the wire (the AI SDK lowercases them).
    expect(capture.requests[1]!.rawNames).toEqual(expect.arrayContaining(['Helicone-Property-Environment', 'Helicone-Property-Tag-beta']));
    expect(capture.requests[1]!.url).toBe('/v1/chat/completions');
    // The other extraBody keys go into the body; `helicone` itself does not.
    expect(capture.requests[1]!.body).toMatchObject({ model: 'mock', metadata: { source: 'helicone-shape' } });
    expect(capture.requests[1]!.body).not.toHaveProperty('helicone');
    expect(capture.requests[0]!.body).not.toHaveProperty('metadata');
  });

  it("logs Helicone's extraBody.helicone shape in the gateway (provider defaults, model overrides)", async () => {
    const sessionId = randomUUID();
    const switchyard = createSwitchyard({ baseURL: gw.url, extraBody: { helicone: { userId: 'default-user', properties: { App: 'switchyard' } } } });
    await generateText({
      model: switchyard('mock', { extraBody: { helicone: { sessionId, userId: 'user-123', properties: { Feature: 'quantum' }, tags: ['beta'] } } }),
      prompt: 'Explain quantum computing',
      maxRetries: 0,
    });

    const [row] = await rowsOfSession(sessionId);
    expect(row).toMatchObject({ status: 200, user_id: 'user-123', session_path: null });
    expect(row!.properties).toEqual({ App: 'switchyard', Feature: 'quantum', 'Tag-beta': 'true' });
  });

  it("sends prompt fields in the body as Helicone's provider does, which the gateway expands (404 for an unknown prompt)", async () => {
    const settings = { promptId: 'customer-support', versionId: 'version-uuid', environment: 'production', inputs: { customer_name: 'John', issue_type: 'billing' } };
    await generateText({ model: createSwitchyard({ baseURL: capture.url })('gpt-4o-mini', settings), prompt: 'placeholder', temperature: 0.2, maxRetries: 0 });

    expect(capture.requests[0]!.body).toEqual({
      model: 'gpt-4o-mini',
      temperature: 0.2,
      prompt_id: 'customer-support',
      version_id: 'version-uuid',
      environment: 'production',
      inputs: { customer_name: 'John', issue_type: 'billing' },
    });

    const error = await generateText({ model: createSwitchyard({ baseURL: gw.url })('mock', settings), prompt: 'placeholder', maxRetries: 0 }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(404);
    expect((error as APICallError).message).toMatch(/Prompt not found: customer-support/);
  });

  it('lets per-call headers win over model settings and the session', async () => {
    const switchyard = createSwitchyard({ baseURL: gw.url, properties: { Team: 'core' } });
    const sessionId = randomUUID();
    const requestId = randomUUID();
    await withSession({ id: sessionId, path: '/plan', userId: 'session-user' }, () =>
      generateText({
        model: switchyard('mock', { userId: 'alice', properties: { Environment: 'test' } }),
        prompt: 'override',
        headers: { 'Helicone-User-Id': 'bob', 'Helicone-Session-Path': '/override', 'Helicone-Property-Environment': 'staging', 'Helicone-Request-Id': requestId },
        maxRetries: 0,
      }),
    );

    const row = await gw.row(requestId);
    expect(row).toMatchObject({ session_id: sessionId, session_path: '/override', user_id: 'bob' });
    expect(row.properties).toEqual({ Team: 'core', Environment: 'staging' });
  });

  it('keeps a model pinned to its own session out of the enclosing withSession', async () => {
    const switchyard = createSwitchyard({ baseURL: gw.url });
    const ambient = randomUUID();
    const pinned = randomUUID();
    await withSession({ id: ambient, path: '/outer', properties: { Outer: true } }, () =>
      generateText({ model: switchyard('mock', { session: { id: pinned } }), prompt: 'pinned', maxRetries: 0 }),
    );

    expect(await rowsOfSession(ambient)).toEqual([]);
    const [row] = await rowsOfSession(pinned);
    expect(row).toMatchObject({ session_path: null, session_name: null });
    expect(row!.properties).toEqual({});
  });

  it('keeps concurrent withSession blocks apart, nested paths included', async () => {
    const switchyard = createSwitchyard({ baseURL: gw.url });
    const model = switchyard('mock');
    const run = (id: string, name: string, delays: [number, number]) =>
      withSession({ id, path: `/${name}`, userId: `${name}-user` }, async () => {
        await generateText({ model, prompt: `first mock:latency=${delays[0]}`, maxRetries: 0 });
        await withSession({ path: 'inner' }, () => generateText({ model, prompt: `second mock:latency=${delays[1]}`, maxRetries: 0 }));
      });
    const [a, b] = [randomUUID(), randomUUID()];
    await Promise.all([run(a, 'alpha', [60, 5]), run(b, 'beta', [5, 60])]);

    for (const [id, name] of [
      [a, 'alpha'],
      [b, 'beta'],
    ] as const) {
      const rows = await rowsOfSession(id);
      expect(rows.map((row) => [row.session_path, row.user_id, JSON.parse(row.request_body!).messages[0].content])).toEqual([
        [`/${name}`, `${name}-user`, expect.stringMatching(/^first /)],
        [`/${name}/inner`, `${name}-user`, expect.stringMatching(/^second /)],
      ]);
    }
  });

  it('offers chat models only', () => {
    const switchyard = createSwitchyard({ baseURL: gw.url });
    expect(switchyard.languageModel('mock').provider).toBe('switchyard.chat');
    expect(() => switchyard.embeddingModel('text-embedding-3-small')).toThrow(/chat models only/);
  });
});
