import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BodyTooLarge, collectBytes } from '../../../gateway/src/upstream/collect-bytes.js';

describe('collectBytes', () => {
  it('joins a stream’s chunks, and an async iterable’s', async () => {
    expect((await collectBytes(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 10)).toString()).toBe('abcd');
    async function* parts() {
      yield new TextEncoder().encode('ef');
      yield new TextEncoder().encode('gh');
    }
    expect((await collectBytes(parts(), 10)).toString()).toBe('efgh');
  });

  it('refuses more than the limit and stops reading', async () => {
    const stream = Readable.from([Buffer.alloc(6), Buffer.alloc(6)]);
    await expect(collectBytes(stream, 10)).rejects.toBeInstanceOf(BodyTooLarge);
    expect(stream.destroyed).toBe(true);
    async function* parts() {
      yield new Uint8Array(6);
      yield new Uint8Array(6);
    }
    await expect(collectBytes(parts(), 10)).rejects.toBeInstanceOf(BodyTooLarge);
  });

  it('fails on a stream error, a stream closed before its end, or one already read', async () => {
    const failing = new PassThrough();
    const failed = collectBytes(failing, 100);
    failing.destroy(new Error('reset by peer'));
    await expect(failed).rejects.toThrow('reset by peer');

    const cut = new PassThrough();
    const closed = collectBytes(cut, 100);
    cut.write('half');
    cut.destroy();
    await expect(closed).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });

    const read = Readable.from(['x']);
    await collectBytes(read, 10);
    await expect(collectBytes(read, 10)).rejects.toThrow(/already read or closed/);
  });

  it('reads a request body a client stops sending halfway as failed, not as short', async () => {
    let seen: Promise<unknown> | undefined;
    const server = createServer((req: IncomingMessage) => {
      seen = collectBytes(req, 1_000).then(
        (body) => ({ body: body.toString() }),
        (error: Error & { code?: string }) => ({ error: error.code ?? error.message }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = request({ host: '127.0.0.1', port, method: 'POST', headers: { 'content-length': '100' } });
    client.on('error', () => {});
    client.write('only part of it');
    await new Promise((resolve) => setTimeout(resolve, 100));
    client.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.close();
    expect(await seen).toEqual({ error: expect.stringMatching(/ECONNRESET|ERR_STREAM_PREMATURE_CLOSE|aborted/) });
  });
});
