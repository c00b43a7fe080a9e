/**
 * OpenAI tools and tool_choice -> Anthropic tools and tool_choice.
 */
import type { AnthropicTool, AnthropicToolChoice } from './wire-types.js';
import { isRecord } from './is-record.js';

/** Function tools only; Anthropic requires an input_schema even for tools without parameters. */
export function convertTools(tools: unknown): AnthropicTool[] | undefined {
  if (!Array.isArray(tools)) return undefined;
  const converted: AnthropicTool[] = [];
  for (const tool of tools) {
    if (!isRecord(tool) || tool.type !== 'function' || !isRecord(tool.function)) continue;
    const fn = tool.function;
    if (typeof fn.name !== 'string') continue;
    const out: AnthropicTool = {
      name: fn.name,
      input_schema: isRecord(fn.parameters) ? fn.parameters : { type: 'object', properties: {} },
    };
    if (typeof fn.description === 'string') out.description = fn.description;
    if (isRecord(tool.cache_control)) out.cache_control = tool.cache_control;
    converted.push(out);
  }
  return converted.length > 0 ? converted : undefined;
}

/**
 * OpenAI's `parallel_tool_calls: false` has no field of its own in Anthropic; it rides on the
 * tool_choice as disable_parallel_tool_use (with "auto" when the client gave no tool_choice).
 */
export function convertToolChoice(toolChoice: unknown, parallelToolCalls: unknown): AnthropicToolChoice | undefined {
  const choice = baseToolChoice(toolChoice);
  if (parallelToolCalls !== false) return choice;
  const withDefault = choice ?? { type: 'auto' };
  // "none" calls no tools at all, so there is nothing to serialise.
  if (withDefault.type === 'none') return withDefault;
  return { ...withDefault, disable_parallel_tool_use: true };
}

function baseToolChoice(toolChoice: unknown): AnthropicToolChoice | undefined {
  if (toolChoice === 'auto') return { type: 'auto' };
  if (toolChoice === 'required') return { type: 'any' };
  if (toolChoice === 'none') return { type: 'none' };
  if (isRecord(toolChoice) && toolChoice.type === 'function' && isRecord(toolChoice.function)) {
    const name = toolChoice.function.name;
    if (typeof name === 'string') return { type: 'tool', name };
  }
  return undefined;
}
