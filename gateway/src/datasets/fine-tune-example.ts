/**
 * One logged chat request and its answer as an example in OpenAI's chat fine-tuning format:
 * `{"messages": [...the request's messages, the assistant's answer]}` (with the request's `tools`
 * and `parallel_tool_calls` when it had them). What cannot be an example is skipped, with why:
 * a failed request, a body not stored (Helicone-Omit-*), a request that is not a chat completion
 * (the Responses or Messages API, a manual log of something else) or an empty answer.
 */

export interface FineTuneExample {
  messages: Array<Record<string, unknown>>;
  tools?: unknown[];
  parallel_tool_calls?: boolean;
}

export type FineTuneResult = { example: FineTuneExample; skipped?: undefined } | { example?: undefined; skipped: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A body as stored: JSON text, or already parsed (the query rows parse it). */
function asJson(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

const roles = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);
/** The message fields fine-tuning reads; anything else a client sent (ids, cache hints) is dropped. */
const messageFields = ['role', 'content', 'name', 'tool_calls', 'tool_call_id', 'function_call'] as const;

function trainingMessage(message: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of messageFields) if (message[field] !== undefined) out[field] = message[field];
  // Fine-tuning takes system messages; developer is the newer name of the same role.
  if (out.role === 'developer') out.role = 'system';
  return out;
}

export function fineTuneExample(status: number, requestBody: unknown, responseBody: unknown): FineTuneResult {
  if (status < 200 || status >= 300) return { skipped: `the request failed (status ${status})` };
  if (requestBody === null || requestBody === undefined) return { skipped: 'no request body is stored' };
  const request = asJson(requestBody);
  if (!isObject(request)) return { skipped: 'the request body is not a JSON object' };
  if (!Array.isArray(request.messages) || request.messages.length === 0) return { skipped: 'the request is not a chat completion (no messages)' };
  const messages: Array<Record<string, unknown>> = [];
  for (const [index, message] of request.messages.entries()) {
    if (!isObject(message) || typeof message.role !== 'string' || !roles.has(message.role)) {
      return { skipped: `the request's messages[${index}] is not a chat message` };
    }
    messages.push(trainingMessage(message));
  }
  if (responseBody === null || responseBody === undefined) return { skipped: 'no response body is stored' };
  const response = asJson(responseBody);
  const choices = isObject(response) ? response.choices : undefined;
  const answer = Array.isArray(choices) && isObject(choices[0]) ? choices[0].message : undefined;
  if (!isObject(answer)) return { skipped: 'the response is not a chat completion (no choices[0].message)' };
  const toolCalls = Array.isArray(answer.tool_calls) && answer.tool_calls.length > 0 ? answer.tool_calls : undefined;
  const content = typeof answer.content === 'string' && answer.content !== '' ? answer.content : undefined;
  if (content === undefined && toolCalls === undefined) return { skipped: 'the answer is empty (no content or tool calls)' };
  messages.push({ role: 'assistant', ...(content !== undefined ? { content } : {}), ...(toolCalls ? { tool_calls: toolCalls } : {}) });
  const example: FineTuneExample = { messages };
  if (Array.isArray(request.tools) && request.tools.length > 0) example.tools = request.tools;
  if (typeof request.parallel_tool_calls === 'boolean') example.parallel_tool_calls = request.parallel_tool_calls;
  return { example };
}

/** The text of a message's content: a string, or its text parts joined. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((part): part is { text: string } => isObject(part) && typeof part.text === 'string')
    .map((part) => part.text)
    .join('\n');
}
