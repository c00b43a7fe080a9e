/**
 * Helicone's eval bodies (rest-api-spec E1, §4.3): `{name, score}` for one score, and
 * EvalQueryParams for the eval summaries and score distributions. Strict, as Helicone's are.
 */
import { z } from 'zod';

/** ISO-8601 date-time text, as Helicone's timeFilter takes it; 400 names the field otherwise. */
const isoTime = (field: string) =>
  z
    .string({ error: `${field} must be an ISO-8601 date-time string such as "2024-01-01T00:00:00Z"` })
    .refine((text) => Number.isFinite(Date.parse(text)), { message: `must be an ISO-8601 date-time string such as "2024-01-01T00:00:00Z"` })
    .transform((text) => Date.parse(text));

export const evalScoreSchema = z.strictObject({
  // The same bound as the score route's names (contract/query-api.ts scoresSchema).
  name: z.string({ error: 'name must be the score name, a string' }).min(1, 'name must not be empty').max(256, 'name must be at most 256 characters'),
  score: z.union([z.number().finite(), z.boolean()], { error: 'score must be a number (or a boolean, stored as 1/0)' }),
});

export const evalQuerySchema = z.strictObject({
  // The filter tree is checked by the filter compiler, which names the offending node.
  filter: z.unknown().default('all'),
  // Helicone requires it; without it every logged score counts.
  timeFilter: z.strictObject({ start: isoTime('timeFilter.start'), end: isoTime('timeFilter.end') }).optional(),
  offset: z.number({ error: 'offset must be a number' }).int('offset must be a whole number').min(0, 'offset must not be negative').default(0),
  limit: z.number({ error: 'limit must be a number' }).int('limit must be a whole number').min(0, 'limit must be between 0 and 1000').max(1000, 'limit must be between 0 and 1000').default(100),
  timeZoneDifference: z
    .number({ error: 'timeZoneDifference must be a number of minutes' })
    .min(-1440, 'timeZoneDifference must be between -1440 and 1440 minutes')
    .max(1440, 'timeZoneDifference must be between -1440 and 1440 minutes')
    .default(0),
});
export type EvalQuery = z.output<typeof evalQuerySchema>;
export type EvalQueryInput = z.input<typeof evalQuerySchema>;
