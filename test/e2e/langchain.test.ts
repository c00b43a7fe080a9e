/**
 * The LangChain adapter against a real gateway (mock provider) on 127.0.0.1: a real ChatOpenAI
 * whose calls arrive with the typed Helicone headers, the enclosing session, per-call overrides
 * and Helicone's prompt body fields.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AIMessageChunk } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { switchyardChatModel, withHeaders, withSession } from '../../integrations/langchain/index.js';
import { GatewayUnderTest } from '../helpers/gateway-under-test.js';

let gw: GatewayUnderTest;

beforeAll(async () => {
  gw = await GatewayUnderTest.start({});
});
afterAll(async () => {
  await gw.close();
});

/** A session's rows, property names in lower case (the OpenAI client sends header names in lower case). */
const rowsOf = async (sessionId: string) =>
  (await gw.rows('WHERE r.session_id = ?', [sessionId])).map((row) => ({
    ...row,
    properties: Object.fromEntries(Object.entries(row.properties).map(([key, value]) => [key.toLowerCase(), value])),
  }));

/** A server that answers every chat completion with a canned answer and records what it received. */
async function captureServer(): Promise<{ url: string; received: Array<{ headers: IncomingMessage['headers']; body: Record<string, unknown> }>; close: () => Promise<void> }> {
  const received: Array<{ headers: IncomingMessage['headers']; body: Record<string, unknown> }> = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(text) as Record<string, unknown> });
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          id: 'chatcmpl-capture',
          object: 'chat.completion',
          created: 1,
          model: 'gpt-4o-mini',
          choices: [{ index: 0, message: { role: 'assistant', content: 'captured' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('switchyardChatModel', () => {
  it('is a ChatOpenAI whose invoke is logged with the session, user and properties it was given', async () => {
    const sessionId = randomUUID();
    const model = switchyardChatModel({
      model: 'mock',
      baseURL: gw.url,
      session: { id: sessionId, name: 'Support chat', path: '/support/chat' },
      userId: 'user-789',
      properties: { Environment: 'production', Attempt: 2 },
      // The app's own configuration is kept and merged.
      configuration: { defaultHeaders: { 'Helicone-Property-Feature': 'faq' } },
    });
    expect(model).toBeInstanceOf(ChatOpenAI);

    const answer = await model.invoke([{ role: 'user', content: 'What is the capital of France?' }]);
    expect(answer.content).toBe('Mock reply to: What is the capital of France?');

    const rows = await rowsOf(sessionId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 200,
      model: 'mock',
      is_stream: 0,
      session_id: sessionId,
      session_name: 'Support chat',
      session_path: '/support/chat',
      user_id: 'user-789',
      properties: { environment: 'production', attempt: '2', feature: 'faq' },
    });
  });

  it('streams: chunks arrive one by one and the stream is logged', async () => {
    const sessionId = randomUUID();
    const model = switchyardChatModel({ model: 'mock', baseURL: gw.url, session: { id: sessionId, path: '/stream' } });
    const deltas: string[] = [];
    for await (const chunk of await model.stream('mock:reply=one_two_three')) {
      expect(chunk).toBeInstanceOf(AIMessageChunk);
      if (typeof chunk.content === 'string' && chunk.content !== '') deltas.push(chunk.content);
    }
    expect(deltas).toEqual(['one ', 'two ', 'three']);
    const [row] = await rowsOf(sessionId);
    expect(row).toMatchObject({ status: 200, is_stream: 1, session_path: '/stream' });
    expect(row!.response_body).toContain('one two three');
  });

  it('keeps bindTools: the mock calls the zod tool with arguments that fit its schema', async () => {
    const sessionId = randomUUID();
    const getWeather = tool(async ({ city }) => `Sunny in ${city}`, {
      name: 'get_weather',
      description: 'The weather in a city',
      schema: z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']) }),
    });
    const getNews = tool(async () => 'No news', { name: 'get_news', description: 'Headlines', schema: z.object({ limit: z.number().int() }) });
    const model = switchyardChatModel({ model: 'mock', baseURL: gw.url, session: { id: sessionId } }).bindTools([getNews, getWeather]);

    const answer = await model.invoke('mock:tool=get_weather What is the weather?');
    expect(answer.tool_calls).toHaveLength(1);
    const call = answer.tool_calls![0]!;
    expect(call.name).toBe('get_weather');
    expect(() => z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']) }).parse(call.args)).not.toThrow();
    expect(await getWeather.invoke(call.args as { city: string; unit: 'celsius' })).toBe(`Sunny in ${(call.args as { city: string }).city}`);

    const [row] = await rowsOf(sessionId);
    const body = JSON.parse(row!.request_body!) as { tools: Array<{ function: { name: string } }> };
    expect(body.tools.map((t) => t.function.name)).toEqual(['get_news', 'get_weather']);
    expect(row).toMatchObject({ status: 200, session_id: sessionId, session_path: null });
  });

  it('withHeaders overrides the model defaults and the enclosing session for those calls only', async () => {
    const defaultSession = randomUUID();
    const overrideSession = randomUUID();
    const enclosingSession = randomUUID();
    const model = switchyardChatModel({ model: 'mock', baseURL: gw.url, session: { id: defaultSession }, properties: { Layer: 'model' } });
    const perCall = withHeaders(model, { session: { id: overrideSession, path: '/override' }, userId: 'call-user', properties: { Layer: 'call' } });

    await withSession({ id: enclosingSession, path: 'outer' }, async () => {
      await perCall.invoke('first');
      // A bound model takes per-call headers too.
      await withHeaders(model.bindTools([tool(async () => 'x', { name: 'noop', schema: z.object({}) })]), { session: { id: overrideSession, path: '/bound' } }).invoke('second');
    });
    await model.invoke('third');

    const overridden = await rowsOf(overrideSession);
    expect(overridden.map((row) => [row.session_path, row.user_id, row.properties.layer])).toEqual([
      ['/override', 'call-user', 'call'],
      ['/bound', null, 'model'],
    ]);
    // The model's own session header is a header the call sets itself, so it wins over the enclosing session too.
    expect(await rowsOf(enclosingSession)).toEqual([]);
    const defaults = await rowsOf(defaultSession);
    expect(defaults).toHaveLength(1);
    expect(defaults[0]!.properties).toEqual({ layer: 'model' });
  });

  it('takes its session from withSession: concurrent sessions keep their own ids and paths', async () => {
    const model = switchyardChatModel({ model: 'mock', baseURL: gw.url, userId: 'shared-user' });
    const [a, b] = [randomUUID(), randomUUID()];
    const conversation = (id: string, name: string, delays: [number, number]) =>
      withSession({ id, name, path: name, properties: { Conversation: name } }, async () => {
        await model.invoke(`mock:latency=${delays[0]} hello from ${name}`);
        await withSession({ path: 'followup' }, () => model.invoke(`mock:latency=${delays[1]} again from ${name}`));
        for await (const _chunk of await withSession({ path: 'streamed' }, () => model.stream(`streamed from ${name}`))) {
          // drain
        }
      });
    await Promise.all([conversation(a, 'alpha', [40, 5]), conversation(b, 'beta', [5, 40])]);

    for (const [id, name] of [[a, 'alpha'], [b, 'beta']] as const) {
      const rows = await rowsOf(id);
      expect(rows.map((row) => row.session_path)).toEqual([`/${name}`, `/${name}/followup`, `/${name}/streamed`]);
      for (const row of rows) {
        expect(row).toMatchObject({ status: 200, session_name: name, user_id: 'shared-user', properties: { conversation: name } });
        expect(row.request_body).toContain(`from ${name}`);
      }
    }
  });

  it('sends a managed prompt as exactly Helicone’s body fields', async () => {
    const capture = await captureServer();
    try {
      const model = switchyardChatModel({
        model: 'gpt-4o-mini',
        baseURL: capture.url,
        apiKey: 'sk-switchyard-test',
        prompt: { id: 'customer-support-prompt', version: 'version-uuid', environment: 'production', inputs: { customer_name: 'John', issue_type: 'billing' } },
        modelKwargs: { seed: 7 },
      });
      const answer = await model.invoke('Where is my refund?');
      expect(answer.content).toBe('captured');
      expect(capture.received).toHaveLength(1);
      const { headers, body } = capture.received[0]!;
      expect(body).toMatchObject({
        model: 'gpt-4o-mini',
        prompt_id: 'customer-support-prompt',
        version_id: 'version-uuid',
        environment: 'production',
        inputs: { customer_name: 'John', issue_type: 'billing' },
        seed: 7,
        messages: [{ role: 'user', content: 'Where is my refund?' }],
      });
      expect(headers.authorization).toBe('Bearer sk-switchyard-test');

      // Only the fields given are sent.
      await switchyardChatModel({ model: 'gpt-4o-mini', baseURL: `${capture.url}/v1`, prompt: { id: 'abc123' } }).invoke('hi');
      const fields = Object.keys(capture.received[1]!.body).filter((key) => ['prompt_id', 'version_id', 'environment', 'inputs'].includes(key));
      expect(fields).toEqual(['prompt_id']);
    } finally {
      await capture.close();
    }

    // The gateway looks the prompt up: an unknown one is a 404 naming it.
    const model = switchyardChatModel({ model: 'mock', baseURL: gw.url, prompt: { id: 'abc123' }, maxRetries: 0 });
    await expect(model.invoke('hi')).rejects.toThrow(/Prompt not found: abc123/);
  });
});
