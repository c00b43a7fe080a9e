/**
 * OpenLLMetry spans as logged requests: model, provider, tokens, bodies, user, session and
 * properties from a realistic trace; non-model spans skipped; bad bodies a 400 naming the field.
 */
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../gateway/src/contract/errors.js';
import { parseOtelTrace } from '../../../gateway/src/exports/trace-schema.js';
import { ingestedTracePath, traceToRecords } from '../../../gateway/src/exports/trace-to-records.js';
import { openLLMetryTrace } from '../../helpers/openllmetry-trace.js';

function badRequest(body: unknown): GatewayError {
  try {
    traceToRecords(parseOtelTrace(body));
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('traceToRecords', () => {
  it('turns the model-call span into a request, skipping the workflow span', () => {
    const { records, skipped } = traceToRecords(parseOtelTrace(openLLMetryTrace()));
    expect(skipped).toBe(1);
    expect(records).toHaveLength(1);
    const record = records[0]!;
    expect(record).toMatchObject({
      createdAt: 1_735_787_045_000,
      latencyMs: 850,
      status: 200,
      provider: 'openai',
      path: ingestedTracePath,
      requestModel: 'gpt-4o-mini',
      responseModel: 'gpt-4o-mini-2024-07-18',
      responseId: 'chatcmpl-AqLm1',
      usage: { promptTokens: 30, completionTokens: 12, totalTokens: 42 },
      userId: 'trace-user@example.com',
      sessionId: 'trace-session-1',
      sessionPath: '/support/answer',
      properties: { App: 'support-bot', 'Helicone-Prompt-Id': 'world-series' },
    });
    expect(record.costUsd).toBeGreaterThan(0);
    expect(JSON.parse(record.requestBody!)).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'Where was the 2020 World Series played? marker' },
      ],
      temperature: 0.2,
      max_tokens: 256,
      stream: false,
    });
    expect(JSON.parse(record.responseBody!)).toMatchObject({
      id: 'chatcmpl-AqLm1',
      object: 'chat.completion',
      model: 'gpt-4o-mini-2024-07-18',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Globe Life Field in Arlington, Texas.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 },
    });
  });

  it('an ERROR span is a failed request with its message', () => {
    const trace = openLLMetryTrace();
    Object.assign(trace.resourceSpans[0]!.scopeSpans[0]!.spans[0]!, { status: { code: 2, message: 'RateLimitError' } });
    expect(traceToRecords(parseOtelTrace(trace)).records[0]).toMatchObject({ status: 500, errorMessage: 'RateLimitError' });
  });

  it('never keeps a PostHog key or Helicone-Auth given as association properties', () => {
    const trace = openLLMetryTrace();
    trace.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.attributes.push(
      { key: 'traceloop.association.properties.Helicone-Posthog-Key', value: { stringValue: 'phc_SECRET' } },
      { key: 'traceloop.association.properties.Helicone-Auth', value: { stringValue: 'Bearer SECRET' } },
    );
    expect(JSON.stringify(traceToRecords(parseOtelTrace(trace)).records)).not.toContain('SECRET');
  });

  it('bad bodies are a 400 naming the field', () => {
    const cases: Array<[unknown, string]> = [
      [{}, 'resourceSpans'],
      [[], 'body'],
      [{ resourceSpans: [{}] }, 'resourceSpans[0].scopeSpans'],
      [{ resourceSpans: [{ scopeSpans: [{ spans: [{ name: 'x', endTimeUnixNano: '1' }] }] }] }, 'resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano'],
      [{ resourceSpans: [{ scopeSpans: [{ spans: [{ name: 'x', startTimeUnixNano: 'soon', endTimeUnixNano: '1' }] }] }] }, 'resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano'],
      [{ resourceSpans: [{ scopeSpans: [{ spans: [{ name: 'x', startTimeUnixNano: '1', endTimeUnixNano: '2', attributes: 'gen_ai' }] }] }] }, 'resourceSpans[0].scopeSpans[0].spans[0].attributes'],
    ];
    for (const [body, field] of cases) {
      const error = badRequest(body);
      expect(error.status, JSON.stringify(body)).toBe(400);
      expect(error.param, JSON.stringify(body)).toBe(field);
      expect(error.message).toContain(field);
    }
    const reversed = openLLMetryTrace();
    Object.assign(reversed.resourceSpans[0]!.scopeSpans[0]!.spans[0]!, { endTimeUnixNano: '1' });
    expect(badRequest(reversed).param).toBe('resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano');
  });
});
