/**
 * A LogSink that hands batches to the log writer thread (log-writer-thread.ts) and resolves when
 * that thread has committed them, or rejects with the error it met, rebuilt with its name and
 * code so the queue can tell a lasting error from a passing one.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LogRecord } from './log-record.js';
import type { LogSink } from './log-queue.js';
import type { WriteBatchMessage, WriteBatchReply } from './log-writer-thread.js';

// Run from TypeScript sources (tests, tsx), the thread registers tsx first to load its .ts entry.
const fromSource = import.meta.url.endsWith('.ts');
const entry = new URL(`./log-writer-thread.${fromSource ? 'ts' : 'js'}`, import.meta.url);

// The thread holds one batch at a time: a small young generation keeps its memory small too.
const resourceLimits = { maxYoungGenerationSizeMb: 8 };

function startThread(workerData: object): Worker {
  if (!fromSource) return new Worker(fileURLToPath(entry), { workerData, resourceLimits });
  // tsx's ESM entry (its CommonJS one cannot be imported from an eval'd thread).
  const tsx = new URL('dist/esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'))).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits });
}

function rebuild({ name, message, code }: NonNullable<WriteBatchReply['error']>): Error {
  const error = name === 'TypeError' ? new TypeError(message) : name === 'RangeError' ? new RangeError(message) : new Error(message);
  if (code) Object.assign(error, { code });
  return error;
}

export class ThreadLogSink implements LogSink {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private closed = false;

  constructor(private readonly dbPath: string) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const worker = startThread({ path: this.dbPath });
    worker.on('message', ({ id, error }: WriteBatchReply) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      // Idle, the thread must not keep the process alive; while a batch is out, it must.
      if (this.pending.size === 0) worker.unref();
      if (error) waiting?.reject(rebuild(error));
      else waiting?.resolve();
    });
    // A thread that dies fails what it held (the queue keeps those records and tries again) and
    // is started anew for the next batch.
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the log writer thread exited (${code})`)));
    worker.unref();
    return worker;
  }

  writeBatch(records: LogRecord[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the log writer is closed'));
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, records } satisfies WriteBatchMessage);
    });
  }

  async stop(): Promise<void> {
    this.closed = true;
    await this.worker?.terminate();
  }
}
