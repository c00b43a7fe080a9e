/**
 * Gemini 3 models sign their function calls (`thoughtSignature`) and reject a conversation whose
 * earlier function calls come back unsigned. OpenAI tool calls have no field for it, so the
 * signature travels as `extra_content.google.thought_signature`, the same place Google's own
 * OpenAI-compatible endpoint puts it, and clients that echo tool calls back verbatim return it.
 */
import type { ToolCall } from '../../contract/chat.js';

export interface ThoughtSignatureCarrier {
  extra_content?: { google?: { thought_signature?: string } };
}

/**
 * Google's documented placeholder for function calls whose signature was lost (or that another
 * model produced): it tells Gemini to skip signature validation for that call.
 */
export const SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

export function readThoughtSignature(toolCall: ToolCall): string | undefined {
  const signature = (toolCall as ToolCall & ThoughtSignatureCarrier).extra_content?.google?.thought_signature;
  return typeof signature === 'string' && signature.length > 0 ? signature : undefined;
}

export function carryThoughtSignature(signature: string | undefined): ThoughtSignatureCarrier {
  return signature ? { extra_content: { google: { thought_signature: signature } } } : {};
}

/**
 * Gemini 3 and later validate signatures. Models known to predate that (Gemini 1.x/2.x, Gemma) get
 * no placeholder; anything else may be newer or an alias such as "gemini-flash-latest", so it does.
 */
export function requiresThoughtSignature(model: string): boolean {
  return !/^(?:models\/)?(?:gemini-[12][.-]|gemma-)/.test(model);
}
