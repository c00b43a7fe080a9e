/**
 * Helicone's Prompt Management API (`/v1/prompt-2025`, rest-api-spec §5.2) over the prompt store:
 * create, version, deploy to environments, query, rename, tag, delete. Every route answers
 * `{data, error}` and needs a gateway key when keys exist, except a version's signed `s3_url`.
 */
import type { Prompt2025Version } from '../contract/prompts.js';
import {
  createPromptSchema,
  environmentVersionQuerySchema,
  promptIdQuerySchema,
  promptQuerySchema,
  promptTagsSchema,
  promptVersionQuerySchema,
  promptVersionsQuerySchema,
  renamePromptSchema,
  updatePromptSchema,
  versionEnvironmentSchema,
} from '../contract/prompts.js';
import { GatewayError } from '../contract/errors.js';
import { PromptStoreConflict, productionEnvironment } from '../prompts/prompt-store.js';
import { sendJson } from '../server/respond.js';
import type { Route, RouteContext } from '../server/router.js';
import { type ApiContext, apiRoute, baseUrlOf, readBody, sendData } from './http.js';

const promptNotFound = () => new GatewayError(404, 'not_found', 'Prompt not found');
const versionNotFound = () => new GatewayError(404, 'not_found', 'Prompt version not found');

const bodySubject = (versionId: string) => `prompt-body:${versionId}`;

/** The version with its `s3_url`: a link to its body, signed so that it works without a key. */
function withBodyUrl(ctx: RouteContext, version: Prompt2025Version): Prompt2025Version {
  const path = `/v1/prompt-2025/${encodeURIComponent(version.id)}/prompt-body`;
  return { ...version, s3_url: `${baseUrlOf(ctx)}${path}?${ctx.gateway.bodyUrls.query(bodySubject(version.id))}` };
}

/** A store change that the prompt's state refuses (production must stay deployed) is a 400. */
async function guarded<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof PromptStoreConflict) throw new GatewayError(400, 'invalid_request_error', error.message);
    throw error;
  }
}

const prompts = (ctx: ApiContext) => ctx.gateway.store.prompts;

async function requirePrompt(ctx: ApiContext, promptId: string): Promise<void> {
  if (!(await prompts(ctx).get(promptId))) throw promptNotFound();
}

function sendVersion(ctx: ApiContext, version: Prompt2025Version | undefined): void {
  if (!version) throw versionNotFound();
  sendData(ctx.res, withBodyUrl(ctx, version));
}

/** The stored body: as an S3 object is (the body itself) through the signed link, else in the envelope. */
async function sendPromptBody(ctx: ApiContext, signed: boolean): Promise<void> {
  const body = await prompts(ctx).body(ctx.params.promptVersionId!);
  if (!body) throw versionNotFound();
  if (signed) sendJson(ctx.res, 200, body);
  else sendData(ctx.res, body);
}

const unsignedPromptBody = apiRoute(async (ctx) => sendPromptBody(ctx, false));
const signedPromptBody = apiRoute(async (ctx) => sendPromptBody(ctx, true), { authenticated: false });

export const promptApiRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/prompt-2025',
    handler: apiRoute(async (ctx) => {
      const body = await readBody(ctx, createPromptSchema);
      sendData(ctx.res, await prompts(ctx).create(body), 201);
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/prompt-2025/update',
    handler: apiRoute(async (ctx) => {
      const body = await readBody(ctx, updatePromptSchema);
      await requirePrompt(ctx, body.promptId);
      const id = await prompts(ctx).update({ ...body, baseVersionId: body.promptVersionId });
      if (!id) throw versionNotFound();
      sendData(ctx.res, { id });
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/prompt-2025/update/environment',
    handler: apiRoute(async (ctx) => {
      const body = await readBody(ctx, versionEnvironmentSchema);
      await requirePrompt(ctx, body.promptId);
      if (!(await prompts(ctx).setEnvironment(body.promptId, body.promptVersionId, body.environment))) throw versionNotFound();
      sendData(ctx.res, null);
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/prompt-2025/remove/environment',
    handler: apiRoute(async (ctx) => {
      const body = await readBody(ctx, versionEnvironmentSchema);
      await requirePrompt(ctx, body.promptId);
      if (!(await guarded(() => prompts(ctx).removeEnvironment(body.promptId, body.promptVersionId, body.environment)))) throw versionNotFound();
      sendData(ctx.res, null);
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/prompt-2025/query',
    handler: apiRoute(async (ctx) => sendData(ctx.res, await prompts(ctx).query(await readBody(ctx, promptQuerySchema)))),
  },
  {
    method: 'GET',
    pattern: '/v1/prompt-2025/id/:promptId',
    handler: apiRoute(async (ctx) => {
      const prompt = await prompts(ctx).get(ctx.params.promptId!);
      if (!prompt) throw promptNotFound();
      sendData(ctx.res, prompt);
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/prompt-2025/id/:promptId/rename',
    handler: apiRoute(async (ctx) => {
      const { name } = await readBody(ctx, renamePromptSchema);
      if (!(await prompts(ctx).rename(ctx.params.promptId!, name))) throw promptNotFound();
      sendData(ctx.res, null);
    }),
  },
  {
    method: 'PATCH',
    pattern: '/v1/prompt-2025/id/:promptId/tags',
    handler: apiRoute(async (ctx) => {
      const { tags } = await readBody(ctx, promptTagsSchema);
      const updated = await prompts(ctx).setTags(ctx.params.promptId!, tags);
      if (!updated) throw promptNotFound();
      sendData(ctx.res, updated);
    }),
  },
  {
    method: 'GET',
    pattern: '/v1/prompt-2025/id/:promptId/:versionId/inputs',
    handler: apiRoute(async (ctx) => {
      const requestId = ctx.query.get('requestId');
      if (!requestId) throw new GatewayError(400, 'invalid_request_error', 'Invalid "requestId": the requestId query parameter is required', 'requestId');
      await ctx.gateway.logQueue.flushBeforeRead();
      const inputs = await prompts(ctx).inputs(requestId, ctx.params.promptId!, ctx.params.versionId!);
      if (!inputs) throw new GatewayError(404, 'not_found', 'Prompt inputs not found');
      sendData(ctx.res, inputs);
    }),
  },
  { method: 'GET', pattern: '/v1/prompt-2025/tags', handler: apiRoute(async (ctx) => sendData(ctx.res, await prompts(ctx).tags())) },
  { method: 'GET', pattern: '/v1/prompt-2025/environments', handler: apiRoute(async (ctx) => sendData(ctx.res, await prompts(ctx).environments())) },
  { method: 'GET', pattern: '/v1/prompt-2025/count', handler: apiRoute(async (ctx) => sendData(ctx.res, await prompts(ctx).count())) },
  {
    method: 'POST',
    pattern: '/v1/prompt-2025/query/version',
    handler: apiRoute(async (ctx) => {
      const { promptVersionId } = await readBody(ctx, promptVersionQuerySchema);
      sendVersion(ctx, await prompts(ctx).version(promptVersionId));
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/prompt-2025/query/versions',
    handler: apiRoute(async (ctx) => {
      const { promptId, majorVersion } = await readBody(ctx, promptVersionsQuerySchema);
      await requirePrompt(ctx, promptId);
      sendData(ctx.res, (await prompts(ctx).versions(promptId, majorVersion)).map((version) => withBodyUrl(ctx, version)));
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/prompt-2025/query/production-version',
    handler: apiRoute(async (ctx) => {
      const { promptId } = await readBody(ctx, promptIdQuerySchema);
      await requirePrompt(ctx, promptId);
      sendVersion(ctx, await prompts(ctx).environmentVersion(promptId, productionEnvironment));
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/prompt-2025/query/environment-version',
    handler: apiRoute(async (ctx) => {
      const { promptId, environment } = await readBody(ctx, environmentVersionQuerySchema);
      await requirePrompt(ctx, promptId);
      const version = await prompts(ctx).environmentVersion(promptId, environment);
      if (!version) throw new GatewayError(404, 'not_found', `Prompt ${promptId} has no version in environment "${environment}"`);
      sendVersion(ctx, version);
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/prompt-2025/query/total-versions',
    handler: apiRoute(async (ctx) => {
      const { promptId } = await readBody(ctx, promptIdQuerySchema);
      await requirePrompt(ctx, promptId);
      sendData(ctx.res, await prompts(ctx).versionCounts(promptId));
    }),
  },
  {
    // A version's s3_url: with a valid signature no key is needed, as with Helicone's S3 links.
    method: 'GET',
    pattern: '/v1/prompt-2025/:promptVersionId/prompt-body',
    handler: (ctx) => {
      const signed = ctx.gateway.bodyUrls.verify(bodySubject(ctx.params.promptVersionId!), ctx.query.get('expires'), ctx.query.get('signature'));
      return signed ? signedPromptBody(ctx) : unsignedPromptBody(ctx);
    },
  },
  {
    method: 'DELETE',
    pattern: '/v1/prompt-2025/:promptId',
    handler: apiRoute(async (ctx) => {
      if (!(await prompts(ctx).deletePrompt(ctx.params.promptId!))) throw promptNotFound();
      sendData(ctx.res, null);
    }),
  },
  {
    method: 'DELETE',
    pattern: '/v1/prompt-2025/:promptId/:versionId',
    handler: apiRoute(async (ctx) => {
      await requirePrompt(ctx, ctx.params.promptId!);
      if (!(await guarded(() => prompts(ctx).deleteVersion(ctx.params.promptId!, ctx.params.versionId!)))) throw versionNotFound();
      sendData(ctx.res, null);
    }),
  },
];
