/**
 * A validated Messages request -> the Chat Completions request the pipeline runs (routing,
 * guards, context limits, cache, log) and that translated providers receive. Only fields Chat
 * Completions knows are set: OpenAI-compatible providers get this body as it is.
 */
import type { ChatMessage, ChatRequest } from '../contract/chat.js';
import type { CountTokensRequest, MessagesRequest } from '../contract/messages.js';
import { convertMessagesToChat } from './convert-messages-to-chat.js';
import { convertToolChoiceToChat, convertToolsToChat } from './convert-tools-to-chat.js';

/**
 * Message lists translated straight from a client's body. The native path sends the client's
 * own messages only while the pipeline still holds one of these; a context-limit handler that
 * shortened the conversation replaces the list, and every attempt is then translated.
 */
const untouchedMessages = new WeakSet<ChatMessage[]>();

export function isUntouched(messages: ChatMessage[]): boolean {
  return untouchedMessages.has(messages);
}

/** The prompt alone (model, system, messages, tools): what count_tokens estimates. */
export function promptToChat(request: CountTokensRequest): ChatRequest {
  const messages = convertMessagesToChat(request.system, request.messages);
  untouchedMessages.add(messages);
  const chat: ChatRequest = { model: request.model, messages };
  const tools = convertToolsToChat(request.tools);
  if (tools) Object.assign(chat, { tools }, convertToolChoiceToChat(request.tool_choice));
  return chat;
}

export function toChatRequest(request: MessagesRequest): ChatRequest {
  const chat = promptToChat(request);
  chat.max_tokens = request.max_tokens;
  if (request.stream === true) chat.stream = true;
  if (request.temperature !== undefined) chat.temperature = request.temperature;
  if (request.top_p !== undefined) chat.top_p = request.top_p;
  if (request.stop_sequences?.length) chat.stop = request.stop_sequences;
  if (typeof request.metadata?.user_id === 'string' && request.metadata.user_id) chat.user = request.metadata.user_id;
  return chat;
}
