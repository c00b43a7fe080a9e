/**
 * The shared session fetch, except for a request that names a session other than the one
 * `withSession` is running (a model or a call pinned to its own session): that request is not
 * part of the ambient session, so none of its headers (path, name, user, properties) are mixed in.
 */
import { currentSession, sessionFetch } from '../session/index.js';

export function sessionAwareFetch(base?: typeof fetch): typeof fetch {
  const withSessionHeaders = sessionFetch(base);
  return (input, init) => {
    const ambient = currentSession();
    const pinned = ambient && new Headers(init?.headers).get('helicone-session-id');
    if (pinned && pinned !== ambient.id) return (base ?? globalThis.fetch)(input, init);
    return withSessionHeaders(input, init);
  };
}
