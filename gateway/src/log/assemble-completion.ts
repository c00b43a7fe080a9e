/**
 * Rebuilds one chat.completion from the stream chunks a client received: what the log stores
 * as the response body of a streamed request, and where its usage is read from.
 */
import type { ChatCompletion, ChatCompletionChunk, ChatUsage, FinishReason, ToolCall } from '../contract/chat.js';

interface ChoiceState {
  content: string;
  hasContent: boolean;
  reasoning: string;
  refusal: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason | null;
}

export function assembleCompletion(chunks: ChatCompletionChunk[]): ChatCompletion {
  const choices = new Map<number, ChoiceState>();
  let id = '';
  let model = '';
  let created = 0;
  let usage: ChatUsage | undefined;
  for (const chunk of chunks) {
    if (!chunk || typeof chunk !== 'object') continue;
    if (!id && typeof chunk.id === 'string') id = chunk.id;
    if (!model && typeof chunk.model === 'string') model = chunk.model;
    if (!created && typeof chunk.created === 'number') created = chunk.created;
    if (chunk.usage && typeof chunk.usage === 'object') usage = chunk.usage;
    if (!Array.isArray(chunk.choices)) continue;
    for (const choice of chunk.choices) {
      if (!choice || typeof choice !== 'object') continue;
      let state = choices.get(choice.index ?? 0);
      if (!state) {
        state = { content: '', hasContent: false, reasoning: '', refusal: '', toolCalls: [], finishReason: null };
        choices.set(choice.index ?? 0, state);
      }
      const delta = choice.delta ?? {};
      if (typeof delta.content === 'string') {
        state.content += delta.content;
        state.hasContent ||= delta.content.length > 0;
      } else if (Array.isArray(delta.content)) {
        // Some providers (Mistral) send content as parts; keep the text ones.
        for (const part of delta.content as Array<{ type?: string; text?: string }>) {
          if (part?.type === 'text' && typeof part.text === 'string') {
            state.content += part.text;
            state.hasContent = true;
          }
        }
      }
      if (typeof delta.reasoning_content === 'string') state.reasoning += delta.reasoning_content;
      if (typeof delta.refusal === 'string') state.refusal += delta.refusal;
      for (const call of Array.isArray(delta.tool_calls) ? delta.tool_calls : []) {
        if (!call || typeof call !== 'object') continue;
        const index = call.index ?? state.toolCalls.length;
        const existing = (state.toolCalls[index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } });
        if (call.id) existing.id = call.id;
        if (call.function?.name) existing.function.name += call.function.name;
        if (call.function?.arguments) existing.function.arguments += call.function.arguments;
      }
      if (choice.finish_reason) state.finishReason = choice.finish_reason;
    }
  }
  return {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [...choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, state]) => ({
        index,
        message: {
          role: 'assistant' as const,
          content: state.hasContent ? state.content : null,
          ...(state.refusal ? { refusal: state.refusal } : {}),
          ...(state.reasoning ? { reasoning_content: state.reasoning } : {}),
          ...(state.toolCalls.length > 0 ? { tool_calls: state.toolCalls.filter(Boolean) } : {}),
        },
        finish_reason: state.finishReason,
      })),
    ...(usage ? { usage } : {}),
  };
}
