import { useState } from 'preact/hooks';
import { useWidth } from './use-width.js';

export interface Series {
  name: string;
  /** One of the chart palette classes: series-1 … series-4, series-error. */
  tone: string;
  /** One value per time bucket; null where there is nothing to show (no requests). */
  values: Array<number | null>;
}

const height = 180;
const pad = { top: 12, right: 12, bottom: 24, left: 60 };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= value) ?? value;
}

function timeLabel(time: number, spanMs: number): string {
  const date = new Date(time);
  if (spanMs > 2 * 86_400_000) return date.toLocaleDateString('en-CA', { month: 'short', day: 'numeric' });
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** Consecutive non-null points, so a line has gaps where a bucket had no requests. */
function segments(values: Array<number | null>): Array<Array<[number, number]>> {
  const runs: Array<Array<[number, number]>> = [];
  let run: Array<[number, number]> = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push([index, value]);
  });
  if (run.length) runs.push(run);
  return runs;
}

/**
 * A chart over time buckets, drawn in SVG at its container's width: stacked bars for amounts that
 * add up (requests, tokens, cost), lines for measures that do not (latency percentiles). The
 * values of the bucket under the pointer (or finger; else the latest) show beside the title.
 */
export function TimeChart({ title, times, series, format, kind }: { title: string; times: number[]; series: Series[]; format: (value: number) => string; kind: 'bars' | 'lines' }) {
  const { ref, width } = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);
  const innerWidth = Math.max(10, width - pad.left - pad.right);
  const innerHeight = height - pad.top - pad.bottom;
  const count = Math.max(1, times.length);
  const slot = innerWidth / count;
  const totals = times.map((_, index) => series.reduce((sum, line) => sum + (line.values[index] ?? 0), 0));
  const peak = kind === 'bars' ? Math.max(0, ...totals) : Math.max(0, ...series.flatMap((line) => line.values.map((value) => value ?? 0)));
  const max = niceMax(peak);
  const x = (index: number) => pad.left + slot * (index + 0.5);
  const y = (value: number) => pad.top + innerHeight - (value / max) * innerHeight;
  const span = times.length > 1 ? times[times.length - 1]! - times[0]! : 0;
  const labelEvery = Math.max(1, Math.ceil(count / Math.max(2, Math.floor(innerWidth / 70))));
  const barWidth = Math.max(1, Math.min(28, slot * 0.7));
  const shown = hover ?? times.length - 1;
  const pick = (clientX: number, element: Element) => {
    const index = Math.floor((clientX - element.getBoundingClientRect().left - pad.left) / slot);
    setHover(Math.min(times.length - 1, Math.max(0, index)));
  };
  return (
    <figure class="chart" data-testid="chart">
      <figcaption>
        <span class="chart-title">{title}</span>
        <span class="chart-readout">
          {times.length > 0 && (
            <>
              <span class="muted">{timeLabel(times[shown]!, span)}</span>
              {series.map((line) => (
                <span class={`legend ${line.tone}`} key={line.name}>
                  {line.name} <strong>{line.values[shown] === null ? '—' : format(line.values[shown] ?? 0)}</strong>
                </span>
              ))}
            </>
          )}
        </span>
      </figcaption>
      <div ref={ref} class="chart-body">
        <svg width={width} height={height} role="img" aria-label={title} onPointerMove={(event) => pick(event.clientX, event.currentTarget)} onPointerLeave={() => setHover(null)}>
          {[0, 0.5, 1].map((fraction) => (
            <g key={fraction}>
              <line class="grid" x1={pad.left} x2={pad.left + innerWidth} y1={y(max * fraction)} y2={y(max * fraction)} />
              <text class="axis-label" x={pad.left - 6} y={y(max * fraction) + 4} text-anchor="end">
                {format(max * fraction)}
              </text>
            </g>
          ))}
          {times.map((time, index) =>
            index % labelEvery === 0 ? (
              <text class="axis-label" key={time} x={x(index)} y={height - 6} text-anchor="middle">
                {timeLabel(time, span)}
              </text>
            ) : null,
          )}
          {hover !== null && <rect class="cursor" x={pad.left + slot * hover} y={pad.top} width={slot} height={innerHeight} />}
          {kind === 'bars'
            ? times.map((time, index) => {
                let base = 0;
                return (
                  <g key={time}>
                    {series.map((line) => {
                      const value = line.values[index] ?? 0;
                      const top = y(base + value);
                      const rect = value > 0 ? <rect class={`bar-fill ${line.tone}`} key={line.name} x={x(index) - barWidth / 2} y={top} width={barWidth} height={y(base) - top} /> : null;
                      base += value;
                      return rect;
                    })}
                  </g>
                );
              })
            : series.map((line) =>
                segments(line.values).map((run, runIndex) =>
                  run.length === 1 ? (
                    <circle key={`${line.name}-${runIndex}`} class={`dot ${line.tone}`} cx={x(run[0]![0])} cy={y(run[0]![1])} r={3} />
                  ) : (
                    <polyline key={`${line.name}-${runIndex}`} class={`line ${line.tone}`} points={run.map(([index, value]) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`).join(' ')} />
                  ),
                ),
              )}
        </svg>
      </div>
    </figure>
  );
}
