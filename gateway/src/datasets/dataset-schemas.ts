/**
 * The dataset API's bodies (rest-api-spec DS1–DS3, §4.10, and the Helicone source's
 * `/v1/helicone-dataset` controller). Strict: an unknown field is a 400 naming it.
 */
import { z } from 'zod';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Request ids are UUIDs, stored lower-case (as the log's are). */
const requestIds = (field: string) =>
  z
    .array(z.string({ error: 'each request id must be a string' }).regex(uuid, 'each request id must be a UUID').transform((id) => id.toLowerCase()), {
      error: `${field} must be an array of request ids`,
    })
    .max(1000, `at most 1000 ${field} at once`);

const limit = (fallback: number, max: number) =>
  z.number({ error: 'limit must be a number' }).int('limit must be a whole number').min(0, `limit must be between 0 and ${max}`).max(max, `limit must be between 0 and ${max}`).default(fallback);
const offset = z.number({ error: 'offset must be a number' }).int('offset must be a whole number').min(0, 'offset must not be negative').default(0);
const name = z.string({ error: 'name must be a string' }).trim().min(1, 'name must not be empty').max(256, 'name must be at most 256 characters');

export const createDatasetSchema = z
  .strictObject({
    name: name.optional(),
    /** The Helicone source's spelling of name. */
    datasetName: name.optional(),
    description: z.string({ error: 'description must be a string' }).max(4096, 'description must be at most 4096 characters').default(''),
    requestIds: requestIds('requestIds').optional(),
    datasetType: z.literal('helicone', { error: 'datasetType must be "helicone" (experiment datasets are not supported)' }).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.name === undefined && body.datasetName === undefined) ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required' });
  });

/** Ours: add requests by id, or every request a Helicone filter picks (newest first, up to limit). */
export const addRequestsSchema = z
  .strictObject({
    requestIds: requestIds('requestIds').optional(),
    filter: z.unknown().optional(),
    limit: limit(1000, 10_000),
  })
  .superRefine((body, ctx) => {
    if ((body.requestIds === undefined) === (body.filter === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['requestIds'], message: 'give either requestIds or filter (one of the two)' });
    }
  });

/** Helicone's `/mutate`: add and remove in one call. */
export const mutateDatasetSchema = z.strictObject({
  addRequests: requestIds('addRequests').default([]),
  removeRequests: requestIds('removeRequests').default([]),
});

export const removeRequestsSchema = z.strictObject({ requestIds: requestIds('requestIds') });

export const queryRowsSchema = z.strictObject({ limit: limit(100, 1000), offset });

export const listDatasetsSchema = z.strictObject({
  datasetIds: z.array(z.string({ error: 'each dataset id must be a string' }), { error: 'datasetIds must be an array of dataset ids' }).max(1000, 'at most 1000 datasetIds').optional(),
  limit: limit(100, 1000),
  offset,
});

export const exportFormats = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];
