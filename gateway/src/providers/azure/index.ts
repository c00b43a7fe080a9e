/**
 * Azure OpenAI: OpenAI's wire format at a deployment URL, with `api-key` auth and an
 * `api-version` query parameter. The model id sent is the deployment name.
 */
import type { ProviderAdapter } from '../types.js';
import { openAICompatibleAdapter } from '../openai-compatible/index.js';
import { buildOpenAIBody } from '../openai-compatible/build-request.js';
import { readOpenAIError } from '../openai-compatible/read-error.js';

export const azureAdapter: ProviderAdapter = {
  ...openAICompatibleAdapter,
  format: 'azure',
  buildRequest(ctx) {
    const deployment = encodeURIComponent(ctx.model);
    const version = encodeURIComponent(ctx.provider.apiVersion ?? '2024-10-21');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (ctx.provider.apiKey) headers['api-key'] = ctx.provider.apiKey;
    return {
      url: `${ctx.provider.baseUrl}/openai/deployments/${deployment}/chat/completions?api-version=${version}`,
      headers,
      body: buildOpenAIBody(ctx),
    };
  },
  readError: (status, text) => readOpenAIError(status, text, 'Azure OpenAI'),
};
