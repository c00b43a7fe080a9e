/**
 * Token usage from one response JSON object, in any of the four formats Helicone's manual logger
 * accepts (tried in Helicone's order; the first that matches wins):
 * - OpenAI `usage{prompt_tokens, completion_tokens, total_tokens}` (also OpenAI Responses'
 *   `usage{input_tokens, output_tokens, input_tokens_details}`, told apart from Anthropic's);
 * - Anthropic `usage{input_tokens, output_tokens, cache_read_input_tokens, cache_creation_input_tokens}`;
 * - Google `usageMetadata{promptTokenCount, candidatesTokenCount, totalTokenCount}`;
 * - alternative top-level `{prompt_token_count, generation_token_count}` (Llama, Bedrock).
 * Counts are normalised as the gateway stores them: prompt tokens include cache reads and writes,
 * completion tokens include reasoning tokens.
 */
import type { ChatUsage } from '../contract/chat.js';
import { type TokenUsage, usageFromOpenAI } from '../contract/usage.js';
import { convertUsage as anthropicToOpenAI } from '../providers/anthropic/convert-usage.js';
import type { AnthropicUsage } from '../providers/anthropic/wire-types.js';
import { convertUsage as geminiToOpenAI } from '../providers/gemini/convert-usage.js';
import type { GeminiUsageMetadata } from '../providers/gemini/wire-types.js';

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const count = (value: unknown): number => (isCount(value) && value > 0 ? value : 0);

/** OpenAI Chat Completions: `usage.prompt_tokens` / `usage.completion_tokens`. */
export function readOpenAIUsage(usage: unknown): TokenUsage | null {
  if (!isObject(usage) || !(isCount(usage.prompt_tokens) || isCount(usage.completion_tokens))) return null;
  return usageFromOpenAI(usage as unknown as ChatUsage);
}

/**
 * OpenAI Responses API: `input_tokens` includes cached tokens (unlike Anthropic's), details live in
 * `input_tokens_details` / `output_tokens_details`.
 */
function isResponsesUsage(usage: JsonObject): boolean {
  return isObject(usage.input_tokens_details) || (isObject(usage.output_tokens_details) && 'reasoning_tokens' in usage.output_tokens_details);
}

function readResponsesUsage(usage: JsonObject): TokenUsage {
  const input = isObject(usage.input_tokens_details) ? usage.input_tokens_details : {};
  const output = isObject(usage.output_tokens_details) ? usage.output_tokens_details : {};
  const promptTokens = count(usage.input_tokens);
  const completionTokens = count(usage.output_tokens);
  return {
    promptTokens,
    completionTokens,
    totalTokens: count(usage.total_tokens) || promptTokens + completionTokens,
    cacheReadTokens: count(input.cached_tokens),
    cacheWriteTokens: count(input.cache_write_tokens),
    cacheWrite1hTokens: 0,
    reasoningTokens: count(output.reasoning_tokens),
  };
}

/** Anthropic `usage.input_tokens` / `usage.output_tokens` (or OpenAI Responses, which uses the same names). */
export function readAnthropicUsage(usage: unknown): TokenUsage | null {
  if (!isObject(usage) || !(isCount(usage.input_tokens) || isCount(usage.output_tokens))) return null;
  if (isResponsesUsage(usage)) return readResponsesUsage(usage);
  return usageFromOpenAI(anthropicToOpenAI(usage as AnthropicUsage));
}

/** Google `usageMetadata.promptTokenCount` / `candidatesTokenCount` / `totalTokenCount`. */
export function readGoogleUsage(usageMetadata: unknown): TokenUsage | null {
  if (!isObject(usageMetadata)) return null;
  return usageFromOpenAI(geminiToOpenAI(usageMetadata as GeminiUsageMetadata));
}

/** Alternative top-level `prompt_token_count` / `generation_token_count` (Llama on Bedrock). */
export function readAlternativeUsage(body: JsonObject): TokenUsage | null {
  if (!isCount(body.prompt_token_count) && !isCount(body.generation_token_count)) return null;
  const promptTokens = count(body.prompt_token_count);
  const completionTokens = count(body.generation_token_count);
  return {
    promptTokens,
    completionTokens,
    totalTokens: promptTokens + completionTokens,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    reasoningTokens: 0,
  };
}

/** Usage from one JSON object in any of the four formats, or null when it carries none. */
export function readUsage(body: unknown): TokenUsage | null {
  if (!isObject(body)) return null;
  return readOpenAIUsage(body.usage) ?? readAnthropicUsage(body.usage) ?? readGoogleUsage(body.usageMetadata) ?? readAlternativeUsage(body);
}
