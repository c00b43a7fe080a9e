import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { abortSignalOf, ClientSignal } from '../../../gateway/src/pipeline/client-signal.js';

describe('ClientSignal', () => {
  it('tells its listeners once, and stays aborted', () => {
    const signal = new ClientSignal();
    let told = 0;
    signal.on('abort', () => told++);
    expect(signal.aborted).toBe(false);
    signal.abort();
    signal.abort();
    expect(signal.aborted).toBe(true);
    expect(told).toBe(1);
  });

  it('makes an AbortSignal that follows it, made before or after the abort', async () => {
    const early = new ClientSignal();
    const asked = early.asAbortSignal();
    expect(early.asAbortSignal()).toBe(asked);
    const waiting = sleep(60_000, undefined, { signal: asked });
    early.abort();
    await expect(waiting).rejects.toThrow(/abort/i);

    const late = new ClientSignal();
    late.abort();
    expect(late.asAbortSignal().aborted).toBe(true);
  });

  it('passes AbortSignals through as they are', () => {
    const controller = new AbortController();
    expect(abortSignalOf(controller.signal)).toBe(controller.signal);
  });
});
