import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHeader, signBody } from '../../../gateway/src/webhooks/signature.js';

describe('webhook signature', () => {
  it('is the hex HMAC-SHA256 of the exact body, keyed by hmac_key, as Helicone documents', () => {
    const body = JSON.stringify({ request_id: 'r1', request_body: '{"a":1}', response_body: 'ok' });
    const signature = signBody('key-1', body);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    // The receiver's check from the docs: compare hex digests with timingSafeEqual.
    const expected = createHmac('sha256', 'key-1').update(JSON.stringify(JSON.parse(body))).digest('hex');
    expect(timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(signature, 'hex'))).toBe(true);
    expect(signatureHeader).toBe('Helicone-Signature');
  });

  it('changes with the key and with any byte of the body', () => {
    const body = '{"request_id":"r1"}';
    expect(signBody('key-2', body)).not.toBe(signBody('key-1', body));
    expect(signBody('key-1', `${body} `)).not.toBe(signBody('key-1', body));
  });
});
