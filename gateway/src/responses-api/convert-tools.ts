/**
 * Responses tools, tool_choice and text.format -> their Chat Completions forms. Responses puts a
 * function's name and schema on the tool itself; chat nests them under `function`. Only
 * function tools translate: OpenAI's hosted tools (web_search, file_search, code_interpreter,
 * mcp, …) run inside OpenAI.
 */
import type { ToolDefinition } from '../contract/chat.js';
import type { FunctionTool, JsonSchemaFormat, ResponsesRequest } from '../contract/responses.js';
import type { Refusals } from './refusal.js';

export function convertTools(tools: ResponsesRequest['tools'], refusals: Refusals): ToolDefinition[] | undefined {
  if (!tools?.length) return undefined;
  const converted: ToolDefinition[] = [];
  for (const [index, tool] of tools.entries()) {
    if (tool.type !== 'function') {
      refusals.refuse(`tools[${index}].type`, `tools of type "${tool.type}" run inside OpenAI and cannot be translated; only "function" tools can`);
      continue;
    }
    const { name, description, parameters, strict } = tool as FunctionTool;
    converted.push({
      type: 'function',
      function: {
        name,
        ...(typeof description === 'string' ? { description } : {}),
        ...(parameters ? { parameters } : {}),
        ...(typeof strict === 'boolean' ? { strict } : {}),
      },
    });
  }
  return converted.length ? converted : undefined;
}

export function convertToolChoice(choice: ResponsesRequest['tool_choice'], refusals: Refusals): unknown {
  if (choice === null || choice === undefined || typeof choice === 'string') return choice ?? undefined;
  if (choice.type === 'function' && typeof choice.name === 'string') return { type: 'function', function: { name: choice.name } };
  refusals.refuse('tool_choice.type', `tool_choice of type "${choice.type}" cannot be translated; use "auto", "required", "none" or {"type": "function", "name": "…"}`);
  return undefined;
}

/** text.format -> response_format; plain text needs no field. */
export function convertTextFormat(text: ResponsesRequest['text']): Record<string, unknown> | undefined {
  const format = text?.format;
  if (format?.type === 'json_object') return { type: 'json_object' };
  if (format?.type !== 'json_schema') return undefined;
  const { name, schema, description, strict } = format as JsonSchemaFormat;
  return {
    type: 'json_schema',
    json_schema: { name, schema, ...(typeof description === 'string' ? { description } : {}), ...(typeof strict === 'boolean' ? { strict } : {}) },
  };
}
