/**
 * OpenAI's Responses API (`POST /v1/responses`), as the gateway reads it. Validation is lenient
 * like the chat schema: any OpenAI field passes (it reaches OpenAI as it came on the native path),
 * and the fields the gateway translates for other providers are checked, so a 400 names the field.
 * Input items and tools are checked one by one against the schema of their `type`
 * (responses-api/validate-request.ts), so that an unknown item type still passes here.
 */
import { z } from 'zod';

const nullableString = (field: string) => z.string({ error: `${field} must be a string` }).nullable().optional();
const nullableNumber = (field: string) => z.number({ error: `${field} must be a number` }).nullable().optional();

export const responsesRequestSchema = z.looseObject({
  model: z
    .string({ error: 'model must be a string, e.g. "gpt-4o-mini" or "claude-sonnet-4-5/anthropic"' })
    .trim()
    .min(1, 'model must not be empty'),
  input: z.union([z.string(), z.array(z.looseObject({ type: z.string({ error: 'an input item\'s "type" must be a string' }).optional() }))], {
    error: 'input must be a string or an array of input items (messages, function_call, function_call_output, …)',
  }),
  instructions: nullableString('instructions'),
  tools: z
    .array(z.looseObject({ type: z.string({ error: 'each tool needs a string "type", e.g. "function"' }) }), { error: 'tools must be an array of tool definitions' })
    .nullable()
    .optional(),
  tool_choice: z
    .union([z.enum(['none', 'auto', 'required']), z.looseObject({ type: z.string() })], {
      error: 'tool_choice must be "none", "auto", "required" or an object such as {"type": "function", "name": "…"}',
    })
    .nullable()
    .optional(),
  text: z
    .looseObject({
      format: z
        .looseObject({ type: z.enum(['text', 'json_schema', 'json_object'], { error: 'text.format.type must be text, json_schema or json_object' }) })
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
  max_output_tokens: z.number({ error: 'max_output_tokens must be a number' }).int('max_output_tokens must be an integer').positive().nullable().optional(),
  temperature: nullableNumber('temperature'),
  top_p: nullableNumber('top_p'),
  stream: z.boolean({ error: 'stream must be a boolean' }).nullable().optional(),
  store: z.boolean({ error: 'store must be a boolean' }).nullable().optional(),
  previous_response_id: nullableString('previous_response_id'),
  metadata: z.record(z.string(), z.string(), { error: 'metadata must be an object of string values' }).nullable().optional(),
  parallel_tool_calls: z.boolean({ error: 'parallel_tool_calls must be a boolean' }).nullable().optional(),
  reasoning: z.looseObject({ effort: nullableString('reasoning.effort') }, { error: 'reasoning must be an object, e.g. {"effort": "low"}' }).nullable().optional(),
  user: nullableString('user'),
});

export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;

/** `input_text`, `output_text`, `input_image`, … inside a message's content. */
export const contentPartSchemas = {
  input_text: z.looseObject({ type: z.literal('input_text'), text: z.string({ error: 'text must be a string' }) }),
  output_text: z.looseObject({ type: z.literal('output_text'), text: z.string({ error: 'text must be a string' }) }),
  refusal: z.looseObject({ type: z.literal('refusal'), refusal: z.string({ error: 'refusal must be a string' }) }),
  input_image: z.looseObject({
    type: z.literal('input_image'),
    image_url: z.string({ error: 'image_url must be a string (a URL or a data: URL)' }).nullable().optional(),
    file_id: z.string().nullable().optional(),
    detail: z.enum(['low', 'high', 'auto'], { error: 'detail must be low, high or auto' }).nullable().optional(),
  }),
} as const;

const messageContent = z.union([z.string(), z.array(z.looseObject({ type: z.string({ error: 'each content part needs a string "type"' }) }))], {
  error: 'content must be a string or an array of content parts',
});

/** The input items the gateway can translate; other types go to OpenAI as they are. */
export const inputItemSchemas = {
  message: z.looseObject({
    type: z.literal('message').optional(),
    role: z.enum(['user', 'assistant', 'system', 'developer'], { error: 'role must be one of user, assistant, system, developer' }),
    content: messageContent,
  }),
  function_call: z.looseObject({
    type: z.literal('function_call'),
    call_id: z.string({ error: 'call_id must be a string' }).min(1, 'call_id must not be empty'),
    name: z.string({ error: 'name must be a string' }).min(1, 'name must not be empty'),
    arguments: z.string({ error: 'arguments must be a JSON string' }),
  }),
  function_call_output: z.looseObject({
    type: z.literal('function_call_output'),
    call_id: z.string({ error: 'call_id must be a string' }).min(1, 'call_id must not be empty'),
    output: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))], { error: 'output must be a string or an array of content parts' }),
  }),
  reasoning: z.looseObject({
    type: z.literal('reasoning'),
    summary: z.array(z.looseObject({ text: z.string().optional() }), { error: 'summary must be an array' }).optional(),
  }),
} as const;

export const functionToolSchema = z.looseObject({
  type: z.literal('function'),
  name: z.string({ error: 'name must be a string' }).min(1, 'name must not be empty'),
  description: z.string({ error: 'description must be a string' }).nullable().optional(),
  parameters: z.record(z.string(), z.unknown(), { error: 'parameters must be a JSON schema object' }).nullable().optional(),
  strict: z.boolean({ error: 'strict must be a boolean' }).nullable().optional(),
});

export const jsonSchemaFormatSchema = z.looseObject({
  type: z.literal('json_schema'),
  name: z.string({ error: 'name must be a string' }).min(1, 'name must not be empty'),
  schema: z.record(z.string(), z.unknown(), { error: 'schema must be a JSON schema object' }),
  description: z.string().nullable().optional(),
  strict: z.boolean().nullable().optional(),
});

export type MessageItem = z.infer<(typeof inputItemSchemas)['message']>;
export type FunctionCallItem = z.infer<(typeof inputItemSchemas)['function_call']>;
export type FunctionCallOutputItem = z.infer<(typeof inputItemSchemas)['function_call_output']>;
export type FunctionTool = z.infer<typeof functionToolSchema>;
export type JsonSchemaFormat = z.infer<typeof jsonSchemaFormatSchema>;

/** Usage as the Responses API reports it. */
export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; [key: string]: unknown };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number; [key: string]: unknown };
  total_tokens: number;
}

export type ResponseOutputItem =
  | {
      id: string;
      type: 'message';
      status: 'in_progress' | 'completed' | 'incomplete';
      role: 'assistant';
      content: Array<{ type: 'output_text'; text: string; annotations: unknown[]; logprobs: unknown[] } | { type: 'refusal'; refusal: string }>;
    }
  | { id: string; type: 'function_call'; status: 'in_progress' | 'completed'; call_id: string; name: string; arguments: string }
  | { id: string; type: 'reasoning'; summary: Array<{ type: 'summary_text'; text: string }> };

/** A Response object (`object: "response"`), the answer of a non-streaming call. */
export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  status: 'completed' | 'incomplete' | 'in_progress' | 'failed';
  error: { code: string; message: string } | null;
  incomplete_details: { reason: string } | null;
  model: string;
  output: ResponseOutputItem[];
  usage: ResponsesUsage | null;
  [key: string]: unknown;
}
