/** The client's HTTP behaviour against a recording fetch: headers, envelopes, errors, timeouts, aborts. */
import { describe, expect, it } from 'vitest';
import { GatewayClient, GatewayClientError } from '../../../gateway/src/client/index.js';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeFetch(answer: (sent: Sent, signal: AbortSignal) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const record: Sent = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: init?.headers as Record<string, string>,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    sent.push(record);
    return answer(record, init!.signal!);
  }) as typeof fetch;
  return { sent, fetchImpl };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

async function failure(promise: Promise<unknown>): Promise<GatewayClientError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GatewayClientError);
  return error as GatewayClientError;
}

describe('requests', () => {
  it('sends the key, JSON content type, default headers and the call’s Helicone headers (case-insensitively merged)', async () => {
    const { sent, fetchImpl } = fakeFetch(() => json(200, { id: 'c', object: 'chat.completion', choices: [] }, { 'helicone-id': 'req-1' }));
    const client = new GatewayClient({
      baseUrl: 'http://q.example',
      gatewayBaseUrl: 'http://g.example/v1/',
      apiKey: 'sk-1',
      headers: { 'helicone-property-environment': 'dev', 'Helicone-User-Id': 'default-user' },
      fetch: fetchImpl,
    });
    const { requestId } = await client.chat(
      { model: 'mock', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } },
      { userId: 'alice', properties: { Environment: 'prod' }, extraHeaders: { 'x-extra': '1', 'helicone-user-id': 'bob' } },
    );
    expect(requestId).toBe('req-1');
    expect(sent[0]).toEqual({
      url: 'http://g.example/v1/chat/completions',
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-1', 'Helicone-Property-Environment': 'prod', 'helicone-user-id': 'bob', 'x-extra': '1' },
      body: { model: 'mock', messages: [{ role: 'user', content: 'hi' }], stream: false },
    });
  });

  it('sends no Authorization without a key, and URL-encodes path segments', async () => {
    const { sent, fetchImpl } = fakeFetch(() => json(200, { data: null, error: null }));
    const client = new GatewayClient({ baseUrl: 'http://q.example', fetch: fetchImpl });
    await client.addSessionFeedback('a/b c?d', true);
    expect(sent[0]!.url).toBe('http://q.example/v1/session/a%2Fb%20c%3Fd/feedback');
    expect(sent[0]!.headers).toEqual({ 'content-type': 'application/json' });
    expect(sent[0]!.body).toEqual({ rating: true });
  });

  it('sets properties one call per key with {key, value}', async () => {
    const { sent, fetchImpl } = fakeFetch(() => json(200, { data: null, error: null }));
    await new GatewayClient({ fetch: fetchImpl }).setProperties('r1', { A: '1', B: '2' });
    expect(sent.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'PUT', url: 'http://127.0.0.1:8585/v1/request/r1/property', body: { key: 'A', value: '1' } },
      { method: 'PUT', url: 'http://127.0.0.1:8585/v1/request/r1/property', body: { key: 'B', value: '2' } },
    ]);
  });

  it('maps property rows to their names', async () => {
    const { fetchImpl } = fakeFetch(() => json(200, { data: [{ property: 'Environment' }, { property: 'App' }], error: null }));
    expect(await new GatewayClient({ fetch: fetchImpl }).propertyKeys()).toEqual(['Environment', 'App']);
  });
});

describe('errors', () => {
  it('takes the message of an OpenAI error body', async () => {
    const { fetchImpl } = fakeFetch(() => json(400, { error: { message: 'Unknown model "gpt-17"', type: 'invalid_request_error' } }));
    const error = await failure(new GatewayClient({ fetch: fetchImpl }).chat({ model: 'gpt-17', messages: [{ role: 'user', content: 'x' }] }));
    expect(error).toMatchObject({ status: 400, path: '/v1/chat/completions', message: 'POST /v1/chat/completions failed with 400: Unknown model "gpt-17"' });
    expect(error.body).toEqual({ error: { message: 'Unknown model "gpt-17"', type: 'invalid_request_error' } });
  });

  it('takes the message of an envelope error, with a non-2xx status or without', async () => {
    const { fetchImpl } = fakeFetch(() => json(404, { data: null, error: 'Session not found: s' }));
    expect((await failure(new GatewayClient({ fetch: fetchImpl }).sessionTrace('s'))).message).toBe('GET /v1/session/s/trace failed with 404: Session not found: s');
    const ok = fakeFetch(() => json(200, { data: null, error: 'quota exceeded' }));
    const error = await failure(new GatewayClient({ fetch: ok.fetchImpl }).queryUsers());
    expect(error).toMatchObject({ status: 200, message: 'POST /v1/user/query failed with 200: quota exceeded' });
  });

  it('takes a text body as the message, and the status text when there is none', async () => {
    const text = fakeFetch(() => new Response('Bad Gateway from the proxy', { status: 502 }));
    expect((await failure(new GatewayClient({ fetch: text.fetchImpl }).propertyKeys())).message).toBe('POST /v1/property/query failed with 502: Bad Gateway from the proxy');
    const empty = fakeFetch(() => new Response(null, { status: 503, statusText: 'Service Unavailable' }));
    expect((await failure(new GatewayClient({ fetch: empty.fetchImpl }).propertyKeys())).message).toBe('POST /v1/property/query failed with 503: Service Unavailable');
  });

  it('prefixes the message once', () => {
    const message = 'GET /x failed with 500: boom';
    expect(new GatewayClientError({ method: 'GET', path: '/x', status: 500, message }).message).toBe(message);
  });

  it('gives status 0 and the URL for a network failure', async () => {
    const { fetchImpl } = fakeFetch(() => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 10.0.0.1:1') });
    });
    const error = await failure(new GatewayClient({ baseUrl: 'http://10.0.0.1:1', fetch: fetchImpl }).queryRequests({ filter: 'all' }));
    expect(error).toMatchObject({ status: 0, path: '/v1/request/query-clickhouse' });
    expect(error.message).toBe('POST /v1/request/query-clickhouse failed with 0: could not reach http://10.0.0.1:1/v1/request/query-clickhouse (connect ECONNREFUSED 10.0.0.1:1)');
  });

  it('gives status 0 when the call times out', async () => {
    const hang = (_sent: Sent, signal: AbortSignal) => new Promise<Response>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const { fetchImpl } = fakeFetch(hang);
    const error = await failure(new GatewayClient({ fetch: fetchImpl, timeoutMs: 30 }).metrics({}));
    expect(error).toMatchObject({ status: 0, message: 'POST /v1/metrics/query failed with 0: no answer from http://127.0.0.1:8585/v1/metrics/query within 30 ms' });
  });

  it('rethrows the caller’s own abort unchanged', async () => {
    const hang = (_sent: Sent, signal: AbortSignal) => new Promise<Response>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const { fetchImpl } = fakeFetch(hang);
    const controller = new AbortController();
    const call = new GatewayClient({ fetch: fetchImpl }).chat({ model: 'mock', messages: [{ role: 'user', content: 'x' }] }, { signal: controller.signal });
    controller.abort(new Error('user gave up'));
    await expect(call).rejects.toThrow('user gave up');
  });

  it('health() is false on any failure and never throws', async () => {
    const down = fakeFetch(() => {
      throw new TypeError('fetch failed');
    });
    expect(await new GatewayClient({ fetch: down.fetchImpl }).health()).toBe(false);
    const error = fakeFetch(() => new Response('no', { status: 500 }));
    expect(await new GatewayClient({ fetch: error.fetchImpl }).health()).toBe(false);
    const up = fakeFetch(() => json(200, { status: 'ok' }));
    expect(await new GatewayClient({ fetch: up.fetchImpl }).health()).toBe(true);
    expect(up.sent[0]!.url).toBe('http://127.0.0.1:8585/healthz');
  });
});

describe('getRequestBodies', () => {
  it('reads Helicone’s raw {request, response} from another host without sending the key or default headers', async () => {
    const { sent, fetchImpl } = fakeFetch(() => json(200, { request: { model: 'gpt-4o' }, response: { id: 'x' } }));
    const client = new GatewayClient({ baseUrl: 'https://api.helicone.ai', apiKey: 'sk-helicone', headers: { 'Helicone-Property-A': 'b' }, fetch: fetchImpl });
    const bodies = await client.getRequestBodies({ request_id: 'r', signed_body_url: 'https://bucket.s3.amazonaws.com/r/raw_request_response_body?X-Amz-Signature=abc' });
    expect(bodies).toEqual({ request: { model: 'gpt-4o' }, response: { id: 'x' } });
    expect(sent[0]).toMatchObject({ method: 'GET', url: 'https://bucket.s3.amazonaws.com/r/raw_request_response_body?X-Amz-Signature=abc', headers: {} });
  });

  it('keeps the signature out of error messages', async () => {
    const { fetchImpl } = fakeFetch(() => new Response('<Error>AccessDenied</Error>', { status: 403 }));
    const error = await failure(new GatewayClient({ fetch: fetchImpl }).getRequestBodies({ request_id: 'r', signed_body_url: 'https://bucket.example/r?sig=secret' }));
    expect(error.message).toBe('GET https://bucket.example/r failed with 403: <Error>AccessDenied</Error>');
    expect(error.message).not.toContain('secret');
  });

  it('falls back to getRequest with bodies when the row has no URL', async () => {
    const { sent, fetchImpl } = fakeFetch(() => json(200, { data: { request_id: 'r', request_body: { a: 1 }, response_body: { b: 2 } }, error: null }));
    expect(await new GatewayClient({ fetch: fetchImpl }).getRequestBodies({ request_id: 'r', signed_body_url: null })).toEqual({ request: { a: 1 }, response: { b: 2 } });
    expect(sent[0]!.url).toBe('http://127.0.0.1:8585/v1/request/r?includeBody=true');
  });
});

describe('logManual', () => {
  const payload = { providerRequest: { url: 'x', json: {}, meta: {} }, providerResponse: { json: {}, status: 200, headers: {} }, timing: {} };

  it('returns the id the server answered', async () => {
    const { sent, fetchImpl } = fakeFetch(() => json(200, { data: { requestId: 'from-server' }, error: null }));
    expect(await new GatewayClient({ fetch: fetchImpl }).logManual(payload, { userId: 'u' })).toEqual({ requestId: 'from-server' });
    expect(sent[0]).toMatchObject({ url: 'http://127.0.0.1:8585/custom/v1/log', headers: { 'Helicone-User-Id': 'u' }, body: payload });
  });

  it('posts to an absolute path, and falls back to the id it sent when the answer has none', async () => {
    const { sent, fetchImpl } = fakeFetch(() => new Response('', { status: 200 }));
    const result = await new GatewayClient({ fetch: fetchImpl }).logManual(payload, { path: 'https://api.worker.helicone.ai/custom/v1/log', requestId: 'sent-id' });
    expect(result).toEqual({ requestId: 'sent-id' });
    expect(sent[0]!.url).toBe('https://api.worker.helicone.ai/custom/v1/log');
  });
});

describe('streams', () => {
  const sse = (...events: string[]) =>
    new Response(
      new ReadableStream({
        start(controller) {
          for (const event of events) controller.enqueue(new TextEncoder().encode(event));
          controller.close();
        },
      }),
      { status: 200, headers: { 'content-type': 'text/event-stream', 'helicone-id': 'stream-id' } },
    );
  const chunk = (content: string) => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
  const body = { model: 'm', messages: [{ role: 'user' as const, content: 'x' }] };

  it('yields chunks split anywhere, up to [DONE]', async () => {
    const whole = chunk('Hel') + chunk('lo') + 'data: [DONE]\n\n';
    const { sent, fetchImpl } = fakeFetch(() => sse(whole.slice(0, 7), whole.slice(7, 50), whole.slice(50)));
    const { requestId, chunks } = await new GatewayClient({ fetch: fetchImpl }).chatStream(body);
    let text = '';
    for await (const piece of chunks) text += piece.choices[0]?.delta.content ?? '';
    expect({ requestId, text }).toEqual({ requestId: 'stream-id', text: 'Hello' });
    expect(sent[0]!.body).toEqual({ ...body, stream: true });
  });

  it('throws an error event as a GatewayClientError', async () => {
    const { fetchImpl } = fakeFetch(() => sse(chunk('Hel'), `data: ${JSON.stringify({ error: { message: 'mock stream failed', type: 'upstream_stream_error' } })}\n\n`));
    const { chunks } = await new GatewayClient({ fetch: fetchImpl }).chatStream(body);
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const piece of chunks) seen.push(piece.choices[0]!.delta.content!);
      })(),
    );
    expect(seen).toEqual(['Hel']);
    expect(error).toMatchObject({ status: 500, message: 'POST /v1/chat/completions failed with 500: mock stream failed' });
  });

  it('throws when the stream ends without [DONE]', async () => {
    const { fetchImpl } = fakeFetch(() => sse(chunk('Hel')));
    const error = await failure(new GatewayClient({ fetch: fetchImpl }).chatCollected(body));
    expect(error).toMatchObject({ status: 0, message: 'POST /v1/chat/completions failed with 0: the stream from http://127.0.0.1:8585/v1/chat/completions ended before [DONE]' });
  });

  it('chatCollected asks for usage unless told otherwise', async () => {
    const { sent, fetchImpl } = fakeFetch(() => sse(chunk('a'), 'data: [DONE]\n\n'));
    const client = new GatewayClient({ fetch: fetchImpl });
    expect((await client.chatCollected(body)).completion.choices[0]!.message.content).toBe('a');
    await client.chatCollected({ ...body, stream_options: null });
    expect(sent.map((call) => (call.body as { stream_options: unknown }).stream_options)).toEqual([{ include_usage: true }, null]);
  });
});
