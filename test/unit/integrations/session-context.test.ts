import { describe, expect, it } from 'vitest';
import { currentSession, joinPath, sessionFetch, withSession } from '../../../integrations/session/index.js';

/** A fetch that records the headers it was given. */
function recordingFetch() {
  const seen: Array<Record<string, string>> = [];
  const fetchImpl = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(Object.fromEntries(new Headers(init?.headers).entries()));
    return new Response('{}');
  }) as typeof fetch;
  return { seen, fetchImpl };
}

describe('withSession', () => {
  it('joins paths', () => {
    expect(joinPath('/', 'plan')).toBe('/plan');
    expect(joinPath('/plan', '/search/web')).toBe('/plan/search/web');
    expect(joinPath('/plan', undefined)).toBe('/plan');
    expect(joinPath('/', '')).toBe('/');
    // Only what a header can carry: other characters are percent-encoded.
    expect(joinPath('/graph', '研究 node')).toBe('/graph/%E7%A0%94%E7%A9%B6 node');
  });

  it('nests: the path grows, properties merge, the id and name carry on', () => {
    withSession({ id: 's1', name: 'Trip', userId: 'u', properties: { app: 'web' } }, () => {
      withSession({ path: 'plan', properties: { step: 1 } }, () => {
        withSession({ path: 'search' }, () => {
          expect(currentSession()).toEqual({ id: 's1', name: 'Trip', path: '/plan/search', userId: 'u', properties: { app: 'web', step: 1 } });
        });
      });
      // A different id starts a new session from the root.
      withSession({ id: 's2', path: 'other' }, () => expect(currentSession()).toEqual({ id: 's2', name: undefined, path: '/other', userId: undefined, properties: {} }));
    });
    expect(currentSession()).toBeUndefined();
  });

  it('needs an id for the outermost session', () => {
    expect(() => withSession({ path: 'x' }, () => 1)).toThrow(/needs an id/);
  });

  it('keeps concurrent sessions apart across awaits', async () => {
    const { seen, fetchImpl } = recordingFetch();
    const wrapped = sessionFetch(fetchImpl);
    const work = (id: string) =>
      withSession({ id, path: id }, async () => {
        for (let i = 0; i < 5; i++) {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
          await wrapped('http://gateway/v1/chat/completions', { headers: { 'content-type': 'application/json' } });
        }
      });
    await Promise.all([work('a'), work('b'), work('c')]);
    expect(seen).toHaveLength(15);
    for (const headers of seen) expect(headers['helicone-session-path']).toBe(`/${headers['helicone-session-id']}`);
  });

  it('keeps a call pinned to another session free of the ambient session’s headers', async () => {
    const { seen, fetchImpl } = recordingFetch();
    const wrapped = sessionFetch(fetchImpl);
    await withSession({ id: 'ambient', name: 'Ambient', path: 'outer', userId: 'amb-user', properties: { Outer: 'x' } }, () =>
      wrapped('http://gateway/x', { headers: { 'Helicone-Session-Id': 'pinned' } }),
    );
    expect(seen[0]).toEqual({ 'helicone-session-id': 'pinned' });
  });

  it('adds the session headers without overriding those the call sets', async () => {
    const { seen, fetchImpl } = recordingFetch();
    const wrapped = sessionFetch(fetchImpl);
    await wrapped('http://gateway/x', {});
    await withSession({ id: 's', userId: 'alice', properties: { Env: 'test' } }, () => wrapped('http://gateway/x', { headers: { 'Helicone-User-Id': 'bob' } }));
    expect(seen[0]).toEqual({});
    expect(seen[1]).toEqual({ 'helicone-session-id': 's', 'helicone-session-path': '/', 'helicone-user-id': 'bob', 'helicone-property-env': 'test' });
  });
});
