import { describe, expect, it } from 'vitest';
import { pathAndQuery } from '../../../gateway/src/server/request-target.js';

/** What the URL parser makes of a target: the answer the fast path must match. */
function parsed(target: string) {
  const url = new URL(target, 'http://gateway');
  return { path: url.pathname.replace(/\/+$/, '') || '/', query: [...url.searchParams] };
}

describe('pathAndQuery', () => {
  const targets = [
    '/v1/chat/completions',
    '/v1/chat/completions/',
    '/v1/chat/completions?x=1&y=%20two',
    '/v1/request/query-clickhouse?limit=10&offset=0',
    '/',
    '/v1/prompt-2025/query_versions',
    // Not plain: parsed as a URL, so they resolve exactly as before.
    '/v1/./chat/../chat/completions',
    '/v1/chat%2Fcompletions',
    '/v1\\chat\\completions',
    '/v1/chat/completions#fragment',
    '/v1/chat/completions?q=a#b',
    '/v1/requests/caf%C3%A9',
    '//double//slash//',
    '/v1//chat/completions',
    '*',
  ];
  for (const target of targets) {
    it(`reads ${JSON.stringify(target)} as the URL parser does`, () => {
      const { path, query } = pathAndQuery(target);
      expect({ path, query: [...query] }).toEqual(parsed(target));
    });
  }
});
