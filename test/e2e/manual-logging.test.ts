/**
 * Helicone's own manual logger (@helicone/helpers) logs into Switchyard when only its
 * loggingEndpoint changes; what it logs is then found with the query API.
 */
import { randomUUID } from 'node:crypto';
import { HeliconeManualLogger } from '@helicone/helpers';
import { describe, expect, it } from 'vitest';
import { createGatewayKey } from '../../gateway/src/auth/gateway-keys.js';
import { fixtureChunks } from '../helpers/fixtures.js';
import { gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { gw } = await gatewayWithFakeProviders();
const { key } = await createGatewayKey(gw.gateway.store, 'manual-logger');
await gw.gateway.keys.reload();

const logger = new HeliconeManualLogger({ apiKey: key, loggingEndpoint: `${gw.url}/custom/v1/log` });

async function rowsFor(filter: unknown) {
  const response = await fetch(`${gw.url}/v1/request/query-clickhouse`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ filter }),
  });
  return ((await response.json()) as { data: Array<Record<string, unknown>> }).data;
}

describe('HeliconeManualLogger → Switchyard', () => {
  it('logs a request with its result, tokens, cost, user, session and properties', async () => {
    const requestId = randomUUID();
    const request = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hi' }] };
    const answer = await logger.logRequest(
      request,
      async (recorder) => {
        const result = { id: 'chatcmpl-manual', model: 'gpt-4o-mini-2024-07-18', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1000, completion_tokens: 200, total_tokens: 1200 } };
        recorder.appendResults(result);
        return result;
      },
      {
        'Helicone-Request-Id': requestId,
        'Helicone-User-Id': 'manual-user',
        'Helicone-Session-Id': 'manual-session',
        'Helicone-Session-Path': '/manual',
        'Helicone-Property-Source': 'manual-logger',
      },
      'openai',
    );
    expect(answer.id).toBe('chatcmpl-manual');
    const [row] = await rowsFor({ request_response_rmt: { request_id: { equals: requestId } } });
    expect(row).toMatchObject({
      request_model: 'gpt-4o-mini',
      response_model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      prompt_tokens: 1000,
      completion_tokens: 200,
      request_user_id: 'manual-user',
      request_path: '/oai/v1/log',
      properties: { Source: 'manual-logger', 'Helicone-Session-Id': 'manual-session', 'Helicone-Session-Path': '/manual' },
    });
    // gpt-4o-mini: $0.15 / $0.60 per 1M tokens.
    expect(row!.cost).toBeCloseTo((1000 * 0.15 + 200 * 0.6) / 1e6, 12);
  });

  it('logs a stream it was handed, reading usage from the chunks', async () => {
    const requestId = randomUUID();
    const sse = fixtureChunks('openai-chat/azure-model-router.1.chunks.txt').map((chunk) => `data: ${chunk}\n\n`).join('') + 'data: [DONE]\n\n';
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(sse));
        controller.close();
      },
    });
    await logger.logSingleStream({ model: 'gpt-5-nano', stream: true, messages: [{ role: 'user', content: 'Capital of Denmark?' }] }, stream, { 'Helicone-Request-Id': requestId });
    const [row] = await rowsFor({ request_response_rmt: { request_id: { equals: requestId } } });
    expect(row).toMatchObject({ response_model: 'gpt-5-nano-2025-08-07', prompt_tokens: 15, completion_tokens: 78, reasoning_tokens: 64 });
    expect(row!.time_to_first_token).toEqual(expect.any(Number));
  });

  it('logs tool calls as custom events', async () => {
    const requestId = randomUUID();
    await logger.logRequest({ _type: 'tool', toolName: 'get_stock_price', input: { ticker: 'TSLA' } }, async (recorder) => {
      recorder.appendResults({ price: 251.3 });
      return 251.3;
    }, { 'Helicone-Request-Id': requestId });
    const [row] = await rowsFor({ request_response_rmt: { request_id: { equals: requestId } } });
    expect(row).toMatchObject({ model: 'tool:get_stock_price', provider: 'tool', cost: null, response_status: 200 });
  });

  it('refuses a second log with the same request id', async () => {
    const requestId = randomUUID();
    const log = () =>
      fetch(`${gw.url}/custom/v1/log`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'Helicone-Request-Id': requestId },
        body: JSON.stringify({ providerRequest: { url: 'x', json: { model: 'm' }, meta: {} }, providerResponse: { status: 200, headers: {}, json: {} } }),
      });
    expect((await log()).status).toBe(200);
    const again = await log();
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toMatch(/already logged/);
  });

  it('needs the gateway key on query routes too, but not on a signed body link', async () => {
    const withoutKey = await fetch(`${gw.url}/v1/request/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"filter":"all"}' });
    expect(withoutKey.status).toBe(401);
    expect(((await withoutKey.json()) as { data: null; error: string }).error).toMatch(/requires a key/);

    const [row] = await rowsFor({ request_response_rmt: { user_id: { equals: 'manual-user' } } });
    const link = row!.signed_body_url as string;
    expect(link).toMatch(/\/body\?expires=\d+&signature=/);
    const bodies = await fetch(link);
    expect(bodies.status).toBe(200);
    expect(((await bodies.json()) as { data: { request: { model: string } } }).data.request.model).toBe('gpt-4o-mini');
    // Change the signature's first character (to something it is not).
    const tampered = await fetch(link.replace(/signature=(.)/, (_match, first: string) => `signature=${first === 'A' ? 'B' : 'A'}`));
    expect(tampered.status).toBe(401);
    const unsigned = await fetch(link.split('?')[0]!);
    expect(unsigned.status).toBe(401);
  });

  it('refuses a logger without the gateway key', async () => {
    const response = await fetch(`${gw.url}/custom/v1/log`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' },
      body: JSON.stringify({ providerRequest: { url: 'x', json: { model: 'm' }, meta: {} }, providerResponse: { status: 200, headers: {}, json: {} } }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ data: null, error: 'The gateway key is not valid or has been revoked' });
  });
});
