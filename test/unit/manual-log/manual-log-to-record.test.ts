import { describe, expect, it } from 'vitest';
import { manualLogToRecord } from '../../../gateway/src/manual-log/index.js';
import { fixtureJson } from '../../helpers/fixtures.js';
import { payload, sseText } from './helpers.js';

const now = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
const options = { path: '/custom/v1/log', now };
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('manualLogToRecord: a complete record', () => {
  it('turns an OpenAI request and response into every LogRecord field', () => {
    const requestJson = { model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'Write a poem' }] };
    const responseJson = fixtureJson('openai-chat/openai-text.json');
    const record = manualLogToRecord(
      payload({
        request: { url: 'https://api.openai.com/v1/chat/completions', json: requestJson },
        response: { json: responseJson, status: 200 },
        timing: { startTime: { seconds: 1_735_787_045, milliseconds: 100 }, endTime: { seconds: 1_735_787_047, milliseconds: 350 }, timeToFirstToken: 420 },
      }),
      { 'helicone-user-id': 'user-1', 'helicone-property-environment': 'prod' },
      ['Helicone-User-Id', 'user-1', 'Helicone-Property-Environment', 'prod'],
      { ...options, requestId: '00000000-0000-4000-8000-000000000001' },
    );
    expect(record).toEqual({
      requestId: '00000000-0000-4000-8000-000000000001',
      createdAt: 1_735_787_045_100,
      responseCreatedAt: 1_735_787_047_350,
      latencyMs: 2250,
      timeToFirstTokenMs: 420,
      status: 200,
      errorMessage: null,
      provider: 'openai',
      path: '/custom/v1/log',
      targetUrl: 'https://api.openai.com/v1/chat/completions',
      requestModel: 'gpt-4.1-nano',
      responseModel: 'gpt-4.1-nano-2025-04-14',
      responseId: 'chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU',
      modelOverride: null,
      stream: false,
      usage: { promptTokens: 16, completionTokens: 363, totalTokens: 379, cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, reasoningTokens: 0 },
      // gpt-4.1-nano at OpenAI: $0.10 / $0.40 per 1M tokens.
      costUsd: 0.0001468,
      userId: 'user-1',
      sessionId: null,
      sessionPath: null,
      sessionName: null,
      properties: { Environment: 'prod' },
      requestBody: JSON.stringify(requestJson),
      responseBody: JSON.stringify(responseJson),
      attempts: [],
      gatewayKeyId: null,
    });
  });
});

describe('manualLogToRecord: request id', () => {
  it('uses Helicone-Request-Id from a header or meta (lowercased), else options.requestId, else a new UUID', () => {
    const id = '123E4567-E89B-12D3-A456-426614174000';
    expect(manualLogToRecord(payload(), { 'helicone-request-id': id }, undefined, options).requestId).toBe(id.toLowerCase());
    expect(manualLogToRecord(payload({ request: { meta: { 'Helicone-Request-Id': id } } }), {}, undefined, options).requestId).toBe(id.toLowerCase());
    expect(manualLogToRecord(payload(), {}, undefined, { ...options, requestId: 'route-id' }).requestId).toBe('route-id');
    const first = manualLogToRecord(payload(), {}, undefined, options).requestId;
    const second = manualLogToRecord(payload(), {}, undefined, options).requestId;
    expect(first).toMatch(uuidPattern);
    expect(second).toMatch(uuidPattern);
    expect(first).not.toBe(second);
  });
});

describe('manualLogToRecord: timing', () => {
  it('without timing, starts and ends at `now` with zero latency', () => {
    const record = manualLogToRecord(payload(), {}, undefined, options);
    expect(record).toMatchObject({ createdAt: now, responseCreatedAt: now, latencyMs: 0, timeToFirstTokenMs: null });
  });

  it('reads {seconds, milliseconds} as the SDKs send them, including fractions', () => {
    const record = manualLogToRecord(
      payload({ timing: { startTime: { seconds: 1_700_000_000, milliseconds: 250 }, endTime: { seconds: 1_700_000_001.5, milliseconds: 0.4 } } }),
      {},
      undefined,
      options,
    );
    expect(record).toMatchObject({ createdAt: 1_700_000_000_250, responseCreatedAt: 1_700_000_001_500, latencyMs: 1250, timeToFirstTokenMs: null });
  });

  it('reads numbers and strings: seconds below 4102444800, else milliseconds, else a date', () => {
    const seconds = manualLogToRecord(payload({ timing: { startTime: 1_700_000_000, endTime: '1700000003' } }), {}, undefined, options);
    expect(seconds).toMatchObject({ createdAt: 1_700_000_000_000, latencyMs: 3000 });
    const ms = manualLogToRecord(payload({ timing: { startTime: 1_700_000_000_000, endTime: '1700000000750' } }), {}, undefined, options);
    expect(ms).toMatchObject({ createdAt: 1_700_000_000_000, latencyMs: 750 });
    const iso = manualLogToRecord(payload({ timing: { startTime: '2025-01-02T03:04:05.000Z', endTime: '2025-01-02T03:04:06.500Z', timeToFirstToken: 120.6 } }), {}, undefined, options);
    expect(iso).toMatchObject({ createdAt: Date.UTC(2025, 0, 2, 3, 4, 5), latencyMs: 1500, timeToFirstTokenMs: 121 });
  });

  it('never gives a negative latency', () => {
    const record = manualLogToRecord(payload({ timing: { startTime: { seconds: 1_700_000_010, milliseconds: 0 }, endTime: { seconds: 1_700_000_000, milliseconds: 0 } } }), {}, undefined, options);
    expect(record).toMatchObject({ createdAt: 1_700_000_010_000, responseCreatedAt: 1_700_000_010_000, latencyMs: 0 });
  });
});

describe('manualLogToRecord: Helicone headers and meta', () => {
  const meta = {
    'Helicone-Session-Id': 'session-meta',
    'Helicone-Session-Path': '/plan/step-1',
    'Helicone-Session-Name': 'Trip planner',
    'Helicone-User-Id': 'user-meta',
    'Helicone-Property-App-Version': '1.2.3',
    'Helicone-Property-Shared': 'from-meta',
    'Not-Helicone': 'ignored',
  };

  it('reads user, session and properties from providerRequest.meta', () => {
    const record = manualLogToRecord(payload({ request: { meta } }), {}, undefined, options);
    expect(record).toMatchObject({
      userId: 'user-meta',
      sessionId: 'session-meta',
      sessionPath: '/plan/step-1',
      sessionName: 'Trip planner',
      properties: { 'App-Version': '1.2.3', Shared: 'from-meta' },
    });
  });

  it('HTTP headers win over meta keys of the same name; the rest merge', () => {
    const headers = { 'helicone-user-id': 'user-header', 'helicone-property-shared': 'from-header', 'helicone-property-only-header': 'h' };
    const raw = ['Helicone-User-Id', 'user-header', 'HELICONE-PROPERTY-SHARED', 'from-header', 'Helicone-Property-Only-Header', 'h'];
    const record = manualLogToRecord(payload({ request: { meta } }), headers, raw, options);
    expect(record.userId).toBe('user-header');
    expect(record.sessionId).toBe('session-meta');
    expect(record.properties).toEqual({ 'App-Version': '1.2.3', SHARED: 'from-header', 'Only-Header': 'h' });
  });

  it('meta names are case-insensitive; property names keep their case', () => {
    const record = manualLogToRecord(payload({ request: { meta: { 'helicone-user-id': 'u', 'HELICONE-PROPERTY-Team': 'core' } } }), {}, undefined, options);
    expect(record).toMatchObject({ userId: 'u', properties: { Team: 'core' } });
  });

  it('accepts headersDistinct-style arrays', () => {
    const record = manualLogToRecord(payload(), { 'helicone-session-id': ['s-1'], 'helicone-property-x': ['1'] }, undefined, options);
    expect(record).toMatchObject({ sessionId: 's-1', properties: { x: '1' } });
  });

  it('omit flags drop the bodies but keep usage and cost', () => {
    const record = manualLogToRecord(
      payload({ response: { json: { model: 'gpt-4o-mini', usage: { prompt_tokens: 10, completion_tokens: 10 } } } }),
      { 'helicone-omit-request': 'true' },
      undefined,
      { ...options, path: '/oai/v1/log' },
    );
    expect(record.requestBody).toBeNull();
    expect(record.responseBody).not.toBeNull();
    expect(record.usage?.totalTokens).toBe(20);
    expect(record.costUsd).toBeCloseTo((10 * 0.15 + 10 * 0.6) / 1e6, 15);
    const omitted = manualLogToRecord(payload({ request: { meta: { 'Helicone-Omit-Response': 'true' } }, response: { textBody: 'secret' } }), {}, undefined, options);
    expect(omitted.responseBody).toBeNull();
    expect(omitted.requestBody).not.toBeNull();
  });

  it('Helicone-Model-Override is kept and priced', () => {
    const record = manualLogToRecord(
      payload({ request: { json: { model: 'my-fine-tune' } }, response: { json: { usage: { prompt_tokens: 1000, completion_tokens: 1000 } } } }),
      { 'helicone-model-override': 'gpt-4o-mini' },
      undefined,
      options,
    );
    expect(record.modelOverride).toBe('gpt-4o-mini');
    expect(record.costUsd).toBeCloseTo((1000 * 0.15 + 1000 * 0.6) / 1e6, 15);
  });
});

describe('manualLogToRecord: provider and cost', () => {
  const usageJson = { usage: { prompt_tokens: 1000, completion_tokens: 500 } };

  it('reads the provider from the body, a provider URL, a Helicone-Provider hint, or the logging path', () => {
    const providerOf = (overrides: Parameters<typeof payload>[0], headers: Record<string, string> = {}, path = '/custom/v1/log') =>
      manualLogToRecord(payload(overrides), headers, undefined, { ...options, path }).provider;
    expect(providerOf({ provider: 'ANTHROPIC' })).toBe('anthropic');
    expect(providerOf({ provider: 'GOOGLE' })).toBe('gemini');
    expect(providerOf({ provider: 'openai', request: { url: 'https://api.anthropic.com/v1/messages' } })).toBe('openai');
    expect(providerOf({ request: { url: 'https://api.anthropic.com/v1/messages' } })).toBe('anthropic');
    expect(providerOf({ request: { url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent' } })).toBe('gemini');
    expect(providerOf({ request: { url: 'https://my-resource.openai.azure.com/openai/deployments/gpt-4o/chat/completions' } })).toBe('azure');
    expect(providerOf({ request: { url: 'https://api.groq.com/openai/v1/chat/completions' } })).toBe('groq');
    expect(providerOf({ request: { url: 'https://openrouter.ai/api/v1/chat/completions' } })).toBe('openrouter');
    expect(providerOf({ request: { url: 'https://api.x.ai/v1/chat/completions' } })).toBe('xai');
    expect(providerOf({ request: { url: 'https://oai.helicone.ai/v1/chat/completions' } })).toBe('openai');
    expect(providerOf({ request: { meta: { 'Helicone-Target-Provider': 'Mistral' } } })).toBe('mistral');
    expect(providerOf({}, { 'helicone-provider': 'deepseek' })).toBe('deepseek');
    expect(providerOf({}, {}, '/anthropic/v1/log')).toBe('anthropic');
    expect(providerOf({}, {}, '/googleapis/v1/log')).toBe('gemini');
    expect(providerOf({}, {}, '/oai/v1/log')).toBe('openai');
    expect(providerOf({ provider: 'bedrock' })).toBe('bedrock');
    expect(providerOf({})).toBeNull();
    expect(providerOf({ request: { url: 'https://llm.internal.example.com/v1/chat' } })).toBeNull();
  });

  it('keeps providerRequest.url as the target URL only when it is an absolute http(s) URL', () => {
    const targetOf = (url: unknown) => manualLogToRecord(payload({ request: { url } }), {}, undefined, options).targetUrl;
    expect(targetOf('https://api.openai.com/v1/chat/completions')).toBe('https://api.openai.com/v1/chat/completions');
    expect(targetOf('http://localhost:8000/v1/chat')).toBe('http://localhost:8000/v1/chat');
    expect(targetOf('custom-model-nopath')).toBeNull();
    expect(targetOf('file:///etc/passwd')).toBeNull();
    expect(targetOf(undefined)).toBeNull();
  });

  it('prices at the known provider, by the response model (a dated snapshot) then the request model', () => {
    const record = manualLogToRecord(
      payload({ provider: 'anthropic', request: { json: { model: 'claude-sonnet-4-5' } }, response: { json: fixtureJson('anthropic/anthropic-text.json') } }),
      {},
      undefined,
      options,
    );
    // claude-sonnet-4-5: $3 / $15 per 1M tokens.
    expect(record.costUsd).toBeCloseTo((12 * 3 + 29 * 15) / 1e6, 15);
  });

  it('with no provider, prices the model at its cheapest listing; unknown models cost null, never 0', () => {
    const known = manualLogToRecord(payload({ request: { json: { model: 'gpt-4o-mini' } }, response: { json: usageJson } }), {}, undefined, options);
    expect(known.provider).toBeNull();
    expect(known.costUsd).toBeCloseTo((1000 * 0.15 + 500 * 0.6) / 1e6, 15);
    const dated = manualLogToRecord(payload({ request: { json: { model: 'x' } }, response: { json: { ...usageJson, model: 'gpt-4o-mini-2024-07-18' } } }), {}, undefined, options);
    expect(dated.costUsd).toBeCloseTo((1000 * 0.15 + 500 * 0.6) / 1e6, 15);
    const unknown = manualLogToRecord(payload({ request: { json: { model: 'my-local-llama' } }, response: { json: usageJson } }), {}, undefined, options);
    expect(unknown.usage?.totalTokens).toBe(1500);
    expect(unknown.costUsd).toBeNull();
  });

  it('a known provider that does not list the model gives null', () => {
    const record = manualLogToRecord(payload({ provider: 'anthropic', request: { json: { model: 'gpt-4o-mini' } }, response: { json: usageJson } }), {}, undefined, options);
    expect(record.costUsd).toBeNull();
  });

  it('no usage means no cost', () => {
    const record = manualLogToRecord(payload({ response: { json: { choices: [] } } }), {}, undefined, options);
    expect(record).toMatchObject({ usage: null, costUsd: null });
  });
});

describe('manualLogToRecord: bodies, status, stream', () => {
  it('stores textBody as sent, and reads tokens and model from it (Anthropic SSE)', () => {
    const text = sseText('anthropic/anthropic-text.chunks.txt', { named: true });
    const record = manualLogToRecord(
      payload({ request: { json: { model: 'claude-sonnet-4-5', stream: true, max_tokens: 100, messages: [] } }, response: { json: {}, textBody: text } }),
      {},
      undefined,
      { ...options, path: '/anthropic/v1/log' },
    );
    expect(record).toMatchObject({
      stream: true,
      provider: 'anthropic',
      responseBody: text,
      responseModel: 'claude-sonnet-4-5-20250929',
      usage: { promptTokens: 12, completionTokens: 30, totalTokens: 42 },
    });
    expect(record.costUsd).toBeCloseTo((12 * 3 + 30 * 15) / 1e6, 15);
  });

  it('OpenAI SSE text: tokens from the last usage chunk, priced by the response model', () => {
    const record = manualLogToRecord(
      payload({
        request: { json: { model: 'gpt-5-nano', stream: true, stream_options: { include_usage: true }, messages: [] } },
        response: { json: {}, textBody: sseText('openai-chat/azure-model-router.1.chunks.txt', { done: true }) },
      }),
      {},
      undefined,
      options,
    );
    expect(record).toMatchObject({ stream: true, responseModel: 'gpt-5-nano-2025-08-07', usage: { promptTokens: 15, completionTokens: 78, reasoningTokens: 64 } });
    expect(record.costUsd).toBeCloseTo((15 * 0.05 + 78 * 0.4) / 1e6, 15);
  });

  it('json response: the JSON text; an empty textBody falls back to json', () => {
    const record = manualLogToRecord(payload({ response: { json: { a: 1 }, textBody: '' } }), {}, undefined, options);
    expect(record.responseBody).toBe('{"a":1}');
    // The SDKs send json: {} beside a string response; an empty string stays an empty string.
    expect(manualLogToRecord(payload({ response: { json: {}, textBody: '' } }), {}, undefined, options).responseBody).toBe('');
    expect(manualLogToRecord(payload({ response: { json: undefined, textBody: undefined } }), {}, undefined, options).responseBody).toBeNull();
  });

  it('status from providerResponse.status, with an error message for failures', () => {
    const failed = manualLogToRecord(
      payload({ response: { status: 429, json: { error: { message: 'Rate limit reached for gpt-4o-mini', type: 'requests', code: 'rate_limit_exceeded' } } } }),
      {},
      undefined,
      options,
    );
    expect(failed).toMatchObject({ status: 429, errorMessage: 'Rate limit reached for gpt-4o-mini', usage: null, costUsd: null });
    const cancelled = manualLogToRecord(payload({ response: { status: -3, textBody: '' } }), {}, undefined, options);
    expect(cancelled.status).toBe(-3);
    expect(cancelled.errorMessage).toMatch(/cancelled/);
    const noStatus = manualLogToRecord(payload({ response: { json: {}, status: undefined } }), {}, undefined, options);
    expect(noStatus).toMatchObject({ status: 200, errorMessage: null });
  });

  it('model names are read from strings only', () => {
    const record = manualLogToRecord(payload({ request: { json: { model: 42 } }, response: { json: { model: { name: 'x' } } } }), {}, undefined, options);
    expect(record).toMatchObject({ requestModel: null, responseModel: null });
  });
});
