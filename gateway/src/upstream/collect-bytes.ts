/**
 * Reads a whole body into one Buffer, refusing more than `limitBytes`. Node streams are read
 * with their events: an async iterator costs a few microseconds more a body, on every request.
 */
import type { Readable } from 'node:stream';

export class BodyTooLarge extends Error {}

export function isReadable(body: unknown): body is Readable {
  return typeof (body as Readable).on === 'function' && typeof (body as Readable).read === 'function';
}

/**
 * Past the limit a body is destroyed by default (a provider's: its connection is dropped). With
 * `overLimit: 'drain'` the rest, up to as much again, is read and thrown away instead, so that a
 * client's connection lives on to receive the refusal (destroying a request destroys its socket).
 */
export function collectBytes(body: AsyncIterable<Uint8Array> | Readable, limitBytes: number, overLimit: 'destroy' | 'drain' = 'destroy'): Promise<Buffer> {
  return isReadable(body) ? collectReadable(body, limitBytes, overLimit) : collectIterable(body, limitBytes);
}

function collectReadable(stream: Readable, limitBytes: number, overLimit: 'destroy' | 'drain'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (stream.errored) return reject(stream.errored);
    if (stream.destroyed || stream.readableEnded) return reject(new Error('the body was already read or closed'));
    const parts: Buffer[] = [];
    let size = 0;
    // The error listener stays: destroying an undici body emits an error, which with no
    // listener left would be thrown and end the process.
    const done = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('close', onClose);
    };
    const onData = (part: Buffer) => {
      size += part.length;
      if (size > limitBytes) {
        done();
        if (overLimit === 'drain') dropUpTo(stream, limitBytes);
        else stream.destroy();
        reject(new BodyTooLarge(`body larger than ${limitBytes} bytes`));
        return;
      }
      parts.push(part);
    };
    const onEnd = () => {
      done();
      resolve(parts.length === 1 ? parts[0]! : Buffer.concat(parts, size));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    // Closed without its end: the other side went away mid-body.
    const onClose = () => {
      done();
      reject(Object.assign(new Error('the connection closed before the body ended'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

/** Reads and drops up to `bytes` more of a stream, and destroys it if there is more. */
function dropUpTo(stream: Readable, bytes: number): void {
  let dropped = 0;
  const onData = (part: Buffer) => {
    dropped += part.length;
    if (dropped <= bytes) return;
    stream.off('data', onData);
    stream.destroy();
  };
  stream.on('data', onData);
  stream.once('end', () => stream.off('data', onData));
}

async function collectIterable(body: AsyncIterable<Uint8Array>, limitBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of body) {
    size += part.byteLength;
    if (size > limitBytes) throw new BodyTooLarge(`body larger than ${limitBytes} bytes`);
    parts.push(Buffer.from(part.buffer, part.byteOffset, part.byteLength));
  }
  return Buffer.concat(parts, size);
}
