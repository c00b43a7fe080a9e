import { describe, expect, it } from 'vitest';
import { heliconeHeaders, type HeliconeHeaderOptions, mergeHeaders } from '../../../gateway/src/client/index.js';

const invalid = (options: HeliconeHeaderOptions | Record<string, unknown>, message: string) => {
  expect(() => heliconeHeaders(options as HeliconeHeaderOptions)).toThrow(TypeError);
  expect(() => heliconeHeaders(options as HeliconeHeaderOptions)).toThrow(message);
};

describe('heliconeHeaders: names and values', () => {
  it('sends nothing for no options', () => {
    expect(heliconeHeaders({})).toEqual({});
  });

  it('request id, session, user, prompt, model override', () => {
    expect(
      heliconeHeaders({
        requestId: '123e4567-e89b-12d3-a456-426614174000',
        session: { id: 'sess-1', name: 'Course Plan', path: '/plan/search' },
        userId: 'alice@example.com',
        prompt: { id: 'stock-agent-reasoning' },
        modelOverride: 'gpt-4o-mini',
      }),
    ).toEqual({
      'Helicone-Request-Id': '123e4567-e89b-12d3-a456-426614174000',
      'Helicone-Session-Id': 'sess-1',
      'Helicone-Session-Name': 'Course Plan',
      'Helicone-Session-Path': '/plan/search',
      'Helicone-User-Id': 'alice@example.com',
      'Helicone-Prompt-Id': 'stock-agent-reasoning',
      'Helicone-Model-Override': 'gpt-4o-mini',
    });
  });

  it('a session with an id only', () => {
    expect(heliconeHeaders({ session: { id: 's' } })).toEqual({ 'Helicone-Session-Id': 's' });
  });

  it('properties keep their names and become strings', () => {
    expect(heliconeHeaders({ properties: { Environment: 'production', 'ticket-id': 42, Beta: true, off: false, ratio: 0.5, empty: '', Dish: 'crème' } })).toEqual({
      'Helicone-Property-Environment': 'production',
      'Helicone-Property-ticket-id': '42',
      'Helicone-Property-Beta': 'true',
      'Helicone-Property-off': 'false',
      'Helicone-Property-ratio': '0.5',
      'Helicone-Property-empty': '',
      'Helicone-Property-Dish': 'crème',
    });
  });

  it('cache as a flag', () => {
    expect(heliconeHeaders({ cache: true })).toEqual({ 'Helicone-Cache-Enabled': 'true' });
    expect(heliconeHeaders({ cache: false })).toEqual({ 'Helicone-Cache-Enabled': 'false' });
  });

  it('cache with every setting (enabled unless said otherwise)', () => {
    expect(heliconeHeaders({ cache: { ttlSeconds: 3600, seed: 'user-1', bucketMaxSize: 10, ignoreKeys: ['request_id', 'timestamp', 'session_id'] } })).toEqual({
      'Helicone-Cache-Enabled': 'true',
      'Cache-Control': 'max-age=3600',
      'Helicone-Cache-Seed': 'user-1',
      'Helicone-Cache-Bucket-Max-Size': '10',
      'Helicone-Cache-Ignore-Keys': 'request_id,timestamp,session_id',
    });
    expect(heliconeHeaders({ cache: { enabled: false } })).toEqual({ 'Helicone-Cache-Enabled': 'false' });
    expect(heliconeHeaders({ cache: { ignoreKeys: [] } })).toEqual({ 'Helicone-Cache-Enabled': 'true' });
  });

  it('retry as a flag and with every setting', () => {
    expect(heliconeHeaders({ retry: true })).toEqual({ 'Helicone-Retry-Enabled': 'true' });
    expect(heliconeHeaders({ retry: false })).toEqual({ 'Helicone-Retry-Enabled': 'false' });
    expect(heliconeHeaders({ retry: { num: 3, factor: 1.5, minTimeoutMs: 1000, maxTimeoutMs: 10000 } })).toEqual({
      'Helicone-Retry-Enabled': 'true',
      'helicone-retry-num': '3',
      'helicone-retry-factor': '1.5',
      'helicone-retry-min-timeout': '1000',
      'helicone-retry-max-timeout': '10000',
    });
    expect(heliconeHeaders({ retry: { enabled: false, num: 2 } })).toEqual({ 'Helicone-Retry-Enabled': 'false', 'helicone-retry-num': '2' });
  });

  it('rate limit policy as a string or from its parts', () => {
    expect(heliconeHeaders({ rateLimit: '1000;w=3600' })).toEqual({ 'Helicone-RateLimit-Policy': '1000;w=3600' });
    expect(heliconeHeaders({ rateLimit: { quota: 1000, windowSeconds: 3600 } })).toEqual({ 'Helicone-RateLimit-Policy': '1000;w=3600' });
    expect(heliconeHeaders({ rateLimit: { quota: 10, windowSeconds: 1000, unit: 'cents', segment: 'user' } })).toEqual({ 'Helicone-RateLimit-Policy': '10;w=1000;u=cents;s=user' });
    expect(heliconeHeaders({ rateLimit: { quota: 5, windowSeconds: 60, unit: 'request' } })).toEqual({ 'Helicone-RateLimit-Policy': '5;w=60;u=request' });
  });

  it('omit flags', () => {
    expect(heliconeHeaders({ omit: { request: true, response: false } })).toEqual({ 'Helicone-Omit-Request': 'true', 'Helicone-Omit-Response': 'false' });
    expect(heliconeHeaders({ omit: { response: true } })).toEqual({ 'Helicone-Omit-Response': 'true' });
  });

  it('ignores options that are not headers (a CallOptions passed as is)', () => {
    expect(heliconeHeaders({ userId: 'u', signal: new AbortController().signal, extraHeaders: { a: 'b' } } as HeliconeHeaderOptions)).toEqual({ 'Helicone-User-Id': 'u' });
  });
});

describe('heliconeHeaders: invalid values throw a TypeError naming the option', () => {
  it('empty or missing strings', () => {
    invalid({ session: { id: '' } }, 'session.id must not be empty');
    invalid({ session: { id: '   ' } }, 'session.id must not be empty');
    invalid({ session: {} }, 'session.id must be a string, got undefined');
    invalid({ session: { id: 's', name: '' } }, 'session.name must not be empty');
    invalid({ session: { id: 's', path: '' } }, 'session.path must not be empty');
    invalid({ requestId: '' }, 'requestId must not be empty');
    invalid({ userId: '' }, 'userId must not be empty');
    invalid({ prompt: { id: '' } }, 'prompt.id must not be empty');
    invalid({ modelOverride: '' }, 'modelOverride must not be empty');
    invalid({ userId: 42 }, 'userId must be a string, got number');
    invalid({ session: 'abc' }, 'session must be an object');
  });

  it('property names that cannot be part of a header name', () => {
    invalid({ properties: { 'App Name': 'x' } }, 'properties: "App Name" is not a valid property name');
    invalid({ properties: { 'a:b': 'x' } }, 'properties: "a:b" is not a valid property name');
    invalid({ properties: { '': 'x' } }, 'properties: "" is not a valid property name');
    invalid({ properties: { 'naïve': 'x' } }, 'properties: "naïve" is not a valid property name');
  });

  it('CR, LF or NUL in any value', () => {
    invalid({ userId: 'alice\r\nX-Injected: 1' }, 'userId must not contain line breaks or NUL characters (CR/LF would split the header)');
    invalid({ session: { id: 'a\nb' } }, 'session.id must not contain line breaks');
    invalid({ properties: { Environment: 'prod\n' } }, 'properties.Environment must not contain line breaks');
    invalid({ properties: { Environment: 'a\0b' } }, 'properties.Environment must not contain line breaks or NUL characters');
    invalid({ cache: { seed: 's\r' } }, 'cache.seed must not contain line breaks');
    invalid({ rateLimit: '10;w=60\r\n' }, 'rateLimit must not contain line breaks');
  });

  it('characters an HTTP header cannot carry', () => {
    invalid({ properties: { Topic: '日本' } }, 'properties.Topic contains "日", which an HTTP header cannot carry; encode it (e.g. encodeURIComponent) first');
    invalid({ userId: 'emoji 😀' }, 'userId contains "😀"');
  });

  it('property values of other types', () => {
    invalid({ properties: { n: Number.NaN } }, 'properties.n must be a finite number, got NaN');
    invalid({ properties: { o: { a: 1 } } }, 'properties.o must be a string, number or boolean, got object');
    invalid({ properties: { o: null } }, 'properties.o must be a string, number or boolean, got null');
  });

  it('non-positive or fractional numbers', () => {
    invalid({ cache: { ttlSeconds: 0 } }, 'cache.ttlSeconds must be a positive whole number, got 0');
    invalid({ cache: { ttlSeconds: 1.5 } }, 'cache.ttlSeconds must be a whole number, got 1.5');
    invalid({ cache: { bucketMaxSize: -1 } }, 'cache.bucketMaxSize must be a positive whole number, got -1');
    invalid({ retry: { num: 0 } }, 'retry.num must be a positive whole number, got 0');
    invalid({ retry: { factor: -2 } }, 'retry.factor must be a positive number, got -2');
    invalid({ retry: { minTimeoutMs: Number.POSITIVE_INFINITY } }, 'retry.minTimeoutMs must be a positive whole number, got Infinity');
    invalid({ retry: { maxTimeoutMs: 0 } }, 'retry.maxTimeoutMs must be a positive whole number, got 0');
    invalid({ rateLimit: { quota: 0, windowSeconds: 60 } }, 'rateLimit.quota must be a positive number, got 0');
    invalid({ rateLimit: { quota: 1, windowSeconds: -60 } }, 'rateLimit.windowSeconds must be a positive whole number, got -60');
  });

  it('retry timeouts out of order', () => {
    invalid({ retry: { minTimeoutMs: 5000, maxTimeoutMs: 1000 } }, 'retry.minTimeoutMs (5000) must not exceed retry.maxTimeoutMs (1000)');
  });

  it('rate-limit windows under a minute, unknown units and separators in the segment', () => {
    invalid({ rateLimit: { quota: 10, windowSeconds: 59 } }, "rateLimit.windowSeconds must be at least 60 (Helicone's shortest window), got 59");
    invalid({ rateLimit: { quota: 10, windowSeconds: 60, unit: 'tokens' } }, 'rateLimit.unit must be "request" or "cents", got "tokens"');
    invalid({ rateLimit: { quota: 10, windowSeconds: 60, segment: 'a;b' } }, 'rateLimit.segment must not contain ";", "," or "=", got "a;b"');
    invalid({ rateLimit: '' }, 'rateLimit must not be empty');
  });

  it('cache ignore keys', () => {
    invalid({ cache: { ignoreKeys: ['a', ''] } }, 'cache.ignoreKeys[1] must not be empty');
    invalid({ cache: { ignoreKeys: ['a,b'] } }, 'cache.ignoreKeys[0] must not contain a comma (the keys are sent comma-joined)');
    invalid({ cache: { ignoreKeys: 'a' } }, 'cache.ignoreKeys must be an array of body keys');
  });

  it('flags that are not booleans', () => {
    invalid({ omit: { request: 'yes' } }, 'omit.request must be true or false, got "yes"');
    invalid({ cache: { enabled: 1 } }, 'cache.enabled must be true or false, got 1');
    invalid({ retry: { enabled: 'true' } }, 'retry.enabled must be true or false, got "true"');
  });
});

describe('mergeHeaders', () => {
  it('lets later layers win whatever the case, keeping one spelling', () => {
    expect(
      mergeHeaders({ 'content-type': 'application/json', 'Helicone-Property-Env': 'dev', 'helicone-user-id': 'a' }, undefined, { 'helicone-property-env': 'prod' }, { 'Helicone-User-Id': 'b' }),
    ).toEqual({ 'content-type': 'application/json', 'helicone-property-env': 'prod', 'Helicone-User-Id': 'b' });
  });
});
