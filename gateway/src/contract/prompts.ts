/**
 * Helicone's Prompt Management API (`/v1/prompt-2025`, rest-api-spec §5): the request bodies as
 * zod schemas (strict, a 400 names the field) and the shapes it answers with; and the fields a
 * chat request names a managed prompt with.
 */
import { z } from 'zod';

/** A prompt (Helicone's Prompt2025). */
export interface Prompt2025 {
  id: string;
  name: string;
  tags: string[];
  created_at: string;
}

/** One version of a prompt (Helicone's Prompt2025Version). */
export interface Prompt2025Version {
  id: string;
  /** Copied from the body's `model`. */
  model: string;
  prompt_id: string;
  major_version: number;
  minor_version: number;
  commit_message: string;
  /** The environment asked for, else the version's production one, else its first. */
  environment?: string;
  /** Ours: every environment this version is deployed to. */
  environments: string[];
  created_at: string;
  /** A signed link to the version's body (a chat-completion request), readable without a key. */
  s3_url?: string;
}

/** The inputs one request expanded a version with. */
export interface Prompt2025Input {
  request_id: string;
  version_id: string;
  inputs: Record<string, unknown>;
}

export interface PromptVersionCounts {
  totalVersions: number;
  majorVersions: number;
}

const text = (field: string) => z.string({ error: `${field} must be a string` });
const id = (field: string) => text(field).trim().min(1, `${field} must not be empty`);

export const environmentName = text('environment')
  .trim()
  .min(1, 'environment must not be empty')
  .max(64, 'environment must be at most 64 characters')
  .regex(/^[^\s:{}]+$/, 'environment must not contain spaces, ":" or braces');

const tags = z.array(text('each tag').trim().min(1, 'tags must not be empty strings'), { error: 'tags must be an array of strings' });

/**
 * A saved prompt body: a chat-completion request whose values may still hold `{{hc:…}}` variables
 * (so only `model` and the shape of `messages` are checked; the expanded request is checked in full).
 */
export const promptBodySchema = z.looseObject(
  {
    model: text('model').trim().min(1, 'model must not be empty'),
    messages: z.array(z.looseObject({}, { error: 'each message must be an object' }), { error: 'messages must be an array of chat messages' }).optional(),
  },
  { error: 'promptBody must be a chat-completion request object, e.g. {"model": "gpt-4o-mini", "messages": [...]}' },
);
export type PromptBody = z.infer<typeof promptBodySchema>;

export const createPromptSchema = z.strictObject({
  name: text('name').trim().min(1, 'name must not be empty'),
  tags: tags.default([]),
  promptBody: promptBodySchema,
});

export const updatePromptSchema = z.strictObject({
  promptId: id('promptId'),
  promptVersionId: id('promptVersionId'),
  newMajorVersion: z.boolean({ error: 'newMajorVersion must be true or false' }),
  environment: environmentName.optional(),
  commitMessage: text('commitMessage'),
  promptBody: promptBodySchema,
});

export const versionEnvironmentSchema = z.strictObject({
  promptId: id('promptId'),
  promptVersionId: id('promptVersionId'),
  environment: environmentName,
});

export const promptQuerySchema = z.strictObject({
  search: text('search').default(''),
  tagsFilter: z.array(text('each tag'), { error: 'tagsFilter must be an array of tags' }).default([]),
  page: z.number({ error: 'page must be a number' }).int('page must be a whole number').min(0, 'page must not be negative').default(0),
  pageSize: z.number({ error: 'pageSize must be a number' }).int('pageSize must be a whole number').min(1, 'pageSize must be between 1 and 1000').max(1000, 'pageSize must be between 1 and 1000').default(100),
});

export const renamePromptSchema = z.strictObject({ name: text('name').trim().min(1, 'name must not be empty') });
export const promptTagsSchema = z.strictObject({ tags });
export const promptIdQuerySchema = z.strictObject({ promptId: id('promptId') });
export const promptVersionQuerySchema = z.strictObject({ promptVersionId: id('promptVersionId') });
export const promptVersionsQuerySchema = z.strictObject({
  promptId: id('promptId'),
  majorVersion: z.number({ error: 'majorVersion must be a number' }).int('majorVersion must be a whole number').optional(),
});
export const environmentVersionQuerySchema = z.strictObject({ promptId: id('promptId'), environment: environmentName });

/** The chat-request fields that name a managed prompt (removed before the request goes on). */
export const promptFieldNames = ['prompt_id', 'version_id', 'environment', 'inputs'] as const;

export const promptReferenceSchema = z.object({
  prompt_id: id('prompt_id'),
  version_id: id('version_id').nullish(),
  environment: environmentName.nullish(),
  inputs: z.record(z.string(), z.unknown(), { error: 'inputs must be an object of variable values, e.g. {"city": "Paris"}' }).nullish(),
});
export type PromptReference = z.infer<typeof promptReferenceSchema>;
