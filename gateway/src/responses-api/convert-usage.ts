/**
 * Usage between the two APIs: Responses' input/output tokens and Chat Completions' prompt/
 * completion tokens count the same things, cached and reasoning tokens included.
 */
import { count } from '../contract/usage.js';
import type { ChatUsage } from '../contract/chat.js';
import type { ResponsesUsage } from '../contract/responses.js';

export function chatUsageToResponses(usage: ChatUsage): ResponsesUsage {
  const input = count(usage.prompt_tokens);
  const output = count(usage.completion_tokens);
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: count(usage.prompt_tokens_details?.cached_tokens) },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: count(usage.completion_tokens_details?.reasoning_tokens) },
    total_tokens: count(usage.total_tokens) || input + output,
  };
}

/** Undefined when the Response has no usage object (a provider that left it out). */
export function responsesUsageToChat(usage: unknown): ChatUsage | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const { input_tokens, output_tokens, total_tokens, input_tokens_details, output_tokens_details } = usage as Partial<Record<string, unknown>> & {
    input_tokens_details?: { cached_tokens?: unknown; cache_write_tokens?: unknown } | null;
    output_tokens_details?: { reasoning_tokens?: unknown } | null;
  };
  const prompt = count(input_tokens);
  const completion = count(output_tokens);
  const cacheWrite = count(input_tokens_details?.cache_write_tokens);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: count(total_tokens) || prompt + completion,
    prompt_tokens_details: { cached_tokens: count(input_tokens_details?.cached_tokens), ...(cacheWrite ? { cache_write_tokens: cacheWrite } : {}) },
    completion_tokens_details: { reasoning_tokens: count(output_tokens_details?.reasoning_tokens) },
  };
}
