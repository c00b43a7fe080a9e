/**
 * Hands each piece of a body to `onChunk` as it arrives, in order. When `onChunk` returns a
 * promise (the client is not keeping up), reading pauses until it settles. Node streams are read
 * with their events: an async iterator adds promises and microtask turns to every piece.
 * A throw or rejection from `onChunk` destroys the stream (the provider's call is abandoned)
 * and rejects; so do a stream error and a close before the end.
 */
import type { Readable } from 'node:stream';
import { isReadable } from './collect-bytes.js';

export type ChunkHandler = (bytes: Uint8Array) => void | Promise<void>;

export function eachChunk(body: AsyncIterable<Uint8Array> | Readable, onChunk: ChunkHandler): Promise<void> {
  return isReadable(body) ? eachReadableChunk(body, onChunk) : eachIterableChunk(body, onChunk);
}

function eachReadableChunk(stream: Readable, onChunk: ChunkHandler): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.errored) return reject(stream.errored);
    if (stream.destroyed || stream.readableEnded) return reject(new Error('the body was already read or closed'));
    let settled = false;
    // The error listener stays: destroying an undici body emits an error, which with no
    // listener left would be thrown and end the process.
    const stopListening = () => {
      settled = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('close', onClose);
    };
    const fail = (error: unknown) => {
      if (settled) return;
      stopListening();
      stream.destroy();
      reject(error);
    };
    const onEnd = () => {
      if (settled) return;
      stopListening();
      resolve();
    };
    const onData = (bytes: Uint8Array) => {
      let pending: void | Promise<void>;
      try {
        pending = onChunk(bytes);
      } catch (error) {
        return fail(error);
      }
      if (!pending) return;
      stream.pause();
      pending.then(() => {
        if (!settled) stream.resume();
      }, fail);
    };
    // Closed without its end: the other side went away mid-body.
    const onClose = () => fail(Object.assign(new Error('the connection closed before the body ended'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', fail);
    stream.on('close', onClose);
  });
}

async function eachIterableChunk(body: AsyncIterable<Uint8Array>, onChunk: ChunkHandler): Promise<void> {
  for await (const bytes of body) await onChunk(bytes);
}
