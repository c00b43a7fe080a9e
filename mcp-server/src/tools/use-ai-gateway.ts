/**
 * use_ai_gateway: one model call through the gateway, logged with the session, user and
 * properties given, answered with the request id so the agent can look the call up afterwards.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { GatewayClient } from '../../../gateway/src/client/index.js';
import type { ChatRequest } from '../../../gateway/src/contract/chat.js';
import { jsonParam } from '../json-param.js';
import { errorResult, runTool, textResult } from '../tool-result.js';

/** Property values as strings; a message naming the first value that is not a string, number or boolean. */
function primitiveValues(values: Record<string, unknown> | undefined): Record<string, string> | string | undefined {
  if (!values) return undefined;
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) return `customProperties.${key} must be a string, number or boolean`;
    result[key] = String(value);
  }
  return result;
}

const message = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']).describe('Who speaks'),
  content: z
    .union([z.string(), z.array(z.looseObject({ type: z.string() })), z.null()])
    .optional()
    .describe('Text, or OpenAI content parts such as [{"type": "text", "text": "…"}, {"type": "image_url", "image_url": {"url": "…"}}]'),
  tool_call_id: z.string().optional().describe('For role "tool": the id of the tool call this answers'),
  tool_calls: z.array(z.looseObject({})).optional().describe('For role "assistant": the tool calls it made, as returned earlier'),
  name: z.string().optional(),
});

export const useAiGatewayInput = {
  model: z.string().min(1).describe('Model, e.g. "gpt-4o-mini", "claude-sonnet-4-5", "gemini-2.5-flash", "mock" (offline); "model/provider" locks a provider; "a,b" is a fallback chain'),
  messages: jsonParam(z.array(message)).optional().describe('The conversation, OpenAI style: [{"role": "user", "content": "Hello"}]; optional with prompt_id'),
  tools: jsonParam(z.array(z.looseObject({ type: z.literal('function') }))).optional().describe('OpenAI function tools: [{"type": "function", "function": {"name": "…", "parameters": {…}}}]'),
  tool_choice: jsonParam(z.union([z.enum(['auto', 'none', 'required']), z.looseObject({ type: z.literal('function') })])).optional().describe('"auto", "none", "required" or {"type": "function", "function": {"name": "…"}}'),
  temperature: z.number().min(0).max(2).optional().describe('0-2'),
  max_tokens: z.number().int().min(1).optional().describe('Most tokens to generate'),
  response_format: jsonParam(z.looseObject({ type: z.enum(['text', 'json_object', 'json_schema']) })).optional().describe('{"type": "json_object"} or {"type": "json_schema", "json_schema": {…}}'),
  stream: z.boolean().optional().describe('Stream from the gateway (the answer still comes back whole; time to first token gets logged)'),
  sessionId: z.string().min(1).optional().describe('Groups calls into a session, e.g. one task; reuse it for every step'),
  sessionName: z.string().optional().describe('Human name of the session, e.g. "trip-planning"'),
  sessionPath: z.string().optional().describe('Where in the session tree this step is, e.g. "/plan/search"'),
  userId: z.string().optional().describe('The end user the call is for'),
  // A plain object (not a typed record): some clients reject schemas with type arrays.
  customProperties: jsonParam(z.looseObject({})).optional().describe('Labels to filter by later, e.g. {"topic": "travel", "attempt": 2}: string, number or boolean values'),
  prompt_id: z
    .string()
    .optional()
    .describe('A managed prompt (created with POST /v1/prompt-2025) that the gateway expands: its saved messages come first, then `messages`; its saved parameters are defaults that the ones given here override'),
  version_id: z.string().optional().describe('The prompt version id; production when neither version_id nor environment is given'),
  environment: z.string().optional().describe('The environment whose version to use, e.g. "production" or "staging" (wins over version_id)'),
  inputs: jsonParam(z.record(z.string(), z.unknown())).optional().describe('Values for the prompt\'s {{hc:name:type}} variables, e.g. {"city": "Paris", "days": 3}; a missing or mistyped one is a 400 naming it'),
  cache: z.boolean().optional().describe('Serve an identical earlier answer from the response cache'),
};

export function registerUseAiGateway(server: McpServer, client: GatewayClient): void {
  server.registerTool(
    'use_ai_gateway',
    {
      title: 'Call a model through the gateway',
      description:
        'Make an LLM request through the AI gateway, OpenAI Chat Completions style, for any provider (OpenAI, Anthropic, Gemini, Groq, … or "mock" offline). Every call is logged with its tokens, cost and latency; pass sessionId (and sessionPath for steps) to analyse a multi-step task later with query_sessions and get_session_trace. The answer starts with the request_id, for get_request or add_feedback.',
      inputSchema: useAiGatewayInput,
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true },
    },
    (input) =>
      runTool(async () => {
        const { sessionId, sessionName, sessionPath, userId, customProperties, cache, stream, ...rest } = input;
        if (!sessionId && (sessionName || sessionPath)) return errorResult('sessionName and sessionPath need a sessionId: pass the same sessionId for every step of the task.');
        if (!rest.messages?.length && !rest.prompt_id) return errorResult('Give messages (at least one), or a prompt_id to expand.');
        const properties = primitiveValues(customProperties);
        if (typeof properties === 'string') return errorResult(properties);
        const body = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as ChatRequest;
        const options = { session: sessionId ? { id: sessionId, name: sessionName, path: sessionPath } : undefined, userId, properties, cache };
        const { completion, requestId } = stream ? await client.chatCollected(body, options) : await client.chat(body, options);
        const choice = completion.choices?.[0];
        const answer = {
          request_id: requestId,
          model: completion.model,
          finish_reason: choice?.finish_reason ?? null,
          content: choice?.message.content ?? null,
          ...(choice?.message.tool_calls?.length ? { tool_calls: choice.message.tool_calls } : {}),
          usage: completion.usage ? { prompt_tokens: completion.usage.prompt_tokens, completion_tokens: completion.usage.completion_tokens } : null,
        };
        return textResult(JSON.stringify(answer));
      }),
  );
}
