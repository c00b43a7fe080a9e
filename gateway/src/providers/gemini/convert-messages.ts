/**
 * OpenAI chat messages -> Gemini `systemInstruction` and `contents`.
 * Gemini has two roles (user, model), keeps system text apart, returns tool results as user
 * `functionResponse` parts addressed by function name rather than call id, and wants turns of
 * the same role merged (all responses to one turn's calls in one user turn).
 */
import type { ChatMessage, ToolCall } from '../../contract/chat.js';
import { contentText, convertContentParts } from './convert-content-parts.js';
import { readThoughtSignature, requiresThoughtSignature, SKIP_THOUGHT_SIGNATURE } from './thought-signature.js';
import type { GeminiPart, GeminiRequestBody, GeminiRequestContent } from './wire-types.js';

export type ConvertedMessages = Pick<GeminiRequestBody, 'contents' | 'systemInstruction'>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Tool call arguments arrive as a JSON string; Gemini wants an object, so anything else becomes {}. */
function parseArguments(json: string | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json ?? '');
    return isPlainObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** Gemini's functionResponse.response must be an object: JSON objects pass as they are, anything else is wrapped. */
function toolResponse(text: string): Record<string, unknown> {
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Plain text result: sent as the string.
  }
  return isPlainObject(parsed) ? parsed : { result: parsed };
}

function systemParts(message: ChatMessage): Array<{ text: string }> {
  const { content } = message;
  if (typeof content === 'string') return content.length > 0 ? [{ text: content }] : [];
  if (!Array.isArray(content)) return [];
  return content.flatMap((part) =>
    part.type === 'text' && typeof part.text === 'string' && part.text.length > 0 ? [{ text: part.text }] : [],
  );
}

function functionCallPart(name: string, args: string | undefined, thoughtSignature: string | undefined): GeminiPart {
  return {
    functionCall: { name, args: parseArguments(args) },
    ...(thoughtSignature ? { thoughtSignature } : {}),
  };
}

export function convertMessages(messages: ChatMessage[], model: string): ConvertedMessages {
  const system: Array<{ text: string }> = [];
  const contents: GeminiRequestContent[] = [];
  // Tool results name their call by id; Gemini wants the function name, found on the earlier call.
  const toolNames = new Map<string, string>();
  const placeholderSignature = requiresThoughtSignature(model) ? SKIP_THOUGHT_SIGNATURE : undefined;

  const append = (role: GeminiRequestContent['role'], parts: GeminiPart[]): void => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };

  for (const message of messages) {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...systemParts(message));
        break;
      case 'user':
        append('user', convertContentParts(message.content));
        break;
      case 'assistant': {
        const parts = convertContentParts(message.content);
        const calls: ToolCall[] = Array.isArray(message.tool_calls) ? message.tool_calls : [];
        calls.forEach((call, index) => {
          if (!call?.function?.name) return;
          toolNames.set(call.id, call.function.name);
          // Gemini only validates the first call of a turn, so only that one needs the placeholder.
          const signature = readThoughtSignature(call) ?? (index === 0 ? placeholderSignature : undefined);
          parts.push(functionCallPart(call.function.name, call.function.arguments, signature));
        });
        const legacyCall = message.function_call as { name?: unknown; arguments?: unknown } | undefined;
        if (typeof legacyCall?.name === 'string') {
          const args = typeof legacyCall.arguments === 'string' ? legacyCall.arguments : undefined;
          parts.push(functionCallPart(legacyCall.name, args, calls.length === 0 ? placeholderSignature : undefined));
        }
        append('model', parts);
        break;
      }
      case 'tool':
      case 'function': {
        const callId = typeof message.tool_call_id === 'string' ? message.tool_call_id : undefined;
        const name = (callId && toolNames.get(callId)) || message.name || callId || 'unknown_function';
        append('user', [{ functionResponse: { name, response: toolResponse(contentText(message.content)) } }]);
        break;
      }
    }
  }

  return {
    contents,
    ...(system.length > 0 ? { systemInstruction: { parts: system } } : {}),
  };
}
