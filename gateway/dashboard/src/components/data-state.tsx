import type { ComponentChildren } from 'preact';
import type { ApiState } from '../api/use-api.js';

/** Shows a load's error, or a placeholder until the first answer, else the content. */
export function DataState<T>({ state, children, empty }: { state: ApiState<T>; children: (data: T) => ComponentChildren; empty?: (data: T) => boolean }) {
  if (state.data === undefined) {
    if (state.error) return <p class="error-box" role="alert">{state.error}</p>;
    return <p class="muted loading">Loading…</p>;
  }
  return (
    <>
      {state.error && <p class="error-box" role="alert">{state.error}</p>}
      {empty?.(state.data) ? <p class="muted empty">Nothing here yet.</p> : children(state.data)}
    </>
  );
}
