/**
 * Helicone headers for a manual log, from two places: the HTTP request's headers (what the SDKs
 * do: the logger's `headers` and each call's `additionalHeaders`) and `providerRequest.meta`
 * (`{"Helicone-Session-Id": "s1", "Helicone-Property-Env": "prod"}`). As on Helicone's server,
 * the two are merged and an HTTP header wins over a meta key of the same name (names compared
 * case-insensitively). The merged set is read by the gateway's own parseHeliconeHeaders, so the
 * rules (UUID request ids, "true"/"false" flags, property names) are the same as for proxied
 * requests; a bad value is a 400 naming the header.
 */
import { GatewayError } from '../contract/errors.js';
import { HeaderError, type HeliconeRequestHeaders, parseHeliconeHeaders } from '../contract/helicone-headers.js';

type RawHeaders = Record<string, string | string[] | undefined>;

/** Header (or meta key) naming the provider, when the payload carries no other hint. */
const providerHeaderNames = ['helicone-provider', 'helicone-target-provider'];

export interface ManualLogHeaders {
  helicone: HeliconeRequestHeaders;
  /** Value of Helicone-Provider / Helicone-Target-Provider, if sent. */
  providerHint?: string;
}

export function readHeliconeHeaders(
  headers: RawHeaders,
  rawHeaders: string[] | undefined,
  meta: Record<string, string | number | boolean> | null | undefined,
): ManualLogHeaders {
  const merged: RawHeaders = {};
  const names: string[] = [];
  const fromMeta = new Set<string>();
  for (const [name, value] of Object.entries(meta ?? {})) {
    const trimmed = name.trim();
    if (trimmed === '') continue;
    merged[trimmed.toLowerCase()] = String(value);
    names.push(trimmed, String(value));
    fromMeta.add(trimmed.toLowerCase());
  }
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    merged[name.toLowerCase()] = value;
    fromMeta.delete(name.toLowerCase());
  }
  // HTTP names come last so that, for a name in both, the HTTP spelling of a property wins too.
  if (rawHeaders) names.push(...rawHeaders);

  let helicone: HeliconeRequestHeaders;
  try {
    helicone = parseHeliconeHeaders(merged, names);
  } catch (error) {
    if (!(error instanceof HeaderError)) throw error;
    const where = fromMeta.has(error.header.toLowerCase()) ? ' (in providerRequest.meta)' : '';
    throw new GatewayError(400, 'invalid_header', `${error.message}${where}`, error.header);
  }

  let providerHint: string | undefined;
  for (const name of providerHeaderNames) {
    const value = merged[name];
    const text = (Array.isArray(value) ? value[0] : value)?.trim();
    if (text) {
      providerHint = text;
      break;
    }
  }
  return providerHint === undefined ? { helicone } : { helicone, providerHint };
}
