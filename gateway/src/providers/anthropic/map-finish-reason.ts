import type { FinishReason } from '../../contract/chat.js';

/**
 * Maps Anthropic's stop_reason to OpenAI's finish_reason. end_turn, stop_sequence and
 * pause_turn (a server tool loop paused; the turn is over for the client) are "stop". A missing
 * or unknown reason still means the message ended, so it is "stop" too rather than null.
 */
export function mapFinishReason(stopReason: string | null | undefined): FinishReason {
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}
