/**
 * PostHog export, piece by piece: the Helicone-Posthog-* headers (400s naming the header, never
 * quoting the key), the `helicone_request` event, the host policy, and the exporter's batches to
 * `<host>/batch/` with the key only in the body.
 */
import { describe, expect, it } from 'vitest';
import { HeaderError, parseHeliconeHeaders } from '../../../gateway/src/contract/helicone-headers.js';
import { maxEventBodyChars, posthogEvent } from '../../../gateway/src/exports/posthog-event.js';
import { PosthogExporter, posthogHostProblem } from '../../../gateway/src/exports/posthog-exporter.js';
import { FakeClock } from './fake-clock.js';
import { sampleRecord } from './record.js';

const key = 'phc_unit_SECRET_0123456789';

function headerError(headers: Record<string, string>): HeaderError {
  try {
    parseHeliconeHeaders(headers);
  } catch (error) {
    if (error instanceof HeaderError) return error;
    throw error;
  }
  throw new Error('expected a HeaderError');
}

describe('Helicone-Posthog-Key and -Host', () => {
  it('default to app.posthog.com and mark the request with Helicone-Sent-To-Posthog', () => {
    const parsed = parseHeliconeHeaders({ 'helicone-posthog-key': key });
    expect(parsed.posthog).toEqual({ apiKey: key, host: 'https://app.posthog.com' });
    expect(parsed.properties).toEqual({ 'Helicone-Sent-To-Posthog': 'true' });
  });

  it('keep a self-hosted path prefix, without a trailing slash', () => {
    expect(parseHeliconeHeaders({ 'helicone-posthog-key': key, 'helicone-posthog-host': 'https://ph.example.com/proxy/' }).posthog?.host).toBe('https://ph.example.com/proxy');
  });

  it('are absent without the key', () => {
    expect(parseHeliconeHeaders({}).posthog).toBeUndefined();
  });

  it('refuse bad values naming the header, never quoting the key', () => {
    for (const [headers, header] of [
      [{ 'helicone-posthog-key': key, 'helicone-posthog-host': 'not a url' }, 'Helicone-Posthog-Host'],
      [{ 'helicone-posthog-key': key, 'helicone-posthog-host': 'ftp://ph.example.com' }, 'Helicone-Posthog-Host'],
      [{ 'helicone-posthog-key': key, 'helicone-posthog-host': 'https://user:pw@ph.example.com' }, 'Helicone-Posthog-Host'],
      [{ 'helicone-posthog-host': 'https://ph.example.com' }, 'Helicone-Posthog-Host'],
      [{ 'helicone-posthog-key': '' }, 'Helicone-Posthog-Key'],
      [{ 'helicone-posthog-key': `${key} ${key}` }, 'Helicone-Posthog-Key'],
    ] as const) {
      const error = headerError(headers);
      expect(error.header).toBe(header);
      expect(error.message).toContain(header);
      expect(error.message).not.toContain(key);
    }
  });
});

describe('the helicone_request event', () => {
  it("carries Helicone's properties, the bodies and the user as distinct_id", () => {
    const record = sampleRecord();
    const event = posthogEvent(record, 'http://127.0.0.1:8585/v1/request/x');
    expect(event).toMatchObject({ event: 'helicone_request', distinct_id: 'alice@example.com', uuid: record.requestId, timestamp: '2025-01-02T03:04:05.000Z' });
    expect(event.properties).toMatchObject({
      model: 'gpt-4o-mini-2024-07-18',
      temperature: 0.7,
      n: 0,
      timeToFirstToken: 300,
      cost: 0.0000048,
      provider: 'openai',
      path: '/v1/chat/completions',
      completetionTokens: 5,
      completionTokens: 5,
      promptTokens: 12,
      totalTokens: 17,
      userId: 'alice@example.com',
      sessionId: 'session-1',
      delayMs: 1_250,
      heliconeBackLink: 'http://127.0.0.1:8585/v1/request/x',
      customProperties: { Environment: 'prod' },
      request: record.requestBody,
      response: record.responseBody,
    });
    expect(event.properties).not.toHaveProperty('$process_person_profile');
  });

  it('without a user: the request id as distinct_id, and no person profile', () => {
    const event = posthogEvent(sampleRecord({ userId: null }), 'x');
    expect(event.distinct_id).toBe(sampleRecord().requestId);
    expect(event.properties.$process_person_profile).toBe(false);
  });

  it('cuts long bodies and keeps omitted ones out', () => {
    const event = posthogEvent(sampleRecord({ requestBody: 'x'.repeat(maxEventBodyChars * 3), responseBody: null }), 'x');
    expect(String(event.properties.request).length).toBeLessThan(maxEventBodyChars + 200);
    expect(event.properties.response).toBeNull();
  });
});

describe('the PostHog host policy', () => {
  it('allows only public https hosts unless private ones are allowed', () => {
    expect(posthogHostProblem('https://us.i.posthog.com', false)).toBeNull();
    for (const host of ['http://us.i.posthog.com', 'https://127.0.0.1:8000', 'https://10.1.2.3', 'https://[::1]', 'https://posthog.local', 'https://localhost']) {
      expect(posthogHostProblem(host, false), host).not.toBeNull();
    }
    expect(posthogHostProblem('http://127.0.0.1:8000', true)).toBeNull();
  });
});

describe('PosthogExporter', () => {
  it('batches events per host and key to <host>/batch/, the key in the body only', async () => {
    const clock = new FakeClock();
    const posts: Array<{ url: string; body: { api_key: string; batch: Array<{ event: string; uuid: string }> } }> = [];
    const warnings: Array<Record<string, unknown>> = [];
    const exporter = new PosthogExporter({
      allowPrivate: true,
      publicUrl: 'http://gw',
      clock,
      warn: (fields) => warnings.push(fields),
      post: async (url, body) => (posts.push({ url, body: JSON.parse(body) }), { ok: true }),
    });
    exporter.capture(sampleRecord({ requestId: 'a' }), { apiKey: key, host: 'http://ph.test' });
    exporter.capture(sampleRecord({ requestId: 'b' }), { apiKey: key, host: 'http://ph.test' });
    exporter.capture(sampleRecord({ requestId: 'c' }), { apiKey: 'phc_other', host: 'http://ph.test' });
    expect(posts).toEqual([]);
    await clock.advance(0);
    expect(posts.map((post) => [post.url, post.body.api_key, post.body.batch.map((event) => event.uuid)])).toEqual([
      ['http://ph.test/batch/', key, ['a', 'b']],
      ['http://ph.test/batch/', 'phc_other', ['c']],
    ]);
    expect(warnings).toEqual([]);
    await exporter.stop(0);
  });

  it('skips a private host when not allowed, and its warning names the origin, not the key', async () => {
    const clock = new FakeClock();
    const warnings: Array<Record<string, unknown>> = [];
    let posts = 0;
    const exporter = new PosthogExporter({ allowPrivate: false, publicUrl: 'http://gw', clock, warn: (fields) => warnings.push(fields), post: async () => (posts++, { ok: true }) });
    exporter.capture(sampleRecord(), { apiKey: key, host: 'http://127.0.0.1:9' });
    await clock.advance(10);
    expect(posts).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings)).toContain('http://127.0.0.1:9');
    expect(JSON.stringify(warnings)).not.toContain(key);
    await exporter.stop(0);
  });

  it('a failed send warns with the origin and reason, never the key', async () => {
    const clock = new FakeClock();
    const warnings: Array<Record<string, unknown>> = [];
    const exporter = new PosthogExporter({ allowPrivate: true, publicUrl: 'http://gw', clock, warn: (fields) => warnings.push(fields), post: async () => ({ ok: false, reason: 'HTTP 401', retryable: false }) });
    exporter.capture(sampleRecord(), { apiKey: key, host: 'http://ph.test/prefix' });
    await clock.advance(10);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ destination: 'http://ph.test', reason: 'HTTP 401' });
    expect(JSON.stringify(warnings)).not.toContain(key);
    await exporter.stop(0);
  });
});
