/**
 * Anthropic's Messages API (`POST /v1/messages`) as clients send it to the gateway: Claude Code,
 * the Claude Agent SDK, `@anthropic-ai/sdk`. Validated leniently: the fields the gateway reads are
 * checked, every other field passes through (to Anthropic itself on the native path).
 */
import { z } from 'zod';

const record = (error: string) => z.looseObject({}, { error });

const textBlock = z.looseObject({ text: z.string({ error: 'a text block needs a string "text"' }) });
const imageBlock = z.looseObject({
  source: z.looseObject(
    { type: z.string({ error: 'an image source needs a string "type": "base64" or "url"' }) },
    { error: 'an image block needs a "source" object' },
  ),
});
const toolUseBlock = z.looseObject({
  id: z.string({ error: 'a tool_use block needs a string "id"' }),
  name: z.string({ error: 'a tool_use block needs a string "name"' }),
  input: record('a tool_use block needs an object "input"'),
});
const toolResultBlock = z.looseObject({
  tool_use_id: z.string({ error: 'a tool_result block needs a string "tool_use_id"' }),
  content: z
    .union([z.string(), z.array(z.looseObject({ type: z.string() }))], { error: 'tool_result content must be a string or an array of blocks' })
    .optional(),
  is_error: z.boolean({ error: 'is_error must be a boolean' }).optional(),
});
const thinkingBlock = z.looseObject({ thinking: z.string({ error: 'a thinking block needs a string "thinking"' }) });

/** The block types the gateway translates; others (document, server tool blocks, …) pass through. */
const knownBlocks: Record<string, z.ZodType> = {
  text: textBlock,
  image: imageBlock,
  tool_use: toolUseBlock,
  tool_result: toolResultBlock,
  thinking: thinkingBlock,
};

export const messagesContentBlockSchema = z
  .looseObject({ type: z.string({ error: 'each content block needs a string "type", e.g. "text"' }) }, { error: 'each content block must be an object' })
  .superRefine((block, ctx) => {
    const result = knownBlocks[block.type]?.safeParse(block);
    if (result && !result.success) {
      const issue = result.error.issues[0]!;
      ctx.addIssue({ code: 'custom', path: issue.path, message: `is invalid: ${issue.message}` });
    }
  });

const content = z.union([z.string(), z.array(messagesContentBlockSchema)], {
  error: 'content must be a string or an array of content blocks',
});

export const messagesMessageSchema = z.looseObject(
  {
    role: z.enum(['user', 'assistant'], { error: 'role must be "user" or "assistant" (the system prompt goes in "system")' }),
    content,
  },
  { error: 'each message must be an object with "role" and "content"' },
);

export const messagesToolSchema = z.looseObject(
  {
    name: z.string({ error: 'each tool needs a string "name"' }).min(1, 'a tool name must not be empty'),
    description: z.string({ error: 'description must be a string' }).optional(),
    // Custom tools need it; Anthropic's server tools (web_search, bash, …) carry a "type" instead.
    input_schema: record('input_schema must be a JSON schema object').optional(),
    type: z.string({ error: 'type must be a string' }).optional(),
  },
  { error: 'each tool must be an object' },
);

export const messagesToolChoiceSchema = z
  .looseObject(
    {
      type: z.enum(['auto', 'any', 'tool', 'none'], { error: 'tool_choice.type must be one of auto, any, tool, none' }),
      name: z.string({ error: 'name must be a string' }).optional(),
      disable_parallel_tool_use: z.boolean({ error: 'disable_parallel_tool_use must be a boolean' }).optional(),
    },
    { error: 'tool_choice must be an object, e.g. {"type": "auto"}' },
  )
  .refine((choice) => choice.type !== 'tool' || typeof choice.name === 'string', { message: 'is required when type is "tool"', path: ['name'] });

/** The fields count_tokens shares with messages (it takes no max_tokens). */
const promptShape = {
  model: z
    .string({ error: 'model must be a string, e.g. "claude-sonnet-4-5" or "gpt-4o-mini/openai"' })
    .trim()
    .min(1, 'model must not be empty'),
  messages: z.array(messagesMessageSchema, { error: 'messages must be an array of messages' }).min(1, 'messages must contain at least one message'),
  system: z
    .union([z.string(), z.array(z.looseObject({ type: z.literal('text'), text: z.string() }))], {
      error: 'system must be a string or an array of text blocks',
    })
    .optional(),
  tools: z.array(messagesToolSchema, { error: 'tools must be an array of tool definitions' }).optional(),
  tool_choice: messagesToolChoiceSchema.optional(),
  thinking: z
    .looseObject({ type: z.string({ error: 'thinking.type must be a string, e.g. "enabled"' }) }, { error: 'thinking must be an object' })
    .optional(),
};

export const messagesRequestSchema = z.looseObject({
  ...promptShape,
  max_tokens: z.number({ error: 'max_tokens must be a number' }).int('max_tokens must be an integer').min(1, 'max_tokens must be at least 1'),
  stream: z.boolean({ error: 'stream must be a boolean' }).optional(),
  temperature: z.number({ error: 'temperature must be a number' }).min(0, 'temperature must be at least 0').optional(),
  top_p: z.number({ error: 'top_p must be a number' }).optional(),
  top_k: z.number({ error: 'top_k must be a number' }).int('top_k must be an integer').optional(),
  stop_sequences: z.array(z.string({ error: 'each stop sequence must be a string' }), { error: 'stop_sequences must be an array of strings' }).optional(),
  metadata: z.looseObject({ user_id: z.string({ error: 'user_id must be a string' }).nullable().optional() }, { error: 'metadata must be an object' }).optional(),
});

export const countTokensRequestSchema = z.looseObject(promptShape);

export type MessagesContentBlock = z.infer<typeof messagesContentBlockSchema> & Record<string, unknown>;
export type MessagesMessage = { role: 'user' | 'assistant'; content: string | MessagesContentBlock[] };
export type MessagesTool = z.infer<typeof messagesToolSchema>;
export type MessagesToolChoice = z.infer<typeof messagesToolChoiceSchema>;
export type CountTokensRequest = z.infer<typeof countTokensRequestSchema> & { messages: MessagesMessage[] };
export type MessagesRequest = z.infer<typeof messagesRequestSchema> & { messages: MessagesMessage[] };

/** Anthropic's usage object, as the gateway writes it for translated answers. */
export interface MessagesUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** A response content block the gateway writes for translated answers. */
export type MessagesResponseBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export type MessagesStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';

export interface MessagesResponse {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: MessagesResponseBlock[];
  stop_reason: MessagesStopReason | null;
  stop_sequence: string | null;
  usage: MessagesUsage;
}

/** Anthropic's error body: `{"type":"error","error":{"type":"invalid_request_error","message":"…"}}`. */
export interface MessagesErrorBody {
  type: 'error';
  error: { type: string; message: string };
}
