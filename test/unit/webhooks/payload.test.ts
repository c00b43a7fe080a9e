import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../gateway/src/log/log-record.js';
import { bodyTooLargeMessage, buildPayload, maxWebhookBodyChars, truncateBody } from '../../../gateway/src/webhooks/payload.js';

const record = (overrides: Partial<LogRecord> = {}): LogRecord =>
  ({
    requestId: 'req-1',
    requestBody: '{"model":"gpt-4o-mini"}',
    responseBody: '{"id":"chatcmpl-1"}',
    userId: null,
    requestModel: 'gpt-4o-mini',
    responseModel: 'gpt-4o-mini-2024-07-18',
    modelOverride: null,
    provider: 'openai',
    costUsd: 0.0015,
    latencyMs: 1200,
    usage: { promptTokens: 10, completionTokens: 15, totalTokens: 25, cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, reasoningTokens: 0 },
    properties: {},
    ...overrides,
  }) as LogRecord;

describe('webhook body', () => {
  it('truncates a body over 10 KB to Helicone’s message, and keeps one of exactly 10 KB', () => {
    expect(truncateBody('x'.repeat(maxWebhookBodyChars))).toBe('x'.repeat(maxWebhookBodyChars));
    expect(truncateBody('x'.repeat(maxWebhookBodyChars + 1))).toBe(bodyTooLargeMessage);
    expect(bodyTooLargeMessage).toBe('Body too large for webhook, please fetch the full request and response from Helicone');
    expect(truncateBody(null)).toBe('');
  });

  it('is the standard body without includeData, with user_id only when set', () => {
    expect(buildPayload(record(), false)).toEqual({ request_id: 'req-1', request_body: '{"model":"gpt-4o-mini"}', response_body: '{"id":"chatcmpl-1"}' });
    expect(Object.keys(buildPayload(record({ userId: 'alice' }), false))).toEqual(['request_id', 'request_body', 'response_body', 'user_id']);
  });

  it('adds the link, model, provider and metadata with includeData', () => {
    expect(buildPayload(record({ userId: 'alice' }), true, 'http://gw/v1/request/req-1/body?x')).toEqual({
      request_id: 'req-1',
      request_body: '{"model":"gpt-4o-mini"}',
      response_body: '{"id":"chatcmpl-1"}',
      user_id: 'alice',
      request_response_url: 'http://gw/v1/request/req-1/body?x',
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      metadata: { cost: 0.0015, promptTokens: 10, completionTokens: 15, totalTokens: 25, latencyMs: 1200 },
    });
    // An unknown price is left out, never sent as 0.
    expect(buildPayload(record({ costUsd: null, usage: null }), true).metadata).toEqual({ latencyMs: 1200 });
  });
});
