/**
 * `switchyardChatModel(options)`: a real LangChain `ChatOpenAI` that goes through the gateway.
 * Helicone's documented snippet (`apiKey`, `configuration.baseURL`, `configuration.defaultHeaders`
 * written by hand) becomes typed options: `session`, `userId`, `properties`, `cache`, `retry`, … as
 * in `heliconeHeaders`, and `prompt` for a managed prompt (Helicone's body fields, sent through
 * `modelKwargs`). Every call made inside `withSession` carries that session's headers (the
 * session-aware fetch); streaming, `bindTools` and every other ChatOpenAI feature are untouched.
 *
 * `cache` means the gateway's cache (Helicone-Cache-Enabled), not LangChain's local LLM cache.
 */
import { ChatOpenAI, type ChatOpenAIFields } from '@langchain/openai';
import { mergeHeaders } from '../../gateway/src/client/index.js';
import { type PromptReference, promptFields } from '../prompts/index.js';
import { gatewayConfig, type GatewayOptions } from '../session/index.js';

export type SwitchyardChatModelOptions = Omit<ChatOpenAIFields, keyof GatewayOptions> &
  Omit<GatewayOptions, 'prompt'> & {
    /** A managed prompt: sent as `prompt_id`, `version_id`, `environment` and `inputs` in the body. */
    prompt?: PromptReference;
  };

type HeadersOption = NonNullable<ChatOpenAIFields['configuration']>['defaultHeaders'];

/** The user's `configuration.defaultHeaders` layered over ours; a `null` value removes a header. */
function layerHeaders(ours: Record<string, string>, theirs: HeadersOption): Record<string, string> {
  if (!theirs) return ours;
  if (theirs instanceof Headers || Array.isArray(theirs)) {
    return mergeHeaders(ours, Object.fromEntries(new Headers(theirs as HeadersInit).entries()));
  }
  const set: Record<string, string> = {};
  const removed = new Set<string>();
  for (const [name, value] of Object.entries(theirs as Record<string, unknown>)) {
    if (value === null) removed.add(name.toLowerCase());
    else if (typeof value === 'string') set[name] = value;
    else if (Array.isArray(value)) set[name] = value.join(', ');
  }
  const merged = mergeHeaders(ours, set);
  for (const name of Object.keys(merged)) if (removed.has(name.toLowerCase())) delete merged[name];
  return merged;
}

export function switchyardChatModel(options: SwitchyardChatModelOptions = {}): ChatOpenAI {
  const {
    baseURL, apiKey, fetch, prompt, configuration, modelKwargs,
    session, userId, properties, cache, retry, rateLimit, omit, modelOverride,
    ...fields
  } = options;
  const gateway = gatewayConfig({
    baseURL, apiKey, fetch: fetch ?? configuration?.fetch,
    session, userId, properties, cache, retry, rateLimit, omit, modelOverride,
  });
  return new ChatOpenAI({
    ...fields,
    apiKey: gateway.apiKey,
    modelKwargs: prompt ? { ...modelKwargs, ...promptFields(prompt) } : modelKwargs,
    configuration: {
      ...configuration,
      // An explicit gateway URL wins; otherwise a URL the app already configured is kept.
      baseURL: baseURL !== undefined ? gateway.baseURL : (configuration?.baseURL ?? gateway.baseURL),
      defaultHeaders: layerHeaders(gateway.defaultHeaders, configuration?.defaultHeaders),
      fetch: gateway.fetch,
    },
  });
}
