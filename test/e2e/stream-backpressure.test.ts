import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders();

/** A chat.completion.chunk carrying `content`, as OpenAI streams it. */
const chunk = (content: string, finish: string | null = null) =>
  JSON.stringify({ id: 'chatcmpl-big', object: 'chat.completion.chunk', created: 1_760_000_000, model: 'gpt-5-nano', choices: [{ index: 0, delta: { content }, finish_reason: finish }] });

describe('a stream to a client that stops reading for a while', () => {
  it('waits for the client instead of failing, then relays every event in order and logs the whole answer', async () => {
    // 4 MB of events: more than the sockets' buffers hold, so the gateway's writes report a full
    // buffer while the client is not reading.
    const pieces = Array.from({ length: 256 }, (_, i) => `${String(i).padStart(4, '0')}${'x'.repeat(16_380)}`);
    fake.enqueue('openai', { events: [...pieces.map((piece) => chunk(piece)), chunk('', 'stop')], done: true });
    const requestId = randomUUID();
    const body = JSON.stringify({ model: 'gpt-5-nano/openai', stream: true, messages: [{ role: 'user', content: 'hi' }] });

    const text = await new Promise<string>((resolve, reject) => {
      const req = request(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'helicone-request-id': requestId } }, (res) => {
        res.setEncoding('utf8');
        let received = '';
        let paused = false;
        res.on('data', (part: string) => {
          received += part;
          if (!paused) {
            paused = true;
            res.pause();
            setTimeout(() => res.resume(), 500);
          }
        });
        res.on('end', () => resolve(received));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });

    const events = text.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const content = events
      .slice(0, -1)
      .map((event) => JSON.parse(event.slice('data: '.length)).choices[0].delta.content as string)
      .join('');
    expect(content).toBe(pieces.join(''));

    for (let i = 0; i < 200 && !(await gw.gateway.store.hasRequest(requestId)); i++) await sleep(10);
    const row = await gw.row(requestId);
    expect(row.status).toBe(200);
    expect(JSON.parse(row.response_body!).choices[0].message.content).toBe(pieces.join(''));
  });
});
