/**
 * A chat request that names a managed prompt (`prompt_id`, `version_id`, `environment`,
 * `inputs`), expanded into the request the provider gets, as Helicone's gateway assembles it:
 *
 * - the version: the environment's when `environment` is given, else `version_id`, else production;
 * - its saved body, partials resolved, then variables compiled with `inputs`, is the default;
 * - runtime fields override saved ones (the client's `model` wins when given);
 * - runtime `messages` are appended after the saved ones;
 * - the prompt fields are removed.
 *
 * A body without `prompt_id` is returned as it is.
 */
import { GatewayError } from '../contract/errors.js';
import { promptFieldNames, promptReferenceSchema } from '../contract/prompts.js';
import { bodyValidationError } from '../contract/validation-error.js';
import { compilePrompt, PromptInputError } from './compile-variables.js';
import type { Prompt2025Version } from '../contract/prompts.js';
import { type PromptStore, productionEnvironment } from './prompt-store.js';
import { PromptPartialError, resolvePartials } from './resolve-partials.js';

export interface ExpandedPrompt {
  /** The chat request to validate and send. */
  body: unknown;
  /** The prompt used, for the log; null when the body named none. */
  prompt: { id: string; versionId: string; inputs: Record<string, unknown> } | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The version a request asks for; 404 naming the field when there is none. */
async function selectVersion(store: PromptStore, promptId: string, versionId?: string | null, environment?: string | null): Promise<Prompt2025Version> {
  if (!(await store.get(promptId))) throw new GatewayError(404, 'prompt_not_found', `Prompt not found: ${promptId}`, 'prompt_id');
  if (environment) {
    const version = await store.environmentVersion(promptId, environment);
    if (!version) throw new GatewayError(404, 'prompt_not_found', `Prompt ${promptId} has no version in environment "${environment}"`, 'environment');
    return version;
  }
  if (versionId) {
    const version = await store.version(versionId);
    if (!version || version.prompt_id !== promptId) throw new GatewayError(404, 'prompt_not_found', `Prompt version not found: ${versionId} (of prompt ${promptId})`, 'version_id');
    return version;
  }
  const version = await store.environmentVersion(promptId, productionEnvironment);
  if (!version) throw new GatewayError(404, 'prompt_not_found', `Prompt ${promptId} has no production version; pass version_id or environment`, 'prompt_id');
  return version;
}

export async function expandPromptRequest(body: unknown, store: PromptStore): Promise<ExpandedPrompt> {
  if (!isObject(body) || !Object.hasOwn(body, 'prompt_id')) return { body, prompt: null };
  const parsed = promptReferenceSchema.safeParse(Object.fromEntries(promptFieldNames.filter((name) => Object.hasOwn(body, name)).map((name) => [name, body[name]])));
  if (!parsed.success) throw bodyValidationError(body, parsed.error);
  const reference = parsed.data;
  const inputs = reference.inputs ?? {};
  const version = await selectVersion(store, reference.prompt_id, reference.version_id, reference.environment);
  const saved = (await store.body(version.id))!;

  let compiled: Record<string, unknown>;
  try {
    const resolved = await resolvePartials(saved, async (promptId, environment) => {
      const partial = await store.environmentVersion(promptId, environment);
      return partial && store.body(partial.id);
    });
    compiled = compilePrompt(resolved, inputs);
  } catch (error) {
    if (error instanceof PromptInputError) {
      const variable = error.issues[0]?.variable;
      throw new GatewayError(400, 'invalid_prompt_inputs', error.message, variable ? `inputs.${variable}` : 'inputs');
    }
    if (error instanceof PromptPartialError) throw new GatewayError(400, 'invalid_prompt', error.message, 'prompt_id');
    throw error;
  }

  const runtime: Record<string, unknown> = { ...body };
  for (const name of promptFieldNames) delete runtime[name];
  const { messages: runtimeMessages, ...runtimeParams } = runtime;
  if (runtimeParams.model === undefined || runtimeParams.model === null || runtimeParams.model === '') delete runtimeParams.model;
  if (runtimeMessages !== undefined && runtimeMessages !== null && !Array.isArray(runtimeMessages)) {
    throw new GatewayError(400, 'invalid_request_error', 'Invalid "messages": with a prompt_id, messages must be an array of chat messages (appended after the prompt\'s)', 'messages');
  }
  const savedMessages = Array.isArray(compiled.messages) ? compiled.messages : [];
  return {
    body: { ...compiled, ...runtimeParams, messages: [...savedMessages, ...(runtimeMessages ?? [])] },
    prompt: { id: reference.prompt_id, versionId: version.id, inputs },
  };
}
