import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { eachChunk } from '../../../gateway/src/upstream/each-chunk.js';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString();

describe('eachChunk', () => {
  it('hands over a stream’s chunks in order, and an async iterable’s', async () => {
    const seen: string[] = [];
    await eachChunk(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), (bytes) => {
      seen.push(text(bytes));
    });
    async function* parts() {
      yield new TextEncoder().encode('ef');
      yield new TextEncoder().encode('gh');
    }
    await eachChunk(parts(), (bytes) => {
      seen.push(text(bytes));
    });
    expect(seen).toEqual(['ab', 'cd', 'ef', 'gh']);
  });

  it('pauses reading while a handler’s promise is pending, and goes on after it', async () => {
    const stream = new PassThrough();
    const seen: string[] = [];
    let release: () => void = () => {};
    const done = eachChunk(stream, (bytes) => {
      seen.push(text(bytes));
      if (seen.length === 1) return new Promise<void>((resolve) => (release = resolve));
    });
    stream.write('one');
    await new Promise((resolve) => setImmediate(resolve));
    expect(stream.isPaused()).toBe(true);
    stream.write('two');
    stream.end();
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['one']);
    release();
    await done;
    expect(seen).toEqual(['one', 'two']);
  });

  it('destroys the stream and rejects when the handler throws or rejects', async () => {
    const throwing = new PassThrough();
    const thrown = eachChunk(throwing, () => {
      throw new Error('bad event');
    });
    throwing.write('x');
    await expect(thrown).rejects.toThrow('bad event');
    expect(throwing.destroyed).toBe(true);

    const rejecting = new PassThrough();
    const rejected = eachChunk(rejecting, () => Promise.reject(new Error('client left')));
    rejecting.write('x');
    await expect(rejected).rejects.toThrow('client left');
    expect(rejecting.destroyed).toBe(true);
  });

  it('fails on a stream error, a stream closed before its end, or one already read', async () => {
    const failing = new PassThrough();
    const failed = eachChunk(failing, () => {});
    failing.destroy(new Error('reset by peer'));
    await expect(failed).rejects.toThrow('reset by peer');

    const cut = new PassThrough();
    const closed = eachChunk(cut, () => {});
    cut.write('half');
    cut.destroy();
    await expect(closed).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });

    const read = Readable.from(['x']);
    await eachChunk(read, () => {});
    await expect(eachChunk(read, () => {})).rejects.toThrow(/already read or closed/);
  });
});
