/**
 * Helicone's query API bodies (rest-api-spec §1), as zod schemas shared by the server, the
 * client and the MCP tools. Bodies are strict, as Helicone's are (additionalProperties: false).
 * Filter trees are validated by the filter compiler, which can name the offending node.
 */
import { z } from 'zod';

const filter = z.unknown().refine((value) => value !== undefined, { message: 'is required; use "all" for no filter' });
const pageLimit = (fallback: number) =>
  z.number({ error: 'limit must be a number' }).int('limit must be a whole number').min(0, 'limit must be between 0 and 1000').max(1000, 'limit must be between 0 and 1000').default(fallback);
const offset = z.number({ error: 'offset must be a number' }).int('offset must be a whole number').min(0, 'offset must not be negative').default(0);
const timezoneDifference = z
  .number({ error: 'timezoneDifference must be a number of minutes' })
  .min(-1440, 'Invalid timezone difference: it must be between -1440 and 1440 minutes')
  .max(1440, 'Invalid timezone difference: it must be between -1440 and 1440 minutes');
/** Epoch times within what a Date can hold (±8.64e15 ms), as whole milliseconds. */
const epochMs = (field: string) =>
  z
    .number({ error: `${field} must be a number of milliseconds since 1970` })
    .min(-8.64e15, `${field} is out of range`)
    .max(8.64e15, `${field} is out of range`)
    .transform(Math.round);
const epochSeconds = (field: string) =>
  z
    .number({ error: `${field} must be a number of seconds since 1970` })
    .min(-8.64e12, `${field} is out of range`)
    .max(8.64e12, `${field} is out of range`);
const unixMsRange = z.strictObject({ startTimeUnixMs: epochMs('startTimeUnixMs'), endTimeUnixMs: epochMs('endTimeUnixMs') });
const unixSecondsRange = z.strictObject({ startTimeUnixSeconds: epochSeconds('startTimeUnixSeconds'), endTimeUnixSeconds: epochSeconds('endTimeUnixSeconds') });

export const requestQuerySchema = z.strictObject({
  filter,
  offset,
  limit: pageLimit(10),
  sort: z.unknown().optional(),
  isCached: z.boolean().optional(),
  includeInputs: z.boolean().optional(),
  isPartOfExperiment: z.boolean().optional(),
  isScored: z.boolean().optional(),
});
export type RequestQuery = z.infer<typeof requestQuerySchema>;

export const requestIdsQuerySchema = z.strictObject({
  requestIds: z.array(z.string(), { error: 'requestIds must be an array of request ids' }).max(1000, 'at most 1000 requestIds at once'),
});

export const sessionQuerySchema = z.strictObject({
  search: z.string({ error: 'search is required (use "" for none)' }),
  timeFilter: unixMsRange,
  timezoneDifference,
  filter,
  nameEquals: z.string().optional(),
  offset,
  limit: pageLimit(100),
});
export type SessionQuery = z.infer<typeof sessionQuerySchema>;

export const percentileSizes = ['p50', 'p75', 'p95', 'p99', 'p99.9'] as const;

export const sessionMetricsQuerySchema = z.strictObject({
  nameContains: z.string({ error: 'nameContains is required (use "" for none)' }),
  timezoneDifference,
  pSize: z.enum(percentileSizes).default('p75'),
  useInterquartile: z.boolean().default(false),
  timeFilter: unixMsRange.optional(),
  filter: z.unknown().optional(),
});
export type SessionMetricsQuery = z.infer<typeof sessionMetricsQuerySchema>;

export const userQuerySchema = z.strictObject({
  userIds: z.array(z.string()).optional(),
  timeFilter: unixSecondsRange.optional(),
});

export const userMetricsQuerySchema = z.strictObject({
  filter,
  offset: z.number().int().min(0),
  limit: pageLimit(10),
  timeFilter: unixSecondsRange.optional(),
  timeZoneDifferenceMinutes: timezoneDifference.optional(),
  sort: z.unknown().optional(),
});
export type UserMetricsQuery = z.infer<typeof userMetricsQuerySchema>;

export const feedbackSchema = z.strictObject({ rating: z.boolean({ error: 'rating must be true or false' }) });
export const legacyFeedbackSchema = z.strictObject({
  'helicone-id': z.string({ error: '"helicone-id" must be the request id' }),
  rating: z.boolean({ error: 'rating must be true or false' }),
});
export const scoresSchema = z.strictObject({
  // Score names are short labels; the bound keeps them indexable in every store.
  scores: z.record(z.string().min(1).max(256, 'a score name must be at most 256 characters'), z.union([z.number().finite(), z.boolean()], { error: 'each score must be a number or a boolean' })),
});
/** `{key, value}` (the API reference) or a flat map of properties (the custom-properties guide). */
export const propertyUpdateSchema = z.union([
  z.strictObject({ key: z.string().min(1), value: z.string() }),
  z.record(z.string().min(1), z.string({ error: 'property values must be strings' })),
]);

export function propertiesFromUpdate(body: z.infer<typeof propertyUpdateSchema>): Record<string, string> {
  return typeof body.key === 'string' && typeof body.value === 'string' && Object.keys(body).length === 2 ? { [body.key]: body.value } : (body as Record<string, string>);
}

export const metricsGroups = ['model', 'provider', 'user', 'status', 'property', 'time', 'none'] as const;
export const timeBuckets = ['minute', 'hour', 'day', 'week'] as const;

/** Ours: counts, errors, tokens, cost and latency percentiles, grouped, under the same filter. */
export const metricsQuerySchema = z.strictObject({
  filter: z.unknown().default('all'),
  groupBy: z.enum(metricsGroups).default('none'),
  /** With groupBy "property": the property key. */
  property: z.string().min(1).optional(),
  /** With groupBy "time": the bucket size. */
  timeBucket: z.enum(timeBuckets).default('hour'),
  timeFilter: unixMsRange.optional(),
  limit: pageLimit(100),
});
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;
