import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { anthropicEvents } from '../helpers/fake-provider.js';
import { fixtureChunks } from '../helpers/fixtures.js';
import { gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders();

async function consume(model: string, requestId: string): Promise<{ text: string; error?: Error }> {
  const stream = await gw
    .client({ headers: { 'Helicone-Request-Id': requestId } })
    .chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] });
  let text = '';
  try {
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  } catch (error) {
    return { text, error: error as Error };
  }
  return { text };
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await sleep(10);
  if (!(await check())) throw new Error(`timed out waiting for ${what}`);
}

describe('streams that fail', () => {
  it('ends the client’s stream with an error, not [DONE], when the provider drops the connection mid-stream', async () => {
    fake.enqueue('openai', { events: fixtureChunks('openai-chat/azure-model-router.1.chunks.txt'), done: true, cutAfter: 4 });
    const requestId = randomUUID();
    const { text, error } = await consume('gpt-5-nano/openai', requestId);
    expect(text).toBe('Capital of');
    expect(error?.message).toMatch(/openai stream failed/);
    const row = await gw.row(requestId);
    expect(row.status).toBe(500);
    expect(row.error_message).toMatch(/openai stream failed/);
    expect(JSON.parse(row.response_body!).choices[0].message.content).toBe('Capital of');
  });

  it('treats an OpenAI-compatible stream that ends without finishing as an error', async () => {
    fake.enqueue('openai', { events: fixtureChunks('openai-chat/azure-model-router.1.chunks.txt').slice(0, 4) });
    const requestId = randomUUID();
    const { error } = await consume('gpt-5-nano/openai', requestId);
    expect(error?.message).toBe('openai ended the stream before the answer was complete');
    expect((await gw.row(requestId)).status).toBe(500);
  });

  it('passes an Anthropic error event to the client as a stream error and logs it', async () => {
    const events = anthropicEvents('anthropic/anthropic-text.chunks.txt').slice(0, 3);
    events.push({ event: 'error', data: JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }) });
    fake.enqueue('anthropic', { events });
    const requestId = randomUUID();
    const { error } = await consume('claude-sonnet-4-5/anthropic', requestId);
    expect(error?.message).toMatch(/Overloaded/);
    const row = await gw.row(requestId);
    expect(row).toMatchObject({ status: 500, error_message: expect.stringMatching(/Overloaded/), prompt_tokens: 12 });
  });

  it('aborts the upstream call when the client disconnects, and logs the request as cancelled (-3) with its partial answer', async () => {
    fake.enqueue('openai', { events: fixtureChunks('openai-chat/azure-model-router.1.chunks.txt'), done: true, eventDelayMs: 200 });
    const requestId = randomUUID();
    const controller = new AbortController();
    const stream = await gw
      .client({ headers: { 'Helicone-Request-Id': requestId } })
      .chat.completions.create({ model: 'gpt-5-nano/openai', stream: true, messages: [{ role: 'user', content: 'hi' }] }, { signal: controller.signal });
    let chunks = 0;
    try {
      for await (const _ of stream) {
        if (++chunks === 3) controller.abort();
      }
    } catch {
      // The SDK may end the iteration or throw on abort; either way the client is gone.
    }
    expect(chunks).toBe(3);
    await waitFor(() => fake.aborted === 1, 'the provider to see the disconnect');
    await waitFor(async () => gw.gateway.logQueue.hasPending(requestId) || (await gw.gateway.store.hasRequest(requestId)), 'the log record');
    const row = await gw.row(requestId);
    expect(row.status).toBe(-3);
    expect(row.error_message).toMatch(/client closed the connection/);
    expect(JSON.parse(row.response_body!).choices[0].message.content).toBe('Capital');
  });
});
