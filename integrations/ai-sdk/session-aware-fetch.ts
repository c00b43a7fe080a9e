/** The shared session fetch (which already keeps a request pinned to another session apart). */
import { sessionFetch } from '../session/index.js';

export function sessionAwareFetch(base?: typeof fetch): typeof fetch {
  return sessionFetch(base);
}
