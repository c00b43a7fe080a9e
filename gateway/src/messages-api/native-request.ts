/**
 * The native path: a provider that speaks Messages itself (format "anthropic") receives the
 * client's own body, with the attempt's model id, and the answer goes back to the client as it
 * came. Only the headers Anthropic reads travel: the gateway key and Helicone-* headers do not.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { anthropicAdapter } from '../providers/anthropic/index.js';
import { ANTHROPIC_VERSION } from '../providers/anthropic/build-request.js';
import { convertMessages } from '../providers/anthropic/convert-messages.js';
import type { AdapterContext, ProviderAdapter, UpstreamRequest } from '../providers/types.js';
import { isUntouched } from './to-chat-request.js';

/** Client headers forwarded to Anthropic as they are (API version, beta features). */
const forwardedHeaders = ['anthropic-version', 'anthropic-beta'] as const;

/** The anthropic adapter, reading the answer for the log, but sending the client's body. */
export function nativeMessagesAdapter(body: Record<string, unknown>, clientHeaders: IncomingHttpHeaders): ProviderAdapter {
  return { ...anthropicAdapter, buildRequest: (ctx) => buildNativeRequest(body, clientHeaders, ctx) };
}

function buildNativeRequest(body: Record<string, unknown>, clientHeaders: IncomingHttpHeaders, ctx: AdapterContext): UpstreamRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'anthropic-version': ANTHROPIC_VERSION };
  for (const name of forwardedHeaders) {
    const value = clientHeaders[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  if (ctx.provider.apiKey !== undefined) headers['x-api-key'] = ctx.provider.apiKey;
  return { url: `${ctx.provider.baseUrl}/messages`, headers, body: JSON.stringify(nativeBody(body, ctx)) };
}

function nativeBody(body: Record<string, unknown>, ctx: AdapterContext): Record<string, unknown> {
  if (isUntouched(ctx.request.messages)) return { ...body, model: ctx.model };
  // Helicone-Token-Limit-Exception-Handler shortened the conversation: send the shortened one.
  const { system, messages } = convertMessages(ctx.request.messages);
  const { system: _original, ...rest } = body;
  return system === undefined ? { ...rest, model: ctx.model, messages } : { ...rest, model: ctx.model, system, messages };
}
