/** Gemini finishReason -> OpenAI finish_reason. */
import type { FinishReason } from '../../contract/chat.js';

const contentFilterReasons = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

/**
 * Gemini has no tool-specific reason: a turn that ends in function calls finishes with STOP, so
 * `hasToolCalls` turns that into tool_calls. A missing reason is treated like STOP.
 */
export function mapFinishReason(reason: string | undefined, hasToolCalls: boolean): FinishReason {
  if (reason === undefined || reason === 'STOP') return hasToolCalls ? 'tool_calls' : 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  if (contentFilterReasons.has(reason)) return 'content_filter';
  return 'stop';
}
