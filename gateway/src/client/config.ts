/**
 * Where the client connects and with what key: the options a GatewayClient takes, and how they
 * are read from the environment (Switchyard's variables first, then Helicone's, then a local
 * gateway).
 */
import { heliconeHeaders } from './headers.js';

export interface GatewayClientOptions {
  /** Query API base (Switchyard, or Helicone's https://api.helicone.ai). */
  baseUrl?: string;
  /** Chat base (Switchyard, or https://ai-gateway.helicone.ai). Defaults to baseUrl. */
  gatewayBaseUrl?: string;
  apiKey?: string;
  /** Headers sent with every call (e.g. default Helicone properties). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Per-call timeout, default 120 000 ms. */
  timeoutMs?: number;
}

export const defaultBaseUrl = 'http://127.0.0.1:8585';
export const heliconeApiBaseUrl = 'https://api.helicone.ai';
export const heliconeGatewayBaseUrl = 'https://ai-gateway.helicone.ai';
export const defaultTimeoutMs = 120_000;

const propertyPrefix = 'HELICONE_PROPERTY_';
/** Trailing slashes, and a /v1 before them. */
const trailingPath = /(?:\/+v1)?\/*$/i;

/**
 * A base URL as the client appends paths to it: without trailing slashes or a trailing /v1
 * (every path the client sends starts with /v1 or another root route).
 */
export function normalizeBaseUrl(url: string): string {
  const trimmed = url.trim();
  // Credentials in a URL end up in error messages and logs; keys belong in apiKey.
  if (URL.canParse(trimmed) && (new URL(trimmed).username || new URL(trimmed).password)) {
    throw new TypeError('A base URL must not carry a user name or password; pass the key as apiKey (SWITCHYARD_API_KEY or HELICONE_API_KEY)');
  }
  return trimmed.replace(trailingPath, '');
}

/** An environment variable, treating an empty value as unset (as CI templating often leaves them). */
function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/**
 * SWITCHYARD_URL (+ SWITCHYARD_API_KEY) wins; else HELICONE_API_KEY with HELICONE_BASE_URL
 * (default https://api.helicone.ai) and HELICONE_AI_GATEWAY_BASE_URL (default
 * https://ai-gateway.helicone.ai); else http://127.0.0.1:8585 (with SWITCHYARD_API_KEY if set,
 * for a local gateway with keys). Trailing slashes trimmed; a gateway URL given with /v1 works
 * too. HELICONE_PROPERTY_<NAME>=value variables become default Helicone-Property-<NAME> headers.
 */
export function clientOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayClientOptions {
  const options: GatewayClientOptions = {};
  const switchyardUrl = read(env, 'SWITCHYARD_URL');
  const heliconeKey = read(env, 'HELICONE_API_KEY');
  if (switchyardUrl) {
    options.baseUrl = normalizeBaseUrl(switchyardUrl);
    options.gatewayBaseUrl = options.baseUrl;
    const key = read(env, 'SWITCHYARD_API_KEY');
    if (key) options.apiKey = key;
  } else if (heliconeKey) {
    options.baseUrl = normalizeBaseUrl(read(env, 'HELICONE_BASE_URL') ?? heliconeApiBaseUrl);
    options.gatewayBaseUrl = normalizeBaseUrl(read(env, 'HELICONE_AI_GATEWAY_BASE_URL') ?? heliconeGatewayBaseUrl);
    options.apiKey = heliconeKey;
  } else {
    options.baseUrl = defaultBaseUrl;
    options.gatewayBaseUrl = defaultBaseUrl;
    const key = read(env, 'SWITCHYARD_API_KEY');
    if (key) options.apiKey = key;
  }

  const properties: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(propertyPrefix) || name.length === propertyPrefix.length || value === undefined || value === '') continue;
    properties[name.slice(propertyPrefix.length)] = value;
  }
  if (Object.keys(properties).length > 0) options.headers = heliconeHeaders({ properties });
  return options;
}
