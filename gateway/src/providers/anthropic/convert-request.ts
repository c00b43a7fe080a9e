/**
 * OpenAI chat request -> Anthropic Messages request body. Only fields Anthropic understands are
 * sent: it rejects unknown top-level fields, so OpenAI-only options are dropped.
 */
import type { AdapterContext } from '../types.js';
import { convertMessages } from './convert-messages.js';
import { convertToolChoice, convertTools } from './convert-tools.js';
import type { AnthropicRequestBody } from './wire-types.js';

/** Anthropic requires max_tokens; OpenAI clients usually leave it out. */
export const DEFAULT_MAX_TOKENS = 4096;

export function convertRequest(ctx: AdapterContext): AnthropicRequestBody {
  const { request } = ctx;
  const { system, messages } = convertMessages(request.messages);

  const body: AnthropicRequestBody = {
    model: ctx.model,
    messages,
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? DEFAULT_MAX_TOKENS,
  };
  if (system !== undefined) body.system = system;
  if (typeof request.temperature === 'number') body.temperature = request.temperature;
  if (typeof request.top_p === 'number') body.top_p = request.top_p;

  const stop = stopSequences(request.stop);
  if (stop) body.stop_sequences = stop;

  const tools = convertTools(request.tools);
  if (tools) {
    body.tools = tools;
    // Anthropic refuses a tool_choice without tools, so it is only sent alongside them.
    const toolChoice = convertToolChoice(request.tool_choice, request.parallel_tool_calls);
    if (toolChoice) body.tool_choice = toolChoice;
  }

  const userId = [request.user, request.safety_identifier, request.prompt_cache_key].find(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  if (userId) body.metadata = { user_id: userId };

  if (ctx.stream) body.stream = true;
  return body;
}

function stopSequences(stop: unknown): string[] | undefined {
  const list = typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop : [];
  const sequences = list.filter((value): value is string => typeof value === 'string' && value.length > 0);
  return sequences.length > 0 ? sequences : undefined;
}
