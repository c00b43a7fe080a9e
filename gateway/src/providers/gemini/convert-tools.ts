/** OpenAI `tools` and `tool_choice` -> Gemini `tools` (function declarations) and `toolConfig`. */
import type { ToolDefinition } from '../../contract/chat.js';
import type { GeminiFunctionDeclaration, GeminiRequestBody, GeminiToolConfig } from './wire-types.js';

export function convertTools(tools: ToolDefinition[] | undefined): GeminiRequestBody['tools'] {
  if (!Array.isArray(tools)) return undefined;
  const declarations: GeminiFunctionDeclaration[] = tools.flatMap((tool) => {
    if (tool?.type !== 'function' || typeof tool.function?.name !== 'string') return [];
    const { name, description, parameters } = tool.function;
    return [
      {
        name,
        ...(description ? { description } : {}),
        // parametersJsonSchema accepts full JSON Schema, so OpenAI schemas pass unchanged.
        ...(parameters ? { parametersJsonSchema: parameters } : {}),
      },
    ];
  });
  return declarations.length > 0 ? [{ functionDeclarations: declarations }] : undefined;
}

export function convertToolChoice(choice: unknown): GeminiToolConfig | undefined {
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  const name = (choice as { type?: unknown; function?: { name?: unknown } } | null | undefined)?.function?.name;
  if (typeof name === 'string') return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [name] } };
  return undefined;
}
