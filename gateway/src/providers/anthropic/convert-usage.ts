import type { ChatUsage } from '../../contract/chat.js';
import type { AnthropicUsage } from './wire-types.js';

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * Converts Anthropic usage to OpenAI usage. Anthropic's input_tokens excludes cache reads and
 * writes, while OpenAI's prompt_tokens includes them, so the three are added together.
 */
export function convertUsage(usage: AnthropicUsage | null | undefined): ChatUsage {
  const input = count(usage?.input_tokens);
  const cacheRead = count(usage?.cache_read_input_tokens);
  const cacheWrite = count(usage?.cache_creation_input_tokens);
  const completion = count(usage?.output_tokens);
  const prompt = input + cacheRead + cacheWrite;

  const details: NonNullable<ChatUsage['prompt_tokens_details']> = {
    cached_tokens: cacheRead,
    cache_write_tokens: cacheWrite,
  };
  const write1h = usage?.cache_creation?.ephemeral_1h_input_tokens;
  if (typeof write1h === 'number') details.cache_write_1h_tokens = write1h;

  const result: ChatUsage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: details,
  };
  // output_tokens already includes thinking; OpenAI reports that share as reasoning_tokens.
  const thinking = usage?.output_tokens_details?.thinking_tokens;
  if (typeof thinking === 'number') result.completion_tokens_details = { reasoning_tokens: thinking };
  return result;
}

/**
 * Merges a later usage report over an earlier one. Anthropic's message_delta values are final
 * and cumulative, so any number it gives replaces message_start's; null or absent fields keep
 * the earlier value.
 */
export function mergeUsage(earlier: AnthropicUsage | undefined, later: AnthropicUsage | undefined): AnthropicUsage {
  const merged: AnthropicUsage = { ...earlier };
  for (const [key, value] of Object.entries(later ?? {})) {
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}
