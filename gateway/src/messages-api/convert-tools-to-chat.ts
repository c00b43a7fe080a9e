/**
 * Anthropic tools and tool_choice -> Chat Completions tools, tool_choice and parallel_tool_calls:
 * the reverse of the anthropic adapter's convert-tools.ts.
 */
import type { ToolDefinition } from '../contract/chat.js';
import type { MessagesTool, MessagesToolChoice } from '../contract/messages.js';

/**
 * Client tools (those with an input_schema) become functions. Anthropic's server tools
 * (web_search, code_execution, …) run on Anthropic's side only, so they are left out here.
 */
export function convertToolsToChat(tools: MessagesTool[] | undefined): ToolDefinition[] | undefined {
  const converted: ToolDefinition[] = [];
  for (const tool of tools ?? []) {
    if (!tool.input_schema) continue;
    const fn: ToolDefinition['function'] = { name: tool.name, parameters: tool.input_schema };
    if (tool.description !== undefined) fn.description = tool.description;
    converted.push({ type: 'function', function: fn });
  }
  return converted.length > 0 ? converted : undefined;
}

export interface ChatToolChoice {
  tool_choice?: 'auto' | 'required' | 'none' | { type: 'function'; function: { name: string } };
  parallel_tool_calls?: false;
}

export function convertToolChoiceToChat(choice: MessagesToolChoice | undefined): ChatToolChoice {
  if (!choice) return {};
  const out: ChatToolChoice = {};
  if (choice.type === 'auto') out.tool_choice = 'auto';
  else if (choice.type === 'any') out.tool_choice = 'required';
  else if (choice.type === 'none') out.tool_choice = 'none';
  else out.tool_choice = { type: 'function', function: { name: choice.name! } };
  if (choice.disable_parallel_tool_use === true && choice.type !== 'none') out.parallel_tool_calls = false;
  return out;
}
