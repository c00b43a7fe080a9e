/**
 * The pipeline's prompt-expansion stage for Chat Completions: a body naming a managed prompt
 * becomes the expanded request, and the log notes the prompt, its version and the inputs (the
 * logged request body is the expanded one, what the provider was sent). A no-op without `prompt_id`.
 */
import type { RequestLog } from '../pipeline/request-log.js';
import type { Gateway } from '../server/gateway.js';
import { expandPromptRequest } from './expand-prompt-request.js';

export async function expandManagedPrompt(body: unknown, gateway: Gateway, log: RequestLog): Promise<unknown> {
  const expanded = await expandPromptRequest(body, gateway.store.prompts);
  if (!expanded.prompt) return body;
  log.prompt = expanded.prompt;
  log.requestText = JSON.stringify(expanded.body);
  const model = (expanded.body as { model?: unknown }).model;
  if (typeof model === 'string') log.requestModel = model;
  return expanded.body;
}
