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
  for (const piece of chunked ? body : [body]) req.write(piece);
  req.end();
  // A body refused part way is destroyed, and the client sees its connection reset: only what
  // readRequestBody returned matters here.
  await new Promise<void>((resolve) => {
    req.once('response', (res: IncomingMessage) => res.resume().once('end', resolve));
    req.once('error', () => resolve());
  });
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

  it('refuses a declared length past the limit before reading', async () => {
    const error = await serve('z'.repeat(2_000), (req) => readRequestBody(req, 1_000).catch((caught: unknown) => caught));
    expect((error as GatewayError).status).toBe(413);
  });
});
