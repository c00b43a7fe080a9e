/** A body as it was logged, pretty-printed, folded until asked for. */
export function JsonView({ title, value, open = false }: { title: string; value: unknown; open?: boolean }) {
  const text = value === null || value === undefined ? '(not stored)' : typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <details class="json-view" open={open}>
      <summary>{title}</summary>
      <pre>{text}</pre>
    </details>
  );
}
