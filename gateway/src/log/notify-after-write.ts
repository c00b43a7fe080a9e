/**
 * A log sink that tells a listener (webhooks, exports) about each batch once the store has
 * written it. The batch is handed over synchronously and dealt with later, so log writing never
 * waits for the listener; a batch that fails is not told about (the queue retries it, and it is
 * told then).
 */
import type { LogSink } from './log-queue.js';
import type { LogRecord } from './log-record.js';

export interface WrittenListener {
  notify(records: readonly LogRecord[]): void;
  stop(): Promise<void>;
}

export function notifyAfterWrite(sink: LogSink, listener: WrittenListener): LogSink {
  return {
    async writeBatch(records: LogRecord[]): Promise<void> {
      await sink.writeBatch(records);
      // The records are stored: a webhook failure must not make the queue write them again.
      try {
        listener.notify(records);
      } catch (error) {
        console.error(JSON.stringify({ level: 'warn', msg: 'a written log batch could not be handed to webhooks or exports', error: (error as Error)?.message }));
      }
    },
    // The log queue stops its sink after its last write: the listener stops with it.
    async stop(): Promise<void> {
      await sink.stop?.();
      await listener.stop();
    },
  };
}
