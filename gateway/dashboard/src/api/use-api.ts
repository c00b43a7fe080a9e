import { useEffect, useRef, useState } from 'preact/hooks';
import { useKeyState } from '../key/use-key-state.js';
import { ApiError } from './client.js';

export interface ApiState<T> {
  data?: T;
  error?: string;
}

/**
 * Loads data with `load` whenever a dependency or the gateway key changes. Earlier answers that
 * arrive late are dropped, and a failed load clears the data, so a page never shows data for
 * filters it no longer has. While a load runs, the previous data stays on screen.
 */
export function useApi<T>(load: () => Promise<T>, deps: unknown[]): ApiState<T> {
  const { version } = useKeyState();
  const [state, setState] = useState<ApiState<T>>({});
  const latest = useRef(0);
  useEffect(() => {
    const call = ++latest.current;
    load().then(
      (data) => call === latest.current && setState({ data }),
      (error: unknown) => {
        if (call !== latest.current) return;
        // A missing or refused key is the key prompt's to show; the load runs again with the new key.
        setState(error instanceof ApiError && error.status === 401 ? {} : { error: (error as Error).message });
      },
    );
  }, [...deps, version]);
  return state;
}
