/**
 * The log writer thread: its own connection to the store's file, writing each batch it is sent
 * in one transaction, so the inserts never hold up the event loop that serves requests. Answers
 * each batch with its id, and an error's name, code and message when the write failed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LogRecord } from './log-record.js';
import { openSqlite } from '../store/open-sqlite.js';
import { RequestWriter } from '../store/request-writer.js';

export interface WriteBatchMessage {
  id: number;
  records: LogRecord[];
}

export interface WriteBatchReply {
  id: number;
  error?: { name: string; message: string; code?: string };
}

const port = parentPort!;
const db = openSqlite((workerData as { path: string }).path, { writer: true });
const writer = new RequestWriter(db);

port.on('message', ({ id, records }: WriteBatchMessage) => {
  let reply: WriteBatchReply = { id };
  try {
    writer.writeBatch(records);
  } catch (error) {
    const { name, message, code } = error as Error & { code?: unknown };
    reply = { id, error: { name, message, code: typeof code === 'string' ? code : undefined } };
  }
  port.postMessage(reply);
});
port.on('close', () => db.close());
