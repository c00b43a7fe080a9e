import type { AdapterContext, UpstreamRequest } from '../types.js';

/**
 * The client's body goes upstream as it came, with the provider's model id, and with
 * stream_options.include_usage forced on for streams so that tokens and cost can be logged.
 */
export function buildOpenAIBody(ctx: AdapterContext): string {
  const body: Record<string, unknown> = { ...ctx.request, model: ctx.model };
  if (ctx.stream) {
    const options = ctx.request.stream_options ?? {};
    body.stream_options = { ...options, include_usage: true };
  }
  return JSON.stringify(body);
}

export function buildOpenAICompatibleRequest(ctx: AdapterContext): UpstreamRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (ctx.provider.apiKey) headers.authorization = `Bearer ${ctx.provider.apiKey}`;
  return {
    url: `${ctx.provider.baseUrl}/chat/completions`,
    headers,
    body: buildOpenAIBody(ctx),
  };
}
