/**
 * Whether the client is still waiting for its answer. Every model request needs one, and an
 * AbortController with undici's listener on it costs about 3 µs a request; this EventEmitter,
 * which undici takes as a signal just the same, costs a few hundredths of that. The rarer steps
 * that need a real AbortSignal (retry back-off, guards, a blocked stream) ask for one, made then.
 */
import { EventEmitter } from 'node:events';

export class ClientSignal extends EventEmitter {
  aborted = false;
  private controller: AbortController | undefined;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.controller?.abort();
    this.emit('abort');
  }

  asAbortSignal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort();
    }
    return this.controller.signal;
  }
}

/** What the pipeline's steps take: the request's ClientSignal, or any AbortSignal (guards, tests). */
export type CancelSignal = ClientSignal | AbortSignal;

export function abortSignalOf(signal: CancelSignal): AbortSignal {
  return signal instanceof ClientSignal ? signal.asAbortSignal() : signal;
}
