import { post } from './client.js';
import type { MetricsRow } from './types.js';

export interface MetricsQuery {
  groupBy: 'model' | 'provider' | 'user' | 'status' | 'property' | 'time' | 'none';
  property?: string;
  timeBucket?: 'minute' | 'hour' | 'day' | 'week';
  filter?: unknown;
  timeFilter?: { startTimeUnixMs: number; endTimeUnixMs: number };
  limit?: number;
}

/** Our grouped metrics (`POST /v1/metrics/query`). */
export const queryMetrics = (query: MetricsQuery) => post<MetricsRow[]>('/v1/metrics/query', query);

/** A time window ending now (rounded up to the minute, so it holds still between renders). */
export function timeWindow(windowMs: number | null): { startTimeUnixMs: number; endTimeUnixMs: number } | undefined {
  if (windowMs === null) return undefined;
  const end = Math.ceil(Date.now() / 60_000) * 60_000;
  return { startTimeUnixMs: end - windowMs, endTimeUnixMs: end };
}
