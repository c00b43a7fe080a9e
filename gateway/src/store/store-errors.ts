/**
 * What a store error means, for SQLite's and PostgreSQL's errors alike: whether writing the same
 * record again could succeed, whether the store is away, or whether a value did not fit.
 */
import { LogBacklogError } from '../log/log-queue.js';

const code = (error: unknown): string => String((error as { code?: unknown })?.code ?? '');

/** PostgreSQL's error classes for a value or a constraint: data exception (22), integrity violation (23). */
const postgresValueClass = /^(22|23)[0-9A-Z]{3}$/;

/** Errors that writing the same record again cannot fix: a constraint, a value the store cannot take. */
export function isPermanentStoreError(error: unknown): boolean {
  const errorCode = code(error);
  if (errorCode !== '') {
    return errorCode.startsWith('SQLITE_CONSTRAINT') || errorCode === 'SQLITE_MISMATCH' || errorCode === 'SQLITE_TOOBIG' || postgresValueClass.test(errorCode);
  }
  // A record the writer thread cannot be sent (DataCloneError) would fail the same way every time.
  return error instanceof TypeError || error instanceof RangeError || (error as Error)?.name === 'DataCloneError';
}

/** Socket errors, and PostgreSQL's connection exceptions (08) and shutdowns (57P01, 57P03). */
const connectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03']);

/** The store cannot be reached now: the queued log could not be written, or a connection failed. */
export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof LogBacklogError) return true;
  if (!(error instanceof Error)) return false;
  const errorCode = code(error);
  return connectionCodes.has(errorCode) || errorCode.startsWith('08') || /Connection terminated|timeout exceeded when trying to connect/.test(error.message);
}

/** A PostgreSQL data exception (class 22): a value a query compares that its column cannot take. */
export const isStoreDataError = (error: unknown): boolean => error instanceof Error && 'severity' in error && /^22[0-9A-Z]{3}$/.test(code(error));
