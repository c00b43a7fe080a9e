import { describe, expect, it } from 'vitest';
import { clientOptionsFromEnv, GatewayClient, normalizeBaseUrl } from '../../../gateway/src/client/index.js';

describe('clientOptionsFromEnv', () => {
  it('uses a local gateway without a key when nothing is set', () => {
    expect(clientOptionsFromEnv({})).toEqual({ baseUrl: 'http://127.0.0.1:8585', gatewayBaseUrl: 'http://127.0.0.1:8585' });
  });

  it('uses SWITCHYARD_URL and SWITCHYARD_API_KEY for both bases', () => {
    expect(clientOptionsFromEnv({ SWITCHYARD_URL: 'http://gw.internal:9000/', SWITCHYARD_API_KEY: 'sk-switchyard-1' })).toEqual({
      baseUrl: 'http://gw.internal:9000',
      gatewayBaseUrl: 'http://gw.internal:9000',
      apiKey: 'sk-switchyard-1',
    });
  });

  it('prefers SWITCHYARD_URL over Helicone variables, and does not send the Helicone key to it', () => {
    const options = clientOptionsFromEnv({
      SWITCHYARD_URL: 'http://127.0.0.1:9999',
      HELICONE_API_KEY: 'sk-helicone-abc',
      HELICONE_BASE_URL: 'https://eu.api.helicone.ai',
      HELICONE_AI_GATEWAY_BASE_URL: 'https://eu.ai-gateway.helicone.ai',
    });
    expect(options).toEqual({ baseUrl: 'http://127.0.0.1:9999', gatewayBaseUrl: 'http://127.0.0.1:9999' });
  });

  it('uses Helicone’s defaults with HELICONE_API_KEY alone', () => {
    expect(clientOptionsFromEnv({ HELICONE_API_KEY: 'sk-helicone-abc' })).toEqual({
      baseUrl: 'https://api.helicone.ai',
      gatewayBaseUrl: 'https://ai-gateway.helicone.ai',
      apiKey: 'sk-helicone-abc',
    });
  });

  it('uses HELICONE_BASE_URL and HELICONE_AI_GATEWAY_BASE_URL with the Helicone key', () => {
    expect(
      clientOptionsFromEnv({
        HELICONE_API_KEY: 'sk-helicone-abc',
        HELICONE_BASE_URL: 'https://eu.api.helicone.ai/',
        HELICONE_AI_GATEWAY_BASE_URL: 'https://eu.ai-gateway.helicone.ai/v1/',
      }),
    ).toEqual({ baseUrl: 'https://eu.api.helicone.ai', gatewayBaseUrl: 'https://eu.ai-gateway.helicone.ai', apiKey: 'sk-helicone-abc' });
  });

  it('ignores Helicone base URLs without a Helicone key', () => {
    expect(clientOptionsFromEnv({ HELICONE_BASE_URL: 'https://eu.api.helicone.ai' }).baseUrl).toBe('http://127.0.0.1:8585');
  });

  it('sends SWITCHYARD_API_KEY to the local default gateway (one with keys)', () => {
    expect(clientOptionsFromEnv({ SWITCHYARD_API_KEY: 'sk-switchyard-2' })).toEqual({
      baseUrl: 'http://127.0.0.1:8585',
      gatewayBaseUrl: 'http://127.0.0.1:8585',
      apiKey: 'sk-switchyard-2',
    });
  });

  it('treats empty variables as unset', () => {
    expect(clientOptionsFromEnv({ SWITCHYARD_URL: '', HELICONE_API_KEY: '  ', SWITCHYARD_API_KEY: '' })).toEqual({
      baseUrl: 'http://127.0.0.1:8585',
      gatewayBaseUrl: 'http://127.0.0.1:8585',
    });
  });

  it('trims a /v1 suffix and trailing slashes from SWITCHYARD_URL', () => {
    expect(clientOptionsFromEnv({ SWITCHYARD_URL: 'http://127.0.0.1:8585/v1' }).baseUrl).toBe('http://127.0.0.1:8585');
    expect(clientOptionsFromEnv({ SWITCHYARD_URL: 'http://127.0.0.1:8585/v1//' }).gatewayBaseUrl).toBe('http://127.0.0.1:8585');
    expect(clientOptionsFromEnv({ SWITCHYARD_URL: 'https://proxy.example/switchyard/v1/' }).baseUrl).toBe('https://proxy.example/switchyard');
  });

  it('reads HELICONE_PROPERTY_<NAME> variables as default Helicone-Property-<NAME> headers', () => {
    const options = clientOptionsFromEnv({
      SWITCHYARD_URL: 'http://127.0.0.1:8585',
      HELICONE_PROPERTY_ENVIRONMENT: 'ci',
      HELICONE_PROPERTY_App_Name: 'switchyard-tests',
      HELICONE_PROPERTY_EMPTY: '',
      HELICONE_PROPERTY_: 'no name',
      HELICONE_CACHE_ENABLED: 'true',
    });
    expect(options.headers).toEqual({ 'Helicone-Property-ENVIRONMENT': 'ci', 'Helicone-Property-App_Name': 'switchyard-tests' });
  });

  it('has no headers when no property variable is set', () => {
    expect(clientOptionsFromEnv({ HELICONE_API_KEY: 'k' }).headers).toBeUndefined();
  });

  it('reads process.env by default', () => {
    const saved = process.env.SWITCHYARD_URL;
    process.env.SWITCHYARD_URL = 'http://127.0.0.1:7777/';
    try {
      expect(clientOptionsFromEnv().baseUrl).toBe('http://127.0.0.1:7777');
    } finally {
      if (saved === undefined) delete process.env.SWITCHYARD_URL;
      else process.env.SWITCHYARD_URL = saved;
    }
  });
});

describe('normalizeBaseUrl and the client’s bases', () => {
  it('trims slashes and /v1', () => {
    expect(['http://x/', 'http://x/v1', 'http://x/V1/', 'http://x//v1//', 'http://x/api/v1', 'http://x/v10'].map(normalizeBaseUrl)).toEqual([
      'http://x',
      'http://x',
      'http://x',
      'http://x',
      'http://x/api',
      'http://x/v10',
    ]);
  });

  it('defaults the chat base to the query base, and both to the local gateway', () => {
    expect(new GatewayClient()).toMatchObject({ baseUrl: 'http://127.0.0.1:8585', gatewayBaseUrl: 'http://127.0.0.1:8585' });
    expect(new GatewayClient({ baseUrl: 'http://h:1/v1/' })).toMatchObject({ baseUrl: 'http://h:1', gatewayBaseUrl: 'http://h:1' });
    expect(new GatewayClient({ baseUrl: 'https://api.helicone.ai', gatewayBaseUrl: 'https://ai-gateway.helicone.ai/v1' })).toMatchObject({
      baseUrl: 'https://api.helicone.ai',
      gatewayBaseUrl: 'https://ai-gateway.helicone.ai',
    });
  });

  it('refuses a timeout that is not a positive number', () => {
    expect(() => new GatewayClient({ timeoutMs: 0 })).toThrow(new TypeError('timeoutMs must be a positive number of milliseconds, got 0'));
  });
});
