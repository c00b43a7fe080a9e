/** URL, headers and body for one Gemini call. */
import type { AdapterContext, UpstreamRequest } from '../types.js';
import { convertRequest } from './convert-request.js';

export function buildRequest(ctx: AdapterContext): UpstreamRequest {
  // Accept "models/gemini-..." as well as the bare id, without doubling the prefix.
  const model = ctx.model.replace(/^models\//, '');
  // alt=sse makes Gemini stream server-sent events instead of one long JSON array.
  const method = ctx.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (ctx.provider.apiKey) headers['x-goog-api-key'] = ctx.provider.apiKey;
  return {
    url: `${ctx.provider.baseUrl.replace(/\/+$/, '')}/models/${model}:${method}`,
    headers,
    body: JSON.stringify(convertRequest(ctx.request, model)),
  };
}
