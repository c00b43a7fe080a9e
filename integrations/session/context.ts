/**
 * The session a piece of work belongs to, carried by AsyncLocalStorage: `withSession(…, fn)` sets
 * it for everything `fn` does, however deep and however concurrent, and nested calls extend it
 * (the path grows, properties merge). Concurrent sessions never see each other's context.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { pathSegment } from './path-segment.js';

export interface SessionContext {
  /** Helicone-Session-Id; required on the outermost session. */
  id?: string;
  name?: string;
  /** A path segment ("search") or path ("/plan/search"); nested sessions append theirs. */
  path?: string;
  userId?: string;
  properties?: Record<string, string | number | boolean>;
}

export interface ActiveSession {
  id: string;
  name?: string;
  path: string;
  userId?: string;
  properties: Record<string, string | number | boolean>;
}

const storage = new AsyncLocalStorage<ActiveSession>();

/**
 * "/plan" + "search" → "/plan/search"; a path always starts with "/", has no empty segments, and
 * only characters a header can carry (others are percent-encoded).
 */
export function joinPath(parent: string, child: string | undefined): string {
  const segments = [...parent.split('/'), ...(child ?? '').split('/')].filter((segment) => segment.trim() !== '');
  return `/${segments.map((segment) => pathSegment(segment, '-')).join('/')}`;
}

export function currentSession(): ActiveSession | undefined {
  return storage.getStore();
}

/**
 * Runs `fn` inside a session. With an `id` different from the enclosing session's, a new session
 * starts (its path from the root); otherwise the enclosing one continues, one level deeper.
 */
export function withSession<T>(context: SessionContext, fn: () => T): T {
  const parent = storage.getStore();
  const startsNew = !parent || (context.id !== undefined && context.id !== parent.id);
  if (startsNew && !context.id) throw new TypeError('withSession needs an id for the outermost session, e.g. withSession({ id: crypto.randomUUID() }, …)');
  const base: ActiveSession = startsNew ? { id: context.id!, path: '/', properties: {} } : parent!;
  const session: ActiveSession = {
    id: base.id,
    name: context.name ?? base.name,
    path: joinPath(base.path, context.path),
    userId: context.userId ?? base.userId,
    properties: { ...base.properties, ...context.properties },
  };
  return storage.run(session, fn);
}
