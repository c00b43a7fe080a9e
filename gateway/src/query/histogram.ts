/**
 * Histograms for the metrics endpoints: values trimmed at a percentile (or to the interquartile
 * range), then counted in up to ten equal-width bins. Helicone uses ClickHouse's adaptive
 * histogram; equal widths are simpler to read and the shape of the rows is the same.
 */
import type { percentileSizes } from '../contract/query-api.js';

export interface HistogramRow {
  range_start: string;
  range_end: string;
  value: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

const percentiles: Record<(typeof percentileSizes)[number], number> = { p50: 0.5, p75: 0.75, p95: 0.95, p99: 0.99, 'p99.9': 0.999 };

/** Values up to the pSize percentile (with `interquartile`, from the 1 − p one), sorted. */
export function trimForPercentile(values: number[], pSize: (typeof percentileSizes)[number], interquartile: boolean): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const p = percentiles[pSize];
  const upper = quantile(sorted, p);
  const lower = interquartile ? quantile(sorted, 1 - p) : Number.NEGATIVE_INFINITY;
  return sorted.filter((value) => value <= upper && value >= lower);
}

/** Counts sorted values in equal-width bins. */
export function histogram(sorted: number[], bins = 10): HistogramRow[] {
  const values = sorted;
  if (values.length === 0) return [];
  const min = values[0]!;
  const max = values[values.length - 1]!;
  if (min === max) return [{ range_start: String(min), range_end: String(max), value: values.length }];
  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const value of values) counts[Math.min(bins - 1, Math.floor((value - min) / width))]!++;
  return counts.map((count, index) => ({
    range_start: String(min + index * width),
    range_end: String(index === bins - 1 ? max : min + (index + 1) * width),
    value: count,
  }));
}
