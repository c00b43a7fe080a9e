/**
 * A provider's error body is read up to 1 MB; one that goes on past that is cut off, and the
 * gateway answers with the provider's status and goes on serving.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiError, gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders();

const ask = (requestId: string) =>
  gw.client({ headers: { 'Helicone-Request-Id': requestId } }).chat.completions.create({ model: 'gpt-4.1-nano/openai', messages: [{ role: 'user', content: 'hi' }] });

describe('a provider error body larger than the gateway reads', () => {
  it('answers the provider’s status, logs the request, and keeps serving', async () => {
    fake.enqueue('openai', { status: 500, json: { error: { message: 'x'.repeat(3_000_000), type: 'server_error' } } });
    const requestId = randomUUID();
    const error = await apiError(ask(requestId));
    expect(error.status).toBe(500);
    expect((await gw.row(requestId)).status).toBe(500);

    const next = await ask(randomUUID());
    expect(next.choices[0]?.message.content).toBeTruthy();
  });
});
