import type { FinishReason } from '../contract/chat.js';
import type { MessagesStopReason } from '../contract/messages.js';

/**
 * Chat Completions finish_reason -> Anthropic stop_reason: the reverse of the anthropic adapter's
 * map-finish-reason.ts. "stop" does not say whether a stop sequence ended it, so it is end_turn.
 */
export function mapStopReason(finishReason: FinishReason | null | undefined): MessagesStopReason {
  switch (finishReason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}
