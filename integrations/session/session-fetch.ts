/**
 * A `fetch` for framework clients: every call made inside `withSession` carries that session's
 * Helicone headers. Headers the call sets itself win, so per-call overrides still work; and a
 * call pinned to another session (its own Helicone-Session-Id) gets none of them, so two
 * sessions' names, paths, users and properties never mix on one request.
 */
import { heliconeHeaders } from '../../gateway/src/client/index.js';
import { type ActiveSession, currentSession } from './context.js';

/** The Helicone headers of a session (the root path "/" is sent as is). */
export function sessionHeaders(session: ActiveSession): Record<string, string> {
  return heliconeHeaders({
    session: { id: session.id, name: session.name, path: session.path },
    userId: session.userId,
    properties: Object.keys(session.properties).length > 0 ? session.properties : undefined,
  });
}

export function sessionFetch(base: typeof fetch = globalThis.fetch): typeof fetch {
  return (input, init) => {
    const session = currentSession();
    if (!session) return base(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const pinned = headers.get('helicone-session-id');
    if (pinned !== null && pinned !== session.id) return base(input, init);
    for (const [name, value] of Object.entries(sessionHeaders(session))) {
      if (!headers.has(name)) headers.set(name, value);
    }
    return base(input, { ...init, headers });
  };
}
