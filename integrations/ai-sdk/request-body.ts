/**
 * What the model adds to the chat completions body, as Helicone's AI SDK provider does: every
 * `extraBody` key but `helicone` (provider's, then model's), and with a prompt id Helicone's
 * prompt fields (`prompt_id`, `version_id`, `environment`, `inputs`) in place of `messages`.
 */
import { promptFields } from '../prompts/index.js';
import type { ExtraBody, SwitchyardModelSettings, SwitchyardProviderOptions } from './types.js';

type Body = Record<string, any>;

function bodyFields(extraBody: ExtraBody | undefined): Record<string, unknown> {
  if (extraBody === undefined) return {};
  const { helicone: _helicone, ...fields } = extraBody;
  return fields;
}

export function requestBodyTransform(provider: SwitchyardProviderOptions, settings: SwitchyardModelSettings): ((body: Body) => Body) | undefined {
  const extra = { ...bodyFields(provider.extraBody), ...bodyFields(settings.extraBody) };
  const prompt =
    settings.promptId === undefined
      ? {}
      : promptFields({ id: settings.promptId, version: settings.versionId, environment: settings.environment, inputs: settings.inputs });
  if (Object.keys(extra).length === 0 && Object.keys(prompt).length === 0) return undefined;
  return (body) => {
    const transformed: Body = { ...body, ...extra, ...prompt };
    // Helicone's provider sends the saved prompt instead of the (placeholder) messages.
    if (transformed.prompt_id !== undefined) delete transformed.messages;
    return transformed;
  };
}
