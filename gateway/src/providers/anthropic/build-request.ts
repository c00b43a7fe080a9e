import type { AdapterContext, UpstreamRequest } from '../types.js';
import { convertRequest } from './convert-request.js';

/** The API version this adapter's conversions are written against. */
export const ANTHROPIC_VERSION = '2023-06-01';

export function buildRequest(ctx: AdapterContext): UpstreamRequest {
  const headers: Record<string, string> = {
    'anthropic-version': ANTHROPIC_VERSION,
    'content-type': 'application/json',
  };
  if (ctx.provider.apiKey !== undefined) headers['x-api-key'] = ctx.provider.apiKey;
  return {
    url: `${ctx.provider.baseUrl}/messages`,
    headers,
    body: JSON.stringify(convertRequest(ctx)),
  };
}
