/**
 * The native path: a provider that speaks Messages itself (format "anthropic") receives the
 * client's own body, with the attempt's model id, and the answer goes back to the client as it
 * came. Only the headers Anthropic reads travel: the gateway key and Helicone-* headers do not.
 */
import { anthropicAdapter } from '../providers/anthropic/index.js';
import { ANTHROPIC_VERSION } from '../providers/anthropic/build-request.js';
import type { AdapterContext, ProviderAdapter, UpstreamRequest } from '../providers/types.js';

/** Client headers forwarded to Anthropic as they are (API version, beta features). */
const forwardedHeaders = ['anthropic-version', 'anthropic-beta'] as const;

/** The anthropic adapter, reading the answer for the log, but sending the client's body. */
export function nativeMessagesAdapter(body: Record<string, unknown>, clientHeaders: NodeJS.Dict<string | string[]>): ProviderAdapter {
  return { ...anthropicAdapter, buildRequest: (ctx) => buildNativeRequest(body, clientHeaders, ctx) };
}

function buildNativeRequest(body: Record<string, unknown>, clientHeaders: NodeJS.Dict<string | string[]>, ctx: AdapterContext): UpstreamRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'anthropic-version': ANTHROPIC_VERSION };
  for (const name of forwardedHeaders) {
    const value = clientHeaders[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  if (ctx.provider.apiKey !== undefined) headers['x-api-key'] = ctx.provider.apiKey;
  return { url: `${ctx.provider.baseUrl}/messages`, headers, body: JSON.stringify(nativeBody(body, ctx)) };
}

function nativeBody(body: Record<string, unknown>, ctx: AdapterContext): Record<string, unknown> {
  const messages = body.messages;
  return Array.isArray(messages) ? { ...body, model: ctx.model, messages: messages.map(withoutUnsignedThinking) } : { ...body, model: ctx.model };
}

/**
 * Thinking blocks with an empty signature are ones this gateway wrote into translated answers
 * (other providers sign nothing); a client sends them back with its history, and Anthropic
 * refuses a conversation whose thinking blocks it cannot verify, so they stay behind.
 */
function withoutUnsignedThinking(message: unknown): unknown {
  const content = (message as { content?: unknown })?.content;
  if (!Array.isArray(content)) return message;
  const kept = content.filter((block) => !((block as { type?: unknown })?.type === 'thinking' && (block as { signature?: unknown }).signature === ''));
  return kept.length === content.length ? message : { ...(message as object), content: kept };
}
