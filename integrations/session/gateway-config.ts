/**
 * What every OpenAI-compatible framework client needs to go through the gateway: the base URL
 * (with /v1), the key, default Helicone headers and the session-aware fetch.
 */
import { clientOptionsFromEnv, type HeliconeHeaderOptions, heliconeHeaders } from '../../gateway/src/client/index.js';
import { sessionFetch } from './session-fetch.js';

/** Options for a framework client; no requestId, which would be reused by every call (a 409 from the second). */
export interface GatewayOptions extends Omit<HeliconeHeaderOptions, 'requestId'> {
  /** The gateway's URL (default: SWITCHYARD_URL, HELICONE_AI_GATEWAY_BASE_URL, or http://127.0.0.1:8585). */
  baseURL?: string;
  /** The gateway key (default: SWITCHYARD_API_KEY or HELICONE_API_KEY). */
  apiKey?: string;
  /** A fetch to wrap (default: the global fetch). */
  fetch?: typeof fetch;
}

export interface GatewayConfig {
  baseURL: string;
  apiKey: string;
  defaultHeaders: Record<string, string>;
  fetch: typeof fetch;
}

export function gatewayConfig(options: GatewayOptions = {}, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const fromEnv = clientOptionsFromEnv(env);
  const { baseURL, apiKey, fetch: baseFetch, ...headerOptions } = options;
  const base = (baseURL ?? fromEnv.gatewayBaseUrl ?? 'http://127.0.0.1:8585').replace(/\/+$/, '').replace(/\/v1$/, '');
  return {
    baseURL: `${base}/v1`,
    // OpenAI clients insist on a key; a gateway without keys ignores it.
    apiKey: apiKey ?? fromEnv.apiKey ?? 'no-key',
    defaultHeaders: { ...fromEnv.headers, ...heliconeHeaders(headerOptions) },
    fetch: sessionFetch(baseFetch),
  };
}
