/**
 * How a managed prompt travels to a Helicone-style gateway: as body fields next to `model`
 * (Helicone's AI Gateway expands them; the runtime `messages` are appended to the prompt's).
 */
export interface PromptReference {
  id: string;
  /** A version id; `environment` wins when both are given. */
  version?: string;
  /** development, staging, production or a custom name; production when neither is given. */
  environment?: string;
  inputs?: Record<string, unknown>;
}

export function promptFields(prompt: PromptReference): Record<string, unknown> {
  if (!prompt.id) throw new TypeError('prompt.id is required');
  return {
    prompt_id: prompt.id,
    ...(prompt.version ? { version_id: prompt.version } : {}),
    ...(prompt.environment ? { environment: prompt.environment } : {}),
    ...(prompt.inputs ? { inputs: prompt.inputs } : {}),
  };
}
