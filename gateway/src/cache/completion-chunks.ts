/**
 * A cached completion told again as a stream: per choice, one chunk with the whole message (role,
 * reasoning, content, refusal, tool calls), then one with its finish reason; then the usage chunk.
 * What a client assembles from them is the completion that was cached.
 */
import type { ChatCompletion, ChatCompletionChunk } from '../contract/chat.js';

export function completionChunks(completion: ChatCompletion): ChatCompletionChunk[] {
  const head = { id: completion.id, object: 'chat.completion.chunk' as const, created: completion.created, model: completion.model };
  const chunks: ChatCompletionChunk[] = [];
  for (const choice of completion.choices ?? []) {
    const { content, refusal, tool_calls: toolCalls, reasoning_content: reasoning } = choice.message ?? {};
    const delta: ChatCompletionChunk['choices'][number]['delta'] = { role: 'assistant' };
    if (typeof reasoning === 'string' && reasoning) delta.reasoning_content = reasoning;
    if (typeof content === 'string') delta.content = content;
    if (typeof refusal === 'string' && refusal) delta.refusal = refusal;
    if (Array.isArray(toolCalls) && toolCalls.length > 0) {
      delta.tool_calls = toolCalls.map((call, index) => ({ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments } }));
    }
    chunks.push({ ...head, choices: [{ index: choice.index, delta, finish_reason: null }] });
    chunks.push({ ...head, choices: [{ index: choice.index, delta: {}, finish_reason: choice.finish_reason ?? 'stop' }] });
  }
  if (completion.usage) chunks.push({ ...head, choices: [], usage: completion.usage });
  return chunks;
}
