/**
 * A request body is read from the stream's buffer when it came with its headers and declared its
 * length, and as it arrives otherwise. Each way of arriving, over raw sockets, must give the
 * provider and the log the same body and leave the connection usable.
 */
import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders(() => ({ SWITCHYARD_MAX_BODY_BYTES: '65536' }));
const { port } = new URL(gw.url);

const chatBody = (content: string) => JSON.stringify({ model: 'gpt-5-nano/openai', messages: [{ role: 'user', content }] });

function head(requestId: string, framing: string): string {
  return `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nHelicone-Request-Id: ${requestId}\r\n${framing}\r\n`;
}

/** A socket that collects what it receives, and reads one whole response (by its Content-Length) at a time. */
async function open(): Promise<{ socket: Socket; response(): Promise<{ status: number; body: string }> }> {
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = Buffer.alloc(0);
  let closed = false;
  let wake = () => {};
  socket.on('data', (data: Buffer) => {
    received = Buffer.concat([received, data]);
    wake();
  });
  socket.on('close', () => {
    closed = true;
    wake();
  });
  const response = async () => {
    for (;;) {
      const end = received.indexOf('\r\n\r\n');
      if (end >= 0) {
        const headers = received.subarray(0, end).toString();
        const length = Number(/content-length: (\d+)/i.exec(headers)?.[1]);
        if (received.length >= end + 4 + length) {
          const body = received.subarray(end + 4, end + 4 + length).toString();
          received = received.subarray(end + 4 + length);
          return { status: Number(headers.split(' ')[1]), body };
        }
      }
      if (closed) throw new Error(`the gateway closed the connection before a whole response; received: ${received.toString()}`);
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  return { socket, response };
}

async function expectAnsweredAndLogged(requestId: string, content: string): Promise<void> {
  expect(fake.last('openai').body.messages).toEqual([{ role: 'user', content }]);
  const row = await gw.row(requestId);
  expect(row.status).toBe(200);
  expect(JSON.parse(row.request_body!).messages[0].content).toBe(content);
}

describe('request bodies, however they arrive', () => {
  it('with the headers in one packet, twice on one keep-alive connection', async () => {
    const { socket, response } = await open();
    for (const content of ['first on the connection', 'second on the connection']) {
      const requestId = randomUUID();
      const body = chatBody(content);
      socket.write(head(requestId, `Content-Length: ${Buffer.byteLength(body)}\r\n`) + body);
      const answer = await response();
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).object).toBe('chat.completion');
      await expectAnsweredAndLogged(requestId, content);
    }
    socket.destroy();
  });

  it('after the headers, in pieces, with a declared length', async () => {
    const { socket, response } = await open();
    const requestId = randomUUID();
    const body = chatBody('sent in three pieces, ünïcödé split across them');
    const bytes = Buffer.from(body);
    socket.write(head(requestId, `Content-Length: ${bytes.length}\r\n`));
    // Split inside a multi-byte character too: the pieces are joined as bytes before decoding.
    const cuts = [20, bytes.indexOf(Buffer.from('ü')) + 1, bytes.length];
    for (let from = 0, i = 0; i < cuts.length; from = cuts[i]!, i++) {
      await sleep(30);
      socket.write(bytes.subarray(from, cuts[i]));
    }
    expect((await response()).status).toBe(200);
    await expectAnsweredAndLogged(requestId, 'sent in three pieces, ünïcödé split across them');
    socket.destroy();
  });

  it('chunked, without a declared length', async () => {
    const { socket, response } = await open();
    const requestId = randomUUID();
    const body = chatBody('chunked');
    const half = Math.floor(body.length / 2);
    socket.write(head(requestId, 'Transfer-Encoding: chunked\r\n'));
    for (const piece of [body.slice(0, half), body.slice(half)]) {
      socket.write(`${Buffer.byteLength(piece).toString(16)}\r\n${piece}\r\n`);
      await sleep(30);
    }
    socket.write('0\r\n\r\n');
    expect((await response()).status).toBe(200);
    await expectAnsweredAndLogged(requestId, 'chunked');
    socket.destroy();
  });

  it('chunked past the size limit: a 413 naming the limit, and the connection answers the next request', async () => {
    const { socket, response } = await open();
    socket.write(head(randomUUID(), 'Transfer-Encoding: chunked\r\n'));
    const piece = 'x'.repeat(16_384);
    for (let i = 0; i < 8; i++) socket.write(`${piece.length.toString(16)}\r\n${piece}\r\n`);
    socket.write('0\r\n\r\n');
    const refused = await response();
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body).error).toMatchObject({ type: 'request_too_large', message: expect.stringMatching(/larger than 65536 bytes/) });
    expect(fake.requests).toHaveLength(0);

    const requestId = randomUUID();
    const body = chatBody('after the refusal');
    socket.write(head(requestId, `Content-Length: ${Buffer.byteLength(body)}\r\n`) + body);
    expect((await response()).status).toBe(200);
    await expectAnsweredAndLogged(requestId, 'after the refusal');
    socket.destroy();
  });

  it('cut short by a client that goes away: nothing sent on, and the gateway keeps answering', async () => {
    const { socket } = await open();
    const body = chatBody('never finished');
    socket.write(head(randomUUID(), `Content-Length: ${Buffer.byteLength(body)}\r\n`) + body.slice(0, 10));
    await sleep(50);
    socket.destroy();
    await sleep(100);
    expect(fake.requests).toHaveLength(0);

    const requestId = randomUUID();
    const completion = await gw.client({ headers: { 'Helicone-Request-Id': requestId } }).chat.completions.create({
      model: 'gpt-5-nano/openai',
      messages: [{ role: 'user', content: 'after the cut' }],
    });
    expect(completion.object).toBe('chat.completion');
    await expectAnsweredAndLogged(requestId, 'after the cut');
  });
});
