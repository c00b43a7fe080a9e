import { isError, statusLabel } from '../format.js';

export function StatusBadge({ status }: { status: number }) {
  const kind = status === -3 ? 'cancelled' : isError(status) ? 'error' : 'ok';
  return <span class={`badge badge-${kind}`}>{statusLabel(status)}</span>;
}
