/**
 * OTLP: a logged request as a GenAI span (names, attributes, status), the export request's shape,
 * the exporter's batches after written log batches (headers sent, ingested traces not sent back),
 * and the OTLP settings' errors naming the setting.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../gateway/src/config.js';
import { scalarOf } from '../../../gateway/src/exports/otlp-attributes.js';
import { OtlpExporter } from '../../../gateway/src/exports/otlp-exporter.js';
import { spanOf, traceRequestOf } from '../../../gateway/src/exports/otlp-spans.js';
import { ingestedTracePath } from '../../../gateway/src/exports/trace-to-records.js';
import { FakeClock } from './fake-clock.js';
import { sampleRecord } from './record.js';

type Span = { name: string; traceId: string; spanId: string; kind: number; startTimeUnixNano: string; endTimeUnixNano: string; attributes: Array<{ key: string; value: Record<string, unknown> }>; status: { code?: number; message?: string } };

const attributesOf = (span: Span) => Object.fromEntries(span.attributes.map(({ key, value }) => [key, scalarOf(value)]));

describe('a logged request as a GenAI span', () => {
  it('follows the GenAI conventions', () => {
    const record = sampleRecord();
    const span = spanOf(record) as Span;
    expect(span).toMatchObject({
      name: 'chat gpt-4o-mini-2024-07-18',
      traceId: '0190a2b41c2d7e3f8a4b5c6d7e8f9a0b',
      kind: 3,
      startTimeUnixNano: String(BigInt(record.createdAt) * 1_000_000n),
      endTimeUnixNano: String(BigInt(record.responseCreatedAt) * 1_000_000n),
      status: {},
    });
    expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(attributesOf(span)).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.system': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.response.id': 'chatcmpl-1',
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 5,
      'session.id': 'session-1',
      'user.id': 'alice@example.com',
      'helicone.property.Environment': 'prod',
      'http.response.status_code': 200,
    });
    // int64 values are written as the protobuf JSON mapping writes them: decimal strings.
    expect(span.attributes.find((entry) => entry.key === 'gen_ai.usage.input_tokens')!.value).toEqual({ intValue: '12' });
  });

  it('an error is status ERROR with its message and error.type', () => {
    const span = spanOf(sampleRecord({ status: 502, errorMessage: 'upstream reset', responseModel: null, usage: null })) as Span;
    expect(span.name).toBe('chat gpt-4o-mini');
    expect(span.status).toEqual({ code: 2, message: 'upstream reset' });
    expect(attributesOf(span)['error.type']).toBe('502');
    expect(attributesOf(span)).not.toHaveProperty('gen_ai.usage.input_tokens');
  });

  it('maps provider names to gen_ai.system values', () => {
    expect(attributesOf(spanOf(sampleRecord({ provider: 'gemini' })) as Span)['gen_ai.system']).toBe('gcp.gemini');
    expect(attributesOf(spanOf(sampleRecord({ provider: 'anthropic' })) as Span)['gen_ai.system']).toBe('anthropic');
  });

  it('an export request has one resource (service.name) and one scope', () => {
    const body = JSON.parse(traceRequestOf([spanOf(sampleRecord())], 'switchyard')) as { resourceSpans: Array<{ resource: { attributes: unknown[] }; scopeSpans: Array<{ scope: { name: string }; spans: unknown[] }> }> };
    expect(body.resourceSpans).toHaveLength(1);
    expect(body.resourceSpans[0]!.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'switchyard' } });
    expect(body.resourceSpans[0]!.scopeSpans[0]!.scope.name).toBe('switchyard');
    expect(body.resourceSpans[0]!.scopeSpans[0]!.spans).toHaveLength(1);
  });
});

describe('OtlpExporter', () => {
  it('sends written records as spans in one batch, never records received as traces', async () => {
    const clock = new FakeClock();
    const bodies: string[] = [];
    const exporter = new OtlpExporter({ endpoint: 'http://collector.test/v1/traces', headers: {}, clock, post: async (body) => (bodies.push(body), { ok: true }) });
    exporter.notify([sampleRecord({ requestId: 'a' }), sampleRecord({ requestId: 'b', path: ingestedTracePath }), sampleRecord({ requestId: 'c' })]);
    expect(bodies).toEqual([]);
    await clock.advance(0);
    expect(bodies).toHaveLength(1);
    const spans = (JSON.parse(bodies[0]!) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Span[] }> }> }).resourceSpans[0]!.scopeSpans[0]!.spans;
    expect(spans.map((span) => attributesOf(span)['helicone.request_id'])).toEqual(['a', 'c']);
    await exporter.stop(0);
  });

  it('a collector that is down costs bounded memory and bounded tries', async () => {
    const clock = new FakeClock();
    let posts = 0;
    const warnings: Array<Record<string, unknown>> = [];
    const exporter = new OtlpExporter({
      endpoint: 'http://collector.test/v1/traces',
      headers: { authorization: 'Bearer collector-SECRET' },
      clock,
      limit: 10,
      maxAttempts: 2,
      warn: (fields) => warnings.push(fields),
      post: async () => (posts++, { ok: false, reason: 'ECONNREFUSED', retryable: true }),
    });
    for (let batch = 0; batch < 5; batch++) exporter.notify(Array.from({ length: 10 }, (_, i) => sampleRecord({ requestId: `r${batch}-${i}` })));
    expect(exporter.queue.size).toBeLessThanOrEqual(10);
    await clock.advance(600_000);
    expect(exporter.queue.size).toBe(0);
    expect(posts).toBeLessThanOrEqual(10);
    expect(JSON.stringify(warnings)).not.toContain('collector-SECRET');
    expect(JSON.stringify(warnings)).toContain('http://collector.test');
    await exporter.stop(0);
  });
});

describe('OTLP settings', () => {
  const load = (env: NodeJS.ProcessEnv) => loadConfig({}, env);

  it('are read from the environment', () => {
    const config = load({ SWITCHYARD_OTLP_ENDPOINT: 'http://127.0.0.1:4318/v1/traces', SWITCHYARD_OTLP_HEADERS: 'Authorization=Bearer%20abc, x-team=ml' });
    expect(config.otlpEndpoint).toBe('http://127.0.0.1:4318/v1/traces');
    expect(config.otlpHeaders).toEqual({ authorization: 'Bearer abc', 'x-team': 'ml' });
    expect(load({}).otlpEndpoint).toBeNull();
    expect(load({ SWITCHYARD_POSTHOG_ALLOW_PRIVATE: '1' }).posthogAllowPrivate).toBe(true);
  });

  it('bad values name the setting and never echo a header value', () => {
    expect(() => load({ SWITCHYARD_OTLP_ENDPOINT: 'grpc://collector:4317' })).toThrow(/SWITCHYARD_OTLP_ENDPOINT/);
    expect(() => load({ SWITCHYARD_OTLP_HEADERS: 'no-equals-sign' })).toThrow(/SWITCHYARD_OTLP_HEADERS/);
    let message = '';
    try {
      load({ SWITCHYARD_OTLP_HEADERS: 'authorization=Bearer%ZZsecret' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/SWITCHYARD_OTLP_HEADERS/);
    expect(message).not.toContain('secret');
    expect(() => load({ SWITCHYARD_POSTHOG_ALLOW_PRIVATE: 'yes' })).toThrow(/SWITCHYARD_POSTHOG_ALLOW_PRIVATE/);
  });
});
