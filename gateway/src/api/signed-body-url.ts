/**
 * `signed_body_url`, as Helicone's rows carry it: a link to a request's bodies that works without
 * a key for an hour (an HMAC over the id and the expiry, with a secret made at start). Prompt
 * versions' `s3_url` links are signed the same way.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const lifetimeSeconds = 3600;

export class BodyUrlSigner {
  private readonly secret = randomBytes(32);

  private signature(requestId: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${requestId}.${expires}`).digest('base64url');
  }

  url(baseUrl: string, requestId: string, now = Date.now()): string {
    return `${baseUrl}/v1/request/${requestId}/body?${this.query(requestId, now)}`;
  }

  /** `expires=…&signature=…` for any subject (a request id, a prompt version's body); webhooks' links live 30 minutes. */
  query(subject: string, now = Date.now(), lifetime = lifetimeSeconds): string {
    const expires = Math.floor(now / 1000) + lifetime;
    return `expires=${expires}&signature=${this.signature(subject, expires)}`;
  }

  /** True for an unexpired signature made by this gateway for this subject. */
  verify(subject: string, expires: string | null, signature: string | null, now = Date.now()): boolean {
    if (!expires || !signature || !/^\d+$/.test(expires) || Number(expires) * 1000 < now) return false;
    const expected = Buffer.from(this.signature(subject, Number(expires)));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
