/**
 * `createSwitchyard()`: an AI SDK provider for the gateway's chat completions, built on
 * `@ai-sdk/openai-compatible` with usage on streams and the session-aware fetch.
 *
 *   const switchyard = createSwitchyard();
 *   await withSession({ id: crypto.randomUUID(), path: '/plan' }, () =>
 *     generateText({ model: switchyard('gpt-4o-mini', { userId: 'alice' }), prompt: '…' }));
 */
import { createOpenAICompatible, type OpenAICompatibleProvider } from '@ai-sdk/openai-compatible';
import { NoSuchModelError } from 'ai';
import { gatewayConfig } from '../session/index.js';
import { withHeaderCase } from './header-case.js';
import { modelHeaders } from './model-headers.js';
import { requestBodyTransform } from './request-body.js';
import { sessionAwareFetch } from './session-aware-fetch.js';
import type { SwitchyardModelSettings, SwitchyardProviderOptions } from './types.js';

export type SwitchyardLanguageModel = ReturnType<OpenAICompatibleProvider['chatModel']>;

export interface SwitchyardProvider {
  (modelId: string, settings?: SwitchyardModelSettings): SwitchyardLanguageModel;
  readonly specificationVersion: 'v3';
  languageModel(modelId: string, settings?: SwitchyardModelSettings): SwitchyardLanguageModel;
  chatModel(modelId: string, settings?: SwitchyardModelSettings): SwitchyardLanguageModel;
  /** The gateway serves chat completions only. */
  embeddingModel(modelId: string): never;
  imageModel(modelId: string): never;
}

/** The provider name: also the `providerOptions` key whose fields go into the body (`providerOptions: { switchyard: { … } }`). */
export const providerName = 'switchyard';

export function createSwitchyard(options: SwitchyardProviderOptions = {}): SwitchyardProvider {
  const { headers: _headers, extraBody: _extraBody, fetch: baseFetch, ...gatewayOptions } = options;
  const config = gatewayConfig(gatewayOptions);
  const fetch = sessionAwareFetch(baseFetch);

  const chatModel = (modelId: string, settings: SwitchyardModelSettings = {}): SwitchyardLanguageModel => {
    const headers = modelHeaders(config.defaultHeaders, options, settings);
    return createOpenAICompatible({
      name: providerName,
      baseURL: config.baseURL,
      apiKey: config.apiKey,
      headers,
      fetch: withHeaderCase(Object.keys(headers), fetch),
      includeUsage: true,
      transformRequestBody: requestBodyTransform(options, settings),
    }).chatModel(modelId);
  };

  const unsupported = (modelType: 'embeddingModel' | 'imageModel') => (modelId: string): never => {
    throw new NoSuchModelError({ modelId, modelType, message: `Switchyard serves chat models only; ${modelType} "${modelId}" is not available` });
  };

  return Object.assign((modelId: string, settings?: SwitchyardModelSettings) => chatModel(modelId, settings), {
    specificationVersion: 'v3' as const,
    languageModel: chatModel,
    chatModel,
    embeddingModel: unsupported('embeddingModel'),
    imageModel: unsupported('imageModel'),
  });
}
