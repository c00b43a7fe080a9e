/**
 * Calls the gateway's query API from the page: same origin, JSON bodies, Helicone's `{data, error}`
 * envelope unwrapped, and the gateway key sent when one is set. A 401 asks for a key.
 */
import { keyStore } from '../key/key-store.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Envelope<T> {
  data: T;
  error: unknown;
}

function messageOf(error: unknown, status: number): string {
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return `The gateway answered ${status}`;
}

export async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const key = keyStore.get();
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const envelope = (await response.json().catch(() => null)) as Envelope<T> | null;
  if (response.status === 401) {
    keyStore.reject(key ? 'The key was refused: it is not valid or has been revoked.' : 'This gateway requires a key.');
    throw new ApiError(401, messageOf(envelope?.error, 401));
  }
  if (!response.ok || !envelope || envelope.error) throw new ApiError(response.status, messageOf(envelope?.error, response.status));
  return envelope.data;
}

export const post = <T>(path: string, body: unknown) => api<T>('POST', path, body);
export const get = <T>(path: string) => api<T>('GET', path);
