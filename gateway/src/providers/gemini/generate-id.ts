/** Ids for things Gemini does not name itself: completions without a responseId, and tool calls. */
import { randomBytes } from 'node:crypto';

const randomHex = (): string => randomBytes(12).toString('hex');

export function generateCompletionId(): string {
  return `chatcmpl-${randomHex()}`;
}

/** Random rather than numbered, so ids stay unique across the turns of a conversation. */
export function generateToolCallId(): string {
  return `call_${randomHex()}`;
}
