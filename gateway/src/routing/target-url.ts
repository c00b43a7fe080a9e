/**
 * Helicone-Target-URL: proxy an OpenAI-compatible request to a URL the client names, but only to
 * URL prefixes the operator allowed, so the gateway cannot be turned into an open proxy.
 */
import { bearerToken } from '../auth/gateway-keys.js';
import { GatewayError } from '../contract/errors.js';
import type { Attempt } from './build-attempts.js';

function allowed(target: URL, allowlist: readonly URL[]): boolean {
  return allowlist.some((prefix) => {
    if (prefix.origin !== target.origin) return false;
    const path = prefix.pathname.replace(/\/+$/, '');
    return target.pathname === path || target.pathname.startsWith(`${path}/`) || path === '';
  });
}

/**
 * The single attempt for a Target-URL request. The gateway path is appended to the target, as
 * Helicone's generic gateway does; the client's own Authorization goes upstream only when the
 * gateway key came in Helicone-Auth (otherwise Authorization carried the gateway key).
 */
export function targetUrlAttempt(
  targetUrl: string,
  model: string,
  path: string,
  allowlist: readonly URL[],
  clientAuthorization: string | undefined,
): Attempt {
  const target = new URL(targetUrl);
  if (!allowed(target, allowlist)) {
    throw new GatewayError(
      403,
      'target_url_not_allowed',
      `Helicone-Target-URL ${target.origin} is not on the allowlist; add it to targetUrlAllowlist in the config file or SWITCHYARD_TARGET_URL_ALLOWLIST`,
      'Helicone-Target-URL',
    );
  }
  const base = `${target.origin}${target.pathname.replace(/\/+$/, '')}`;
  // "/v1/chat/completions" (or "/v1/responses", translated to chat) → base + "/v1"; the adapter appends "/chat/completions".
  const prefix = path.replace(/\/(chat\/completions|responses)$/, '');
  const apiKey = bearerToken(clientAuthorization);
  return {
    source: `${model}/${target.host}`,
    provider: 'custom',
    model,
    providerModel: model,
    config: { name: 'custom', format: 'openai', baseUrl: `${base}${prefix}`, apiKey },
  };
}
