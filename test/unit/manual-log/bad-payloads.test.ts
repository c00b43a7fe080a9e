import { describe, expect, it } from 'vitest';
import { manualLogToRecord } from '../../../gateway/src/manual-log/index.js';
import { expectBadRequest, payload } from './helpers.js';

const options = { path: '/custom/v1/log', now: 1_700_000_000_000 };
const convert = (body: unknown, headers: Record<string, string | string[] | undefined> = {}) => () => manualLogToRecord(body, headers, undefined, options);

describe('manualLogToRecord: bad payloads are 400s naming the field', () => {
  it('a body that is not an object', () => {
    for (const body of [null, 'text', 42, [payload()], undefined]) expectBadRequest(convert(body), 'body');
  });

  it('a missing providerRequest, providerResponse or providerRequest.json', () => {
    const { providerRequest: _request, ...noRequest } = payload();
    expect(expectBadRequest(convert(noRequest), 'providerRequest').message).toContain('is required');
    const { providerResponse: _response, ...noResponse } = payload();
    expectBadRequest(convert(noResponse), 'providerResponse');
    expectBadRequest(convert({ ...payload(), providerRequest: { url: 'custom-model-nopath', meta: {} } }), 'providerRequest.json');
  });

  it('wrong types', () => {
    expectBadRequest(convert({ ...payload(), providerRequest: 'x' }), 'providerRequest');
    expectBadRequest(convert(payload({ request: { json: '{"model":"gpt-4o"}' } })), 'providerRequest.json');
    expectBadRequest(convert(payload({ request: { json: [] } })), 'providerRequest.json');
    expectBadRequest(convert(payload({ request: { url: 42 } })), 'providerRequest.url');
    expectBadRequest(convert(payload({ request: { meta: 'x' } })), 'providerRequest.meta');
    expectBadRequest(convert(payload({ request: { meta: { 'Helicone-User-Id': { id: 1 } } } })), 'providerRequest.meta.Helicone-User-Id');
    expectBadRequest(convert(payload({ response: { status: '200' } })), 'providerResponse.status');
    expectBadRequest(convert(payload({ response: { status: 200.5 } })), 'providerResponse.status');
    expectBadRequest(convert(payload({ response: { status: 10_000 } })), 'providerResponse.status');
    expectBadRequest(convert(payload({ response: { textBody: { text: 'hi' } } })), 'providerResponse.textBody');
    expectBadRequest(convert(payload({ response: { json: 'hello' } })), 'providerResponse.json');
    expectBadRequest(convert({ ...payload(), provider: 7 }), 'provider');
  });

  it('bad timing', () => {
    expectBadRequest(convert(payload({ timing: 'now' })), 'timing');
    expectBadRequest(convert(payload({ timing: { endTime: { seconds: 1, milliseconds: 0 } } })), 'timing.startTime');
    expectBadRequest(convert(payload({ timing: { startTime: { seconds: 1, milliseconds: 0 } } })), 'timing.endTime');
    expectBadRequest(convert(payload({ timing: { startTime: { seconds: '1700000000' }, endTime: { seconds: 1 } } })), 'timing.startTime.seconds');
    expectBadRequest(convert(payload({ timing: { startTime: { seconds: 1, milliseconds: -1 }, endTime: { seconds: 1 } } })), 'timing.startTime.milliseconds');
    expectBadRequest(convert(payload({ timing: { startTime: 'yesterday', endTime: 'today' } })), 'timing.startTime');
    expectBadRequest(convert(payload({ timing: { startTime: true, endTime: 1 } })), 'timing.startTime');
    expectBadRequest(convert(payload({ timing: { startTime: 1, endTime: 1e20 } })), 'timing.endTime');
    expectBadRequest(convert(payload({ timing: { startTime: 1, endTime: 2, timeToFirstToken: '5' } })), 'timing.timeToFirstToken');
    expectBadRequest(convert(payload({ timing: { startTime: 1, endTime: 2, timeToFirstToken: -5 } })), 'timing.timeToFirstToken');
  });

  it('a Helicone-Request-Id that is not a UUID, as a header or in meta', () => {
    const fromHeader = expectBadRequest(convert(payload(), { 'helicone-request-id': 'req-1' }), 'Helicone-Request-Id');
    expect(fromHeader.type).toBe('invalid_header');
    const fromMeta = expectBadRequest(convert(payload({ request: { meta: { 'Helicone-Request-Id': 'not-a-uuid' } } })), 'Helicone-Request-Id');
    expect(fromMeta.message).toContain('providerRequest.meta');
  });

  it('other bad Helicone values', () => {
    expectBadRequest(convert(payload(), { 'helicone-omit-request': 'yes' }), 'Helicone-Omit-Request');
    expectBadRequest(convert(payload({ request: { meta: { 'Helicone-Session-Id': '' } } })), 'Helicone-Session-Id');
    expectBadRequest(convert(payload(), { 'helicone-user-id': ['a', 'b'] }), 'Helicone-User-Id');
  });

  it('a tool event without a toolName, a data event without a name', () => {
    expectBadRequest(convert(payload({ request: { json: { _type: 'tool', input: {} } } })), 'providerRequest.json.toolName');
    expectBadRequest(convert(payload({ request: { json: { _type: 'data', name: 7 } } })), 'providerRequest.json.name');
  });

  it('the error body is OpenAI-shaped', () => {
    const error = expectBadRequest(convert(payload({ response: { status: 'ok' } })), 'providerResponse.status');
    expect(error.toBody()).toEqual({
      error: { message: error.message, type: 'invalid_request_error', code: 'invalid_request_error', param: 'providerResponse.status' },
    });
  });
});

describe('manualLogToRecord: leniency', () => {
  it('accepts extra fields, and a payload without meta, headers, status, url or timing', () => {
    const record = manualLogToRecord(
      { providerRequest: { json: { model: 'm' }, extra: 1 }, providerResponse: { json: { ok: true } }, somethingElse: true },
      {},
      undefined,
      options,
    );
    expect(record).toMatchObject({ status: 200, requestModel: 'm', createdAt: options.now, targetUrl: null });
  });

  it('accepts null for optional parts and numbers or booleans as meta values', () => {
    const record = manualLogToRecord(
      payload({ request: { meta: { 'Helicone-Property-Build': 42, 'Helicone-Omit-Request': true } }, response: { json: null, textBody: null, headers: null }, timing: null, provider: null }),
      {},
      undefined,
      options,
    );
    expect(record.properties).toEqual({ Build: '42' });
    expect(record.requestBody).toBeNull();
    expect(record.responseBody).toBeNull();
  });
});
