/**
 * A hash router (`#/sessions/abc?range=24h`): the gateway serves one page at `/`, and every view
 * is a link that can be bookmarked or shared.
 */
import { useEffect, useState } from 'preact/hooks';

export interface Location {
  /** Path segments, URL-decoded: `#/sessions/abc` is ["sessions", "abc"]. */
  segments: string[];
  query: URLSearchParams;
}

export type Query = Record<string, string | undefined>;

function read(): Location {
  const hash = window.location.hash.replace(/^#/, '');
  const [path = '', search = ''] = hash.split('?', 2);
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search) };
}

export function useLocation(): Location {
  const [location, setLocation] = useState(read);
  useEffect(() => {
    const update = () => setLocation(read());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return location;
}

/** A link target: path segments (encoded here) and query values (empty ones left out). */
export function href(segments: string[], query: Query = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) search.set(key, value);
  const text = search.toString();
  return `#/${segments.map(encodeURIComponent).join('/')}${text ? `?${text}` : ''}`;
}

export function navigate(segments: string[], query: Query = {}): void {
  window.location.hash = href(segments, query);
}
