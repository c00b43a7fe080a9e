/** A row of headline numbers. */
export function StatTiles({ tiles }: { tiles: Array<{ label: string; value: string; note?: string }> }) {
  return (
    <dl class="tiles">
      {tiles.map((tile) => (
        <div class="tile" key={tile.label}>
          <dt>{tile.label}</dt>
          <dd>{tile.value}</dd>
          {tile.note && <dd class="muted note">{tile.note}</dd>}
        </div>
      ))}
    </dl>
  );
}
