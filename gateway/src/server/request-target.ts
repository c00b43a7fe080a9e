/**
 * The request target (`/v1/chat/completions?x=1`) as a path without its trailing slash, and a
 * query. A plain path, as nearly every request has, is taken as it is: the URL parser (dot
 * segments, percent-encoding, backslashes) runs only for the others, and answers the same.
 */
const plainPath = /^\/(?!\/)[\w/-]*$/; // "//x" would be read as a host

export function pathAndQuery(target: string): { path: string; query: URLSearchParams } {
  const mark = target.indexOf('?');
  const pathPart = mark < 0 ? target : target.slice(0, mark);
  if (plainPath.test(pathPart) && !target.includes('#')) {
    return { path: withoutTrailingSlash(pathPart), query: new URLSearchParams(mark < 0 ? '' : target.slice(mark + 1)) };
  }
  const url = new URL(target, 'http://gateway');
  return { path: withoutTrailingSlash(url.pathname), query: url.searchParams };
}

const withoutTrailingSlash = (path: string) => path.replace(/\/+$/, '') || '/';
