/**
 * Helicone-Signature: the hex HMAC-SHA256 of the exact bytes POSTed, keyed by the webhook's
 * `hmac_key`. Signing the sent string itself (never a re-serialisation) is what lets a receiver
 * verify the raw body it got.
 */
import { createHmac } from 'node:crypto';

export const signatureHeader = 'Helicone-Signature';

export function signBody(hmacKey: string, body: string): string {
  return createHmac('sha256', hmacKey).update(body).digest('hex');
}
