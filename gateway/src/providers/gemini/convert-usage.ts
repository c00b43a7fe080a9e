/**
 * Gemini usageMetadata -> OpenAI usage. Gemini counts differently from OpenAI:
 * candidatesTokenCount leaves out thinking tokens (thoughtsTokenCount), and tokens spent reading
 * tool results (toolUsePromptTokenCount) are input reported outside promptTokenCount.
 * promptTokenCount already includes cachedContentTokenCount, as OpenAI's prompt_tokens does.
 */
import type { ChatUsage } from '../../contract/chat.js';
import type { GeminiUsageMetadata } from './wire-types.js';

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

const hasCounts = (usage: GeminiUsageMetadata): boolean =>
  ['promptTokenCount', 'candidatesTokenCount', 'totalTokenCount', 'thoughtsTokenCount'].some(
    (key) => typeof usage[key as keyof GeminiUsageMetadata] === 'number',
  );

/** Returns undefined for metadata without token counts (Vertex's non-final stream chunks carry only trafficType). */
export function convertUsage(usage: GeminiUsageMetadata | undefined): ChatUsage | undefined {
  if (typeof usage !== 'object' || usage === null || !hasCounts(usage)) return undefined;
  const promptTokens = count(usage.promptTokenCount) + count(usage.toolUsePromptTokenCount);
  const completionTokens = count(usage.candidatesTokenCount) + count(usage.thoughtsTokenCount);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: typeof usage.totalTokenCount === 'number' ? usage.totalTokenCount : promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: count(usage.cachedContentTokenCount) },
    completion_tokens_details: { reasoning_tokens: count(usage.thoughtsTokenCount) },
  };
}
