/**
 * Token usage in one normalised shape, read from the OpenAI usage object that every adapter
 * produces. prompt_tokens includes cached and cache-written tokens (OpenAI's convention);
 * completion_tokens includes reasoning tokens.
 */
import type { ChatUsage } from './chat.js';

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Prompt tokens read from the provider's cache. */
  cacheReadTokens: number;
  /** Prompt tokens written to the provider's cache (all TTLs). */
  cacheWriteTokens: number;
  /** Of cacheWriteTokens, those written with a one-hour TTL. */
  cacheWrite1hTokens: number;
  /** Of completionTokens, those spent on reasoning. */
  reasoningTokens: number;
}

/** A token count from provider output: a finite positive number, else 0. */
export const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);

export function usageFromOpenAI(usage: ChatUsage | null | undefined): TokenUsage | null {
  if (!usage || typeof usage !== 'object') return null;
  const promptTokens = count(usage.prompt_tokens);
  const completionTokens = count(usage.completion_tokens);
  return {
    promptTokens,
    completionTokens,
    totalTokens: count(usage.total_tokens) || promptTokens + completionTokens,
    cacheReadTokens: count(usage.prompt_tokens_details?.cached_tokens),
    cacheWriteTokens: count(usage.prompt_tokens_details?.cache_write_tokens),
    cacheWrite1hTokens: count(usage.prompt_tokens_details?.cache_write_1h_tokens),
    reasoningTokens: count(usage.completion_tokens_details?.reasoning_tokens),
  };
}
