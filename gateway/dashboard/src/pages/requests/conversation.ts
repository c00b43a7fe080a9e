/**
 * Reads a logged request and response as one conversation, whatever API the client spoke: OpenAI
 * Chat Completions, Anthropic Messages or OpenAI Responses. Text, images, tool calls and tool
 * results become parts; anything unrecognised is left to the raw bodies below it.
 */

export type Part =
  | { kind: 'text'; text: string }
  | { kind: 'image'; url: string }
  | { kind: 'tool_call'; name: string; arguments: string; id?: string }
  | { kind: 'tool_result'; id?: string; text: string };

export interface Message {
  role: string;
  parts: Part[];
  /** Part of the answer rather than of the request. */
  fromResponse?: boolean;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));

/** OpenAI's content: a string or parts (text, image_url, input_text, input_image, output_text …). */
function contentParts(content: unknown): Part[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content ? [{ kind: 'text', text: content }] : [];
  if (!Array.isArray(content)) return [{ kind: 'text', text: asText(content) }];
  return content.flatMap((part): Part[] => {
    if (!isObject(part)) return [{ kind: 'text', text: asText(part) }];
    if (typeof part.text === 'string') return [{ kind: 'text', text: part.text }];
    if (typeof part.refusal === 'string') return [{ kind: 'text', text: `Refused: ${part.refusal}` }];
    const imageUrl = isObject(part.image_url) ? part.image_url.url : part.image_url;
    if (typeof imageUrl === 'string') return [{ kind: 'image', url: imageUrl }];
    if (part.type === 'image' && isObject(part.source)) return [anthropicImage(part.source)];
    if (part.type === 'tool_use') return [{ kind: 'tool_call', name: String(part.name), arguments: asText(part.input ?? {}), id: String(part.id ?? '') }];
    if (part.type === 'tool_result') return [{ kind: 'tool_result', id: String(part.tool_use_id ?? ''), text: toolResultText(part.content) }];
    if (part.type === 'thinking' && typeof part.thinking === 'string') return [{ kind: 'text', text: `(thinking) ${part.thinking}` }];
    return [{ kind: 'text', text: asText(part) }];
  });
}

function anthropicImage(source: Json): Part {
  if (source.type === 'base64') return { kind: 'image', url: `data:${String(source.media_type)};base64,${String(source.data)}` };
  return { kind: 'image', url: String(source.url ?? '') };
}

function toolResultText(content: unknown): string {
  if (Array.isArray(content)) return content.map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : asText(part))).join('\n');
  return asText(content ?? '');
}

function toolCalls(calls: unknown): Part[] {
  if (!Array.isArray(calls)) return [];
  return calls.filter(isObject).map((call) => {
    const fn = isObject(call.function) ? call.function : {};
    return { kind: 'tool_call', name: String(fn.name ?? call.name ?? 'tool'), arguments: asText(fn.arguments ?? call.arguments ?? ''), id: String(call.id ?? '') };
  });
}

/** A Chat Completions or Messages message. */
function chatMessage(message: Json, fromResponse = false): Message {
  const parts = [...contentParts(message.content), ...toolCalls(message.tool_calls)];
  if (message.role === 'tool') return { role: 'tool', parts: [{ kind: 'tool_result', id: String(message.tool_call_id ?? ''), text: toolResultText(message.content) }], fromResponse };
  return { role: String(message.role ?? 'unknown'), parts, fromResponse };
}

/** A Responses API input or output item. */
function responsesItem(item: Json, fromResponse: boolean): Message | undefined {
  if (item.type === 'function_call') return { role: 'assistant', parts: [{ kind: 'tool_call', name: String(item.name), arguments: asText(item.arguments ?? ''), id: String(item.call_id ?? '') }], fromResponse };
  if (item.type === 'function_call_output') return { role: 'tool', parts: [{ kind: 'tool_result', id: String(item.call_id ?? ''), text: asText(item.output ?? '') }], fromResponse };
  if (item.type === 'reasoning') return undefined;
  if ('role' in item) return { role: String(item.role), parts: contentParts(item.content), fromResponse };
  return { role: String(item.type ?? 'item'), parts: [{ kind: 'text', text: asText(item) }], fromResponse };
}

function requestMessages(body: Json): Message[] {
  const messages: Message[] = [];
  // Anthropic's system prompt and the Responses API's instructions sit outside the messages.
  if (body.system !== undefined) messages.push({ role: 'system', parts: contentParts(body.system) });
  if (typeof body.instructions === 'string') messages.push({ role: 'system', parts: [{ kind: 'text', text: body.instructions }] });
  if (Array.isArray(body.messages)) messages.push(...body.messages.filter(isObject).map((message) => chatMessage(message)));
  if (typeof body.input === 'string') messages.push({ role: 'user', parts: [{ kind: 'text', text: body.input }] });
  else if (Array.isArray(body.input)) messages.push(...body.input.filter(isObject).flatMap((item) => responsesItem(item, false) ?? []));
  return messages;
}

function responseMessages(body: Json): Message[] {
  // Chat Completions.
  if (Array.isArray(body.choices)) {
    return body.choices.filter(isObject).flatMap((choice) => (isObject(choice.message) ? [chatMessage(choice.message, true)] : []));
  }
  // Anthropic Messages.
  if (body.type === 'message' && Array.isArray(body.content)) return [{ role: String(body.role ?? 'assistant'), parts: contentParts(body.content), fromResponse: true }];
  // OpenAI Responses.
  if (Array.isArray(body.output)) return body.output.filter(isObject).flatMap((item) => responsesItem(item, true) ?? []);
  return [];
}

/** The conversation, or an empty list when neither body has a shape this reader knows. */
export function readConversation(requestBody: unknown, responseBody: unknown): Message[] {
  const messages = isObject(requestBody) ? requestMessages(requestBody) : [];
  if (isObject(responseBody)) messages.push(...responseMessages(responseBody));
  return messages.filter((message) => message.parts.length > 0);
}
