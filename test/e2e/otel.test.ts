/**
 * OpenTelemetry end to end: with SWITCHYARD_OTLP_ENDPOINT set, the gateway's requests reach a
 * local OTLP receiver on 127.0.0.1 as GenAI spans (with the configured headers), failures as
 * ERROR spans; POST /v1/trace/log ingests a realistic OpenLLMetry trace as a logged request that
 * the query API returns with model, tokens and bodies, is not sent back out as a span, and refuses
 * bad bodies with a 400 naming the field.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { scalarOf } from '../../gateway/src/exports/otlp-attributes.js';
import { FakeProvider } from '../helpers/fake-provider.js';
import { fakeEnv, GatewayUnderTest } from '../helpers/gateway-under-test.js';
import { eventually, startJsonReceiver } from '../helpers/json-receiver.js';
import { openLLMetryTrace } from '../helpers/openllmetry-trace.js';

const fake = await FakeProvider.start();
const collector = await startJsonReceiver();
const collectorToken = `collector-${randomBytes(8).toString('hex')}`;
const gw = await GatewayUnderTest.start(fakeEnv(fake, { SWITCHYARD_OTLP_ENDPOINT: `${collector.url}/v1/traces`, SWITCHYARD_OTLP_HEADERS: `authorization=Bearer ${collectorToken}` }));
afterAll(async () => {
  await gw.close();
  await collector.close();
  await fake.close();
});

interface Span {
  name: string;
  traceId: string;
  kind: number;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
  status: { code?: number; message?: string };
}
interface ExportRequest {
  resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: Record<string, unknown> }> }; scopeSpans: Array<{ scope: { name: string }; spans: Span[] }> }>;
}

const exported = () => collector.received.filter((post) => post.path === '/v1/traces');
const spans = () => exported().flatMap((post) => (post.body as ExportRequest).resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)));
const attributes = (span: Span) => Object.fromEntries(span.attributes.map(({ key, value }) => [key, scalarOf(value)]));
const spanFor = (requestId: string) => spans().find((span) => attributes(span)['helicone.request_id'] === requestId);

describe('the gateway as an OTLP exporter', () => {
  it('sends each request as a GenAI span after its log batch is written', async () => {
    const client = gw.client();
    const { data, response } = await client.chat.completions
      .create({ model: 'mock', messages: [{ role: 'user', content: 'trace me' }] }, { headers: { 'Helicone-Session-Id': 'otel-session', 'Helicone-User-Id': 'otel-user' } })
      .withResponse();
    const requestId = response.headers.get('helicone-id')!;
    await gw.gateway.logQueue.flush();
    await eventually(() => spanFor(requestId) !== undefined, 'the span reached the collector');
    const span = spanFor(requestId)!;
    expect(span).toMatchObject({ name: `chat ${data.model}`, traceId: requestId.replaceAll('-', ''), kind: 3, status: {} });
    expect(attributes(span)).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.system': 'mock',
      'gen_ai.request.model': 'mock',
      'gen_ai.response.model': data.model,
      'gen_ai.usage.input_tokens': data.usage!.prompt_tokens,
      'gen_ai.usage.output_tokens': data.usage!.completion_tokens,
      'session.id': 'otel-session',
      'user.id': 'otel-user',
      'http.response.status_code': 200,
    });
    const post = exported()[0]!;
    expect(post.headers.authorization).toBe(`Bearer ${collectorToken}`);
    expect(post.headers['content-type']).toBe('application/json');
    const request = post.body as ExportRequest;
    expect(request.resourceSpans[0]!.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'switchyard' } });
    expect(request.resourceSpans[0]!.scopeSpans[0]!.scope.name).toBe('switchyard');
  });

  it('a failed request is an ERROR span', async () => {
    fake.enqueue('openai', { status: 500, json: { error: { message: 'upstream broke', type: 'server_error' } } });
    const response = await gw.post('/v1/chat/completions', { model: 'gpt-4.1-nano/openai', messages: [{ role: 'user', content: 'fail' }] });
    expect(response.status).toBe(500);
    const requestId = response.headers.get('helicone-id')!;
    await gw.gateway.logQueue.flush();
    await eventually(() => spanFor(requestId) !== undefined, 'the error span reached the collector');
    const span = spanFor(requestId)!;
    expect(span.status.code).toBe(2);
    expect(attributes(span)).toMatchObject({ 'error.type': '500', 'http.response.status_code': 500, 'gen_ai.system': 'openai' });
  });
});

describe('POST /v1/trace/log', () => {
  it('logs an OpenLLMetry trace as a request the query API returns with model, tokens and bodies', async () => {
    const marker = `otel-marker-${randomBytes(6).toString('hex')}`;
    const answer = await gw.post('/v1/trace/log', openLLMetryTrace({ marker, sessionId: 'ingested-session' }));
    const body = (await answer.json()) as { data: { requestIds: string[]; skippedSpans: number }; error: null };
    expect(answer.status, JSON.stringify(body)).toBe(200);
    expect(body.data.requestIds).toHaveLength(1);
    expect(body.data.skippedSpans).toBe(1);
    const requestId = body.data.requestIds[0]!;

    const query = await gw.post('/v1/request/query-ids', { requestIds: [requestId] });
    const rows = ((await query.json()) as { data: Array<Record<string, unknown>> }).data;
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      request_id: requestId,
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      prompt_tokens: 30,
      completion_tokens: 12,
      total_tokens: 42,
      request_user_id: 'trace-user@example.com',
      request_properties: expect.objectContaining({ App: 'support-bot', 'Helicone-Session-Id': 'ingested-session', 'Helicone-Session-Path': '/support/answer' }),
    });
    expect(JSON.stringify(row.request_body)).toContain(marker);
    expect(row.response_body).toMatchObject({ choices: [{ message: { role: 'assistant', content: 'Globe Life Field in Arlington, Texas.' } }] });

    // Received traces are not exported again (that could loop back to this gateway).
    await gw.gateway.logQueue.flush();
    await gw.gateway.exports.otlp!.queue.idle();
    expect(spanFor(requestId)).toBeUndefined();
  });

  it('bad bodies are a 400 naming the field, and log nothing', async () => {
    const before = (await gw.rows()).length;
    const cases: Array<[unknown, string]> = [
      [{}, 'resourceSpans'],
      [{ resourceSpans: [{ scopeSpans: [{ spans: [{ name: 'x', startTimeUnixNano: '1' }] }] }] }, 'resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano'],
      ['{"resourceSpans": [', 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await gw.post('/v1/trace/log', body);
      const json = (await response.json()) as { data: null; error: unknown };
      expect(response.status, JSON.stringify(json)).toBe(400);
      if (field !== 'body') expect(JSON.stringify(json.error)).toContain(field);
    }
    expect((await gw.rows()).length).toBe(before);
  });
});
