/**
 * The `switchyardApi` credential as the gateway client's options: the chat base URL (Switchyard,
 * or Helicone's AI Gateway), the query API base URL (the same Switchyard, or Helicone's API) and
 * the key, with the same URL normalisation the client applies (trailing slashes and /v1 dropped).
 */
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { type GatewayClientOptions, normalizeBaseUrl } from '../../../gateway/src/client/index.js';

export const credentialName = 'switchyardApi';
export const defaultBaseUrl = 'http://localhost:8585';

export interface Connection {
  /** Where chat completions go, without /v1. */
  gatewayBaseUrl: string;
  /** Where the query API (requests, sessions, feedback, scores, traces) is, without /v1. */
  queryBaseUrl: string;
  /** The gateway key, Helicone key, or undefined for a Switchyard without keys. */
  apiKey: string | undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function url(node: INode, field: string, value: string): string {
  let normalized: string;
  try {
    normalized = normalizeBaseUrl(value);
  } catch (error) {
    throw new NodeOperationError(node, `The credential's ${field} is not usable: ${(error as Error).message}`);
  }
  if (!URL.canParse(normalized) || !/^https?:$/.test(new URL(normalized).protocol)) {
    throw new NodeOperationError(node, `The credential's ${field} must be an http:// or https:// URL, got "${value}"`, {
      description: `For a local Switchyard: ${defaultBaseUrl}. For Helicone's hosted gateway: https://ai-gateway.helicone.ai.`,
    });
  }
  return normalized;
}

export function connectionFrom(node: INode, credentials: ICredentialDataDecryptedObject): Connection {
  const gatewayBaseUrl = url(node, 'Base URL', text(credentials.baseUrl) || defaultBaseUrl);
  const query = text(credentials.queryApiUrl);
  return {
    gatewayBaseUrl,
    queryBaseUrl: query ? url(node, 'Query API URL', query) : gatewayBaseUrl,
    apiKey: text(credentials.apiKey) || undefined,
  };
}

export function clientOptions(connection: Connection): GatewayClientOptions {
  return { baseUrl: connection.queryBaseUrl, gatewayBaseUrl: connection.gatewayBaseUrl, apiKey: connection.apiKey };
}
