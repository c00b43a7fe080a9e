import { count } from '../contract/usage.js';
import type { ChatUsage } from '../contract/chat.js';
import type { MessagesUsage } from '../contract/messages.js';

/**
 * Chat usage -> Anthropic usage: the reverse of the anthropic adapter's convert-usage.ts.
 * OpenAI's prompt_tokens include cache reads and writes; Anthropic's input_tokens exclude them.
 */
export function convertUsageToMessages(usage: ChatUsage | null | undefined): MessagesUsage {
  const cacheRead = count(usage?.prompt_tokens_details?.cached_tokens);
  const cacheWrite = count(usage?.prompt_tokens_details?.cache_write_tokens);
  return {
    input_tokens: Math.max(0, count(usage?.prompt_tokens) - cacheRead - cacheWrite),
    output_tokens: count(usage?.completion_tokens),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}
