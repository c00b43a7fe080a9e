/**
 * The log record's times from the payload's `timing` (already converted to epoch milliseconds by
 * the schema). Without `timing`, the request started and ended `now`, as on Helicone's server.
 * An end before the start counts as zero latency: the response time is then the start time.
 */
export interface ParsedTiming {
  startTime: number;
  endTime: number;
  timeToFirstToken?: number | null;
}

export interface RecordTiming {
  createdAt: number;
  responseCreatedAt: number;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
}

export function readTiming(timing: ParsedTiming | null | undefined, now: number): RecordTiming {
  if (!timing) return { createdAt: now, responseCreatedAt: now, latencyMs: 0, timeToFirstTokenMs: null };
  const latencyMs = Math.max(0, timing.endTime - timing.startTime);
  const ttft = timing.timeToFirstToken;
  return {
    createdAt: timing.startTime,
    responseCreatedAt: timing.startTime + latencyMs,
    latencyMs,
    timeToFirstTokenMs: ttft === null || ttft === undefined ? null : Math.round(ttft),
  };
}
