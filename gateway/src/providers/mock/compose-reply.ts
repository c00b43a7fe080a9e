/**
 * What the mock answers, deterministically: a tool call when the request declares tools and the
 * conversation is waiting for one, a summary of the tool's result after it, and otherwise an
 * echo of the user's words. Token counts are estimated at four characters a token.
 */
import type { ChatMessage, ChatRequest, ToolCall, ToolDefinition } from '../../contract/chat.js';
import { type MockDirectives, messageText } from './directives.js';

export interface MockReply {
  content: string | null;
  toolCalls: ToolCall[];
  promptTokens: number;
  completionTokens: number;
}

const estimateTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

/** A sample value for a JSON schema: enough for a tool call that validates. */
function sampleFor(schema: unknown, name: string, stringValue?: string): unknown {
  const node = (schema ?? {}) as Record<string, unknown>;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  switch (type) {
    case 'string':
      return stringValue ?? `sample ${name}`;
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [sampleFor(node.items, name, stringValue)];
    case 'object': {
      const properties = (node.properties ?? {}) as Record<string, unknown>;
      const required = Array.isArray(node.required) ? (node.required as string[]) : Object.keys(properties);
      return Object.fromEntries(required.map((key) => [key, sampleFor(properties[key], key, stringValue)]));
    }
    default:
      return stringValue ?? `sample ${name}`;
  }
}

function pickTool(tools: ToolDefinition[], wanted: string | undefined): ToolDefinition | undefined {
  const functions = tools.filter((tool) => tool?.type === 'function' && tool.function?.name);
  if (wanted) return functions.find((tool) => tool.function.name === wanted);
  return functions[0];
}

/** What the tools answered since the user last spoke. */
function toolResultSummary(messages: ChatMessage[]): string {
  const lastUser = messages.map((message) => message.role).lastIndexOf('user');
  const calls = messages.flatMap((message) => message.tool_calls ?? []);
  const results = messages
    .slice(lastUser + 1)
    .filter((message) => message.role === 'tool')
    .map((message) => `${calls.find((call) => call.id === message.tool_call_id)?.function.name ?? 'tool'} returned ${messageText(message)}`);
  return `Based on the tools: ${results.join('; ')}.`;
}

export function composeReply(request: ChatRequest, directives: MockDirectives, userText: string): MockReply {
  const messages = request.messages;
  const promptTokens = estimateTokens(messages.map((message) => messageText(message)).join('\n'));
  const last = messages[messages.length - 1];
  const canCall = Boolean(request.tools?.length) && request.tool_choice !== 'none';
  let tool: ToolDefinition | undefined;
  if (canCall && directives.tools) {
    // One tool per step: the step is how many tool results followed the last user message.
    const lastUser = messages.map((message) => message.role).lastIndexOf('user');
    const step = messages.slice(lastUser + 1).filter((message) => message.role === 'tool').length;
    const name = directives.tools[step];
    tool = name ? pickTool(request.tools!, name) : undefined;
  } else if (canCall && last?.role !== 'tool') {
    tool = pickTool(request.tools!, directives.tool);
  }

  if (tool) {
    const args = JSON.stringify(sampleFor(tool.function.parameters ?? { type: 'object' }, tool.function.name, directives.arg));
    const toolCalls: ToolCall[] = [
      { id: `call_mock_${messages.length}`, type: 'function', function: { name: tool.function.name, arguments: args } },
    ];
    return { content: null, toolCalls, promptTokens, completionTokens: estimateTokens(tool.function.name + args) };
  }

  const content = directives.reply ?? (last?.role === 'tool' ? toolResultSummary(messages) : `Mock reply to: ${userText || '(empty message)'}`);
  return { content, toolCalls: [], promptTokens, completionTokens: estimateTokens(content) };
}
