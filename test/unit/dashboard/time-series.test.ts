import { describe, expect, it } from 'vitest';
import type { MetricsRow } from '../../../gateway/dashboard/src/api/types.js';
import { bucketFor, fillBuckets } from '../../../gateway/dashboard/src/charts/time-series.js';

const row = (group: string, requests: number) => ({ group, requests }) as unknown as MetricsRow;

describe('time buckets for the overview charts', () => {
  it('lays the buckets that had requests on a full axis, empty ones as gaps', () => {
    const hour = 3_600_000;
    const start = Date.parse('2026-03-01T10:00:00.000Z');
    const series = fillBuckets([row('2026-03-01T11:00:00.000Z', 4)], 'hour', { startTimeUnixMs: start + 60_000, endTimeUnixMs: start + 2 * hour + 60_000 });
    expect(series.times).toEqual([start, start + hour, start + 2 * hour]);
    expect(series.rows.map((bucket) => bucket?.requests)).toEqual([undefined, 4, undefined]);
  });

  it('picks a bucket size that keeps the number of points readable', () => {
    expect(bucketFor(3_600_000)).toBe('minute');
    expect(bucketFor(86_400_000)).toBe('hour');
    expect(bucketFor(30 * 86_400_000)).toBe('day');
    expect(bucketFor(null)).toBe('day');
  });
});
