import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../gateway/src/contract/errors.js';
import { readRequestBody } from '../../../gateway/src/pipeline/read-request-body.js';

let server: Server | undefined;
afterEach(() => server?.close());

/** Sends `body` (one write, or chunked pieces) to a real server whose handler runs `read`; resolves with what it returned. */
async function serve<T>(body: string | string[], read: (req: IncomingMessage) => Promise<T>): Promise<T> {
  let result: Promise<T> | undefined;
  server = createServer((req, res) => {
    // As the gateway's handler does, read after an await: the body has been parsed by then.
    result = Promise.resolve().then(() => read(req));
    result.then(
      () => res.end('ok'),
      () => res.end('failed'),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const chunked = Array.isArray(body);
  const req = request({ host: '127.0.0.1', port, method: 'POST', headers: chunked ? {} : { 'content-length': Buffer.byteLength(body) } });
  // The answer may come before the body is all sent; a body given up on resets the connection.
  // Only what readRequestBody returned matters here.
  const answered = new Promise<void>((resolve) => {
    req.once('response', (res: IncomingMessage) => res.resume().once('end', resolve));
    req.once('error', () => resolve());
  });
  for (const piece of chunked ? body : [body]) {
    req.write(piece);
    if (chunked) await new Promise((resolve) => setTimeout(resolve, 10)); // each piece its own read
  }
  req.end();
  await answered;
  return result!;
}

describe('readRequestBody', () => {
  it('reads a body that came with its headers, and lets the request end', async () => {
    const { text, ended } = await serve('{"model":"m"}', async (req) => {
      const text = await readRequestBody(req, 1_000);
      await new Promise((resolve) => setImmediate(resolve));
      return { text, ended: req.readableEnded };
    });
    expect(text).toBe('{"model":"m"}');
    // Left unended, the request would never emit 'end' or 'close'.
    expect(ended).toBe(true);
  });

  it('reads a chunked body as it arrives, and refuses one past the limit with 413', async () => {
    expect(await serve(['{"a":', '1}'], (req) => readRequestBody(req, 1_000))).toBe('{"a":1}');
    const error = await serve(['x'.repeat(600), 'y'.repeat(600)], (req) => readRequestBody(req, 1_000).catch((caught: unknown) => caught));
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).status).toBe(413);
  });

  it('past the limit, reads and drops up to as much again, and gives up on a body longer than that', async () => {
    const settled = async (req: IncomingMessage) => {
      const error = await readRequestBody(req, 1_000).catch((caught: unknown) => caught);
      await Promise.race([once(req, 'end'), once(req, 'close')]);
      return { status: (error as GatewayError).status, ended: req.readableEnded };
    };
    // 800 over the limit: dropped, and the request ends, its connection usable for an answer.
    expect(await serve(['a'.repeat(900), 'b'.repeat(900)], settled)).toEqual({ status: 413, ended: true });
    // 1,000 over the limit and more: the request is destroyed before its end.
    expect(await serve(['c'.repeat(900), 'd'.repeat(900), 'e'.repeat(900), 'f'.repeat(900)], settled)).toEqual({ status: 413, ended: false });
  });

  it('refuses a declared length past the limit before reading', async () => {
    const error = await serve('z'.repeat(2_000), (req) => readRequestBody(req, 1_000).catch((caught: unknown) => caught));
    expect((error as GatewayError).status).toBe(413);
  });
});
