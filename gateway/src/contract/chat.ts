/**
 * The OpenAI Chat Completions wire contract, as the gateway speaks it to clients whatever the
 * provider. Requests are validated leniently (BYOK mode: any OpenAI field passes through); the
 * response types are what every provider adapter converts into.
 */
import { z } from 'zod';

const contentPart = z.looseObject({ type: z.string({ error: 'each content part needs a string "type"' }) });

export const chatMessageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function'], {
    error: 'role must be one of system, developer, user, assistant, tool, function',
  }),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
});

export const chatRequestSchema = z.looseObject({
  model: z
    .string({ error: 'model must be a string, e.g. "gpt-4o-mini" or "claude-sonnet-4-5/anthropic"' })
    .trim()
    .min(1, 'model must not be empty'),
  messages: z
    .array(chatMessageSchema, { error: 'messages must be an array of chat messages' })
    .min(1, 'messages must contain at least one message'),
  stream: z.boolean({ error: 'stream must be a boolean' }).optional(),
  tools: z
    .array(z.looseObject({ type: z.string({ error: 'each tool needs a string "type", e.g. "function"' }) }), {
      error: 'tools must be an array of tool definitions',
    })
    .optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
});

export type ChatMessage = z.infer<typeof chatMessageSchema> & {
  content?: string | ContentPart[] | null;
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
};

export type ChatRequest = z.infer<typeof chatRequestSchema> & {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  tool_choice?: unknown;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  stop?: string | string[] | null;
  user?: string;
  [key: string]: unknown;
};

export interface ContentPart {
  type: string;
  text?: string;
  image_url?: { url: string; detail?: string };
  [key: string]: unknown;
}

export interface ToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** OpenAI usage, with the optional details the gateway fills for every provider. */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: {
    /** Tokens read from the provider's prompt cache (a subset of prompt_tokens). */
    cached_tokens?: number;
    /** Tokens written to the provider's prompt cache (a subset of prompt_tokens). */
    cache_write_tokens?: number;
    /** Of cache_write_tokens, those written with a one-hour TTL (Anthropic). */
    cache_write_1h_tokens?: number;
    [key: string]: unknown;
  } | null;
  completion_tokens_details?: { reasoning_tokens?: number; [key: string]: unknown } | null;
  [key: string]: unknown;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: {
      role: 'assistant';
      content: string | null;
      refusal?: string | null;
      tool_calls?: ToolCall[];
      reasoning_content?: string;
      [key: string]: unknown;
    };
    finish_reason: FinishReason | null;
    logprobs?: unknown;
  }>;
  usage?: ChatUsage;
  [key: string]: unknown;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: {
      role?: 'assistant';
      content?: string | null;
      refusal?: string | null;
      reasoning_content?: string;
      tool_calls?: Array<{
        index: number;
        id?: string;
        type?: 'function';
        function?: { name?: string; arguments?: string };
      }>;
      [key: string]: unknown;
    };
    finish_reason: FinishReason | null;
    logprobs?: unknown;
  }>;
  usage?: ChatUsage | null;
  [key: string]: unknown;
}
