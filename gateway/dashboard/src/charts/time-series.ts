/**
 * Metrics grouped by time come back only for buckets that had requests: this lays them on a full
 * axis, one point per bucket from the window's start to its end, empty buckets as zero.
 */
import type { MetricsRow } from '../api/types.js';

export const bucketMs = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 } as const;
export type Bucket = keyof typeof bucketMs;

/** A bucket size giving a readable number of points for a window. */
export function bucketFor(windowMs: number | null): Bucket {
  if (windowMs === null || windowMs > 14 * 86_400_000) return 'day';
  if (windowMs > 3 * 3_600_000) return 'hour';
  return 'minute';
}

export interface TimeSeries {
  times: number[];
  rows: Array<MetricsRow | undefined>;
}

export function fillBuckets(rows: MetricsRow[], bucket: Bucket, window: { startTimeUnixMs: number; endTimeUnixMs: number } | undefined): TimeSeries {
  const size = bucketMs[bucket];
  const byTime = new Map(rows.map((row) => [Date.parse(String(row.group)), row]));
  const known = [...byTime.keys()];
  if (known.length === 0 && !window) return { times: [], rows: [] };
  const start = Math.floor((window?.startTimeUnixMs ?? Math.min(...known)) / size) * size;
  const end = Math.floor((window?.endTimeUnixMs ?? Math.max(...known)) / size) * size;
  const times: number[] = [];
  for (let time = start; time <= end; time += size) times.push(time);
  return { times, rows: times.map((time) => byTime.get(time)) };
}
