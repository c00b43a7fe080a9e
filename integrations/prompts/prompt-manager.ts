/**
 * Fetches a stored prompt and builds the request from it, as Helicone's `HeliconePromptManager`
 * does: the version by environment (else version id, else production), its partials resolved
 * (fetched the same way) and its variables compiled with the inputs, runtime parameters over the
 * saved ones, runtime messages after the saved ones. Use it to send a prompt to any gateway, or to
 * a provider directly.
 */
import { clientOptionsFromEnv, GatewayClient, GatewayClientError } from '../../gateway/src/client/index.js';
import { PromptPartialError, resolvePartials } from '../../gateway/src/prompts/resolve-partials.js';
import { compilePrompt, PromptInputError } from './compile.js';

export interface PromptRequest {
  prompt_id: string;
  version_id?: string;
  environment?: string;
  inputs?: Record<string, unknown>;
  /** Runtime messages, appended after the prompt's. */
  messages?: Array<Record<string, unknown>>;
  /** Runtime parameters (model, temperature, …): they override the saved ones. */
  [parameter: string]: unknown;
}

export interface BuiltPrompt {
  /** A chat-completion request, ready to send. */
  body: Record<string, unknown> & { model: string; messages: Array<Record<string, unknown>> };
  /** Input problems (a missing variable, a wrong type); the body is the uncompiled prompt then. */
  errors: string[];
}

export class PromptManager {
  private readonly client: GatewayClient;

  constructor(client?: GatewayClient) {
    this.client = client ?? new GatewayClient(clientOptionsFromEnv());
  }

  async getPromptBody(request: PromptRequest): Promise<BuiltPrompt> {
    const { prompt_id, version_id, environment, inputs = {}, messages = [], ...runtime } = request;
    const version = await this.client.promptVersion(prompt_id, { versionId: version_id, environment });
    const stored = await this.client.promptBody(version);
    const errors: string[] = [];
    let saved = stored;
    try {
      saved = compilePrompt(await resolvePartials(stored, (promptId, environment) => this.partialBody(promptId, environment)), inputs);
    } catch (error) {
      if (error instanceof PromptInputError) errors.push(...error.issues.map((issue) => issue.message));
      else if (error instanceof PromptPartialError) errors.push(error.message);
      else throw error;
    }
    const savedMessages = Array.isArray(saved.messages) ? (saved.messages as Array<Record<string, unknown>>) : [];
    const body = { ...saved, ...runtime, model: String(runtime.model ?? saved.model ?? version.model), messages: [...savedMessages, ...messages] };
    return { body, errors };
  }

  /** The body of a prompt's version in an environment, or undefined when it has none. */
  private async partialBody(promptId: string, environment: string): Promise<Record<string, unknown> | undefined> {
    try {
      return await this.client.promptBody(await this.client.promptVersion(promptId, { environment }));
    } catch (error) {
      if (error instanceof GatewayClientError && error.status === 404) return undefined;
      throw error;
    }
  }
}
