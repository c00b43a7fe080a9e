import type { IncomingMessage } from 'node:http';
import { type KeyVerifier, presentedKey } from '../auth/gateway-keys.js';
import { GatewayError } from '../contract/errors.js';

export interface AuthResult {
  /** The gateway key's id, when keys are configured. */
  keyId?: string;
  /** The client's Authorization header when it is not the gateway credential (legacy proxy use). */
  clientAuthorization?: string;
}

/**
 * With gateway keys configured, every request needs one, as `Authorization: Bearer` or
 * `Helicone-Auth: Bearer` (or, on routes whose clients send it elsewhere, in `apiKeyHeader`:
 * Anthropic's `x-api-key`). Without keys the gateway only listens on loopback, and anything goes.
 */
export async function authenticate(req: IncomingMessage, keys: KeyVerifier, apiKeyHeader?: string): Promise<AuthResult> {
  // headersDistinct, which the rest of a model request reads too: Node builds each view of the
  // headers on first use, and building both cost a lone request about 15 µs.
  const headers = req.headersDistinct;
  const authorization = headers.authorization?.[0];
  const { key, fromHeliconeAuth } = presentedKey(headers, apiKeyHeader);
  if (!keys.required) return { clientAuthorization: authorization };
  if (!key) {
    const where = apiKeyHeader ? `"${apiKeyHeader}: <key>", ` : '';
    throw new GatewayError(401, 'missing_api_key', `This gateway requires a key: send ${where}"Authorization: Bearer <key>" or "Helicone-Auth: Bearer <key>" (create one with \`switchyard keys create\`)`);
  }
  const keyId = await keys.verify(key);
  if (!keyId) throw new GatewayError(401, 'invalid_api_key', 'The gateway key is not valid or has been revoked');
  return { keyId, clientAuthorization: fromHeliconeAuth ? authorization : undefined };
}
