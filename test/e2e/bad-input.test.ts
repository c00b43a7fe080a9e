import { request as httpRequest } from 'node:http';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { gw } = await gatewayWithFakeProviders(() => ({ SWITCHYARD_MAX_BODY_BYTES: '65536' }));

const chat = { model: 'mock', messages: [{ role: 'user', content: 'hi' }] };

async function expectError(response: Response, status: number, message: RegExp, param?: string | null) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: { message: string; type: string; param: string | null } };
  expect(body.error.message).toMatch(message);
  if (param !== undefined) expect(body.error.param).toBe(param);
  return body.error;
}

describe('bad input gets a 4xx JSON error that names the problem', () => {
  it('invalid JSON', async () => {
    await expectError(await gw.post('/v1/chat/completions', '{"model": "mock",'), 400, /Request body is not valid JSON/);
  });

  it('an empty body', async () => {
    await expectError(await gw.post('/v1/chat/completions', ''), 400, /Request body is empty/);
  });

  it('a body that is not an object', async () => {
    await expectError(await gw.post('/v1/chat/completions', '[1,2]'), 400, /must be a JSON object/);
  });

  it('a missing model', async () => {
    await expectError(await gw.post('/v1/chat/completions', { messages: chat.messages }), 400, /"model".*required/, 'model');
  });

  it('a model that is not a string', async () => {
    await expectError(await gw.post('/v1/chat/completions', { ...chat, model: 42 }), 400, /model must be a string/, 'model');
  });

  it('missing or empty messages', async () => {
    await expectError(await gw.post('/v1/chat/completions', { model: 'mock' }), 400, /"messages".*required/, 'messages');
    await expectError(await gw.post('/v1/chat/completions', { model: 'mock', messages: [] }), 400, /at least one message/, 'messages');
  });

  it('a message with an unknown role names its index', async () => {
    await expectError(await gw.post('/v1/chat/completions', { model: 'mock', messages: [{ role: 'robot', content: 'x' }] }), 400, /role must be one of/, 'messages[0].role');
  });

  it('an unknown provider, with the list of valid ones', async () => {
    const error = await expectError(await gw.post('/v1/chat/completions', { ...chat, model: 'gpt-4o/opneai' }), 400, /"opneai" is not a provider/, 'model');
    expect(error.type).toBe('invalid_model');
  });

  it('an unknown bare model says how to name a provider', async () => {
    await expectError(await gw.post('/v1/chat/completions', { ...chat, model: 'gpt-17' }), 400, /Unknown model "gpt-17". Name its provider \(e\.g\. gpt-17\/openai\)/);
  });

  it('bad exclusions and empty chain entries', async () => {
    await expectError(await gw.post('/v1/chat/completions', { ...chat, model: '!,mock' }), 400, /Invalid exclusion "!"/);
    await expectError(await gw.post('/v1/chat/completions', { ...chat, model: '!nobody,mock' }), 400, /Unknown provider "nobody" in exclusion/);
    await expectError(await gw.post('/v1/chat/completions', { ...chat, model: 'mock,,mock' }), 400, /empty entry/);
    await expectError(await gw.post('/v1/chat/completions', { ...chat, model: '!openai' }), 400, /only exclusions/);
  });

  it('an oversized body, refused with 413', async () => {
    const big = { ...chat, messages: [{ role: 'user', content: 'x'.repeat(70_000) }] };
    await expectError(await gw.post('/v1/chat/completions', big), 413, /larger than 65536 bytes/);
  });

  it('bad header values', async () => {
    await expectError(await gw.post('/v1/chat/completions', chat, { 'Helicone-Request-Id': 'not-a-uuid' }), 400, /Helicone-Request-Id must be a UUID/, 'Helicone-Request-Id');
    await expectError(await gw.post('/v1/chat/completions', chat, { 'Helicone-Omit-Request': 'yes' }), 400, /Helicone-Omit-Request must be "true" or "false"/);
    await expectError(await gw.post('/v1/chat/completions', chat, { 'Helicone-Session-Id': '   ' }), 400, /Helicone-Session-Id is empty/);
    await expectError(await gw.post('/v1/chat/completions', chat, { 'Helicone-Target-URL': 'not a url' }), 400, /must be an absolute URL/);
  });

  it('a header sent twice', async () => {
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${gw.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'Helicone-Session-Id': ['a', 'b'] },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (data) => (body += data)).on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.end(JSON.stringify(chat));
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.message).toBe('Helicone-Session-Id was sent more than once; send it once');
  });

  it('tools that are not an array', async () => {
    await expectError(await gw.post('/v1/chat/completions', { ...chat, tools: 'abc' }), 400, /tools must be an array/, 'tools');
  });

  it('a reused Helicone-Request-Id, refused with 409 so the first log row is kept', async () => {
    const id = randomUUID();
    expect((await gw.post('/v1/chat/completions', chat, { 'Helicone-Request-Id': id })).status).toBe(200);
    await expectError(await gw.post('/v1/chat/completions', chat, { 'Helicone-Request-Id': id }), 409, /already used/);
    const rows = await gw.rows('WHERE r.request_id = ?', [id]);
    expect(rows.map((row) => row.status)).toEqual([200]);
  });

  it('unknown paths and wrong methods, in OpenAI’s shape on OpenAI’s paths and in Helicone’s envelope elsewhere', async () => {
    await expectError(await fetch(`${gw.url}/v1/chat/complete`), 404, /No route for GET \/v1\/chat\/complete/);
    const wrongMethod = await fetch(`${gw.url}/v1/chat/completions`);
    await expectError(wrongMethod, 405, /GET is not allowed on \/v1\/chat\/completions; use POST/);
    const unknown = await fetch(`${gw.url}/v1/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ data: null, error: 'No route for GET /v1/nope; see the README for the API' });
    const queryWrongMethod = await fetch(`${gw.url}/v1/property/query`);
    expect(queryWrongMethod.status).toBe(405);
    expect(await queryWrongMethod.json()).toEqual({ data: null, error: 'GET is not allowed on /v1/property/query; use POST' });
  });

  it('logs rejected requests too, with their error', async () => {
    const response = await gw.post('/v1/chat/completions', { ...chat, model: 'gpt-17' });
    const row = await gw.row(response.headers.get('helicone-id')!);
    expect(row).toMatchObject({ status: 400, request_model: 'gpt-17', error_message: expect.stringMatching(/Unknown model/), attempts: [] });
  });

  it('keeps serving after all of that', async () => {
    expect(await (await fetch(`${gw.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await gw.post('/v1/chat/completions', chat)).status).toBe(200);
  });
});

describe('custom properties', () => {
  it('keep the name as the client wrote it', async () => {
    const id = randomUUID();
    const body = JSON.stringify(chat);
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${gw.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Helicone-Request-Id': id, 'Helicone-Property-Environment': 'production', 'Helicone-Property-appName': 'Billing' },
      });
      req.on('response', (res) => res.resume().on('end', resolve));
      req.on('error', reject);
      req.end(body);
    });
    expect((await gw.row(id)).properties).toEqual({ Environment: 'production', appName: 'Billing' });
  });
});
