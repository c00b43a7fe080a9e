/** OpenAI chat request -> Gemini `generateContent` request body. */
import type { ChatRequest } from '../../contract/chat.js';
import { convertGenerationConfig } from './convert-generation-config.js';
import { convertMessages } from './convert-messages.js';
import { convertToolChoice, convertTools } from './convert-tools.js';
import type { GeminiRequestBody } from './wire-types.js';

/** `model` is the provider-side model id; it decides whether function calls need a signature placeholder. */
export function convertRequest(request: ChatRequest, model: string): GeminiRequestBody {
  const { contents, systemInstruction } = convertMessages(request.messages, model);
  const tools = convertTools(request.tools);
  const toolConfig = convertToolChoice(request.tool_choice);
  const generationConfig = convertGenerationConfig(request);
  return {
    contents,
    ...(systemInstruction ? { systemInstruction } : {}),
    ...(tools ? { tools } : {}),
    ...(toolConfig ? { toolConfig } : {}),
    ...(generationConfig ? { generationConfig } : {}),
  };
}
