/**
 * Anthropic clients always send max_tokens, and Claude Code sends as many as a Claude model may
 * write (32000 and more). Before a translated attempt the limit is fitted to the model that will
 * answer: capped at its registry maxOutput, and sent as max_completion_tokens to OpenAI and
 * Azure, whose reasoning models refuse max_tokens.
 */
import type { ChatRequest } from '../contract/chat.js';
import type { AdapterContext } from '../providers/types.js';
import { findEndpoint } from '../registry/registry.js';

export function fitOutputTokens(ctx: AdapterContext): AdapterContext {
  const requested = ctx.request.max_tokens;
  if (typeof requested !== 'number') return ctx;
  const maxOutput = findEndpoint(ctx.provider.name, ctx.model)?.model.maxOutput;
  const limit = maxOutput !== undefined ? Math.min(requested, maxOutput) : requested;
  const { max_tokens: _dropped, ...rest } = ctx.request;
  const request: ChatRequest = ctx.provider.name === 'openai' || ctx.provider.format === 'azure' ? { ...rest, max_completion_tokens: limit } : { ...rest, max_tokens: limit };
  return { ...ctx, request };
}
