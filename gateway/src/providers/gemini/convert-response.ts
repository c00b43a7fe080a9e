/** Gemini GenerateContentResponse -> OpenAI `chat.completion`. */
import type { ChatCompletion, ToolCall } from '../../contract/chat.js';
import type { AdapterContext } from '../types.js';
import { convertUsage } from './convert-usage.js';
import { generateCompletionId, generateToolCallId } from './generate-id.js';
import { mapFinishReason } from './map-finish-reason.js';
import { carryThoughtSignature } from './thought-signature.js';
import type { GeminiCandidate, GenerateContentResponse } from './wire-types.js';

type Choice = ChatCompletion['choices'][number];

function convertCandidate(candidate: GeminiCandidate, position: number): Choice {
  let content = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  for (const part of candidate.content?.parts ?? []) {
    const call = part.functionCall;
    if (call && typeof call.name === 'string') {
      toolCalls.push({
        id: call.id ?? generateToolCallId(),
        type: 'function',
        function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) },
        ...carryThoughtSignature(part.thoughtSignature),
      });
    } else if (typeof part.text === 'string') {
      // Thought summaries (sent when thinking is on with includeThoughts) are reasoning, not answer text.
      if (part.thought === true) reasoning += part.text;
      else content += part.text;
    }
  }
  return {
    index: candidate.index ?? position,
    message: {
      role: 'assistant',
      content: content.length > 0 ? content : null,
      ...(reasoning.length > 0 ? { reasoning_content: reasoning } : {}),
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    },
    finish_reason: mapFinishReason(candidate.finishReason, toolCalls.length > 0),
  };
}

/** A response without candidates: the prompt was blocked, or Gemini produced nothing. */
function emptyChoice(response: GenerateContentResponse): Choice {
  return {
    index: 0,
    message: { role: 'assistant', content: null },
    finish_reason: response.promptFeedback?.blockReason ? 'content_filter' : 'stop',
  };
}

export function convertResponse(body: unknown, ctx: AdapterContext): ChatCompletion {
  const response: GenerateContentResponse = typeof body === 'object' && body !== null ? body : {};
  const candidates = Array.isArray(response.candidates) ? response.candidates : [];
  const usage = convertUsage(response.usageMetadata);
  return {
    id: response.responseId ?? generateCompletionId(),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: response.modelVersion ?? ctx.model,
    choices: candidates.length > 0 ? candidates.map(convertCandidate) : [emptyChoice(response)],
    ...(usage ? { usage } : {}),
  };
}
