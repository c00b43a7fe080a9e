import { useEffect, useState } from 'preact/hooks';
import { post } from '../../api/client.js';
import type { RequestRow } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';

const pollMs = 3000;

/**
 * One page of requests, newest first. While `live`, the newest matching request is checked every
 * few seconds (one row) and the page is loaded again only when it changed, so an idle dashboard
 * costs the gateway almost nothing. A hidden tab does not poll.
 */
export function useLiveRequests(filter: unknown, page: { limit: number; offset: number }, live: boolean) {
  const [newest, setNewest] = useState<string | undefined>();
  const key = JSON.stringify(filter);
  const state = useApi(
    () => post<RequestRow[]>('/v1/request/query-clickhouse', { filter, sort: { created_at: 'desc' }, limit: page.limit, offset: page.offset }),
    [key, page.limit, page.offset, newest],
  );
  useEffect(() => {
    if (!live) return;
    let stopped = false;
    const check = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const [top] = await post<RequestRow[]>('/v1/request/query-clickhouse', { filter, sort: { created_at: 'desc' }, limit: 1, offset: 0 });
        if (!stopped) setNewest(top?.request_id);
      } catch {
        // The page's own load shows errors; polling just tries again.
      }
    };
    const timer = setInterval(check, pollMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [key, live]);
  return state;
}
