/**
 * A validated Responses request -> the Chat Completions request the pipeline runs (routing,
 * guards, context limits, translated attempts). What chat cannot carry is noted as a refusal,
 * not thrown: OpenAI's own Responses API, on a native attempt, takes the body as it is.
 * The source request rides along under a symbol (never serialised) for the answer's echo fields.
 */
import type { ChatRequest } from '../contract/chat.js';
import type { ResponsesRequest } from '../contract/responses.js';
import { convertInput } from './convert-input.js';
import { convertTextFormat, convertToolChoice, convertTools } from './convert-tools.js';
import { type Refusal, Refusals } from './refusal.js';

const sourceKey = Symbol('responses request');

export interface Translation {
  chat: ChatRequest;
  /** Why a translated attempt must refuse this request, if it must. */
  refusal: Refusal | null;
}

/** Server-side state that only OpenAI keeps: the gateway stores no responses or conversations. */
const statefulFields: Array<[string, string]> = [
  ['previous_response_id', 'the gateway keeps no conversation state, so a previous response cannot be continued; send the whole conversation as input'],
  ['conversation', 'the gateway keeps no conversation state; send the whole conversation as input'],
  ['prompt', "OpenAI's stored prompts live at OpenAI"],
];

export function toChatRequest(request: ResponsesRequest): Translation {
  const refusals = new Refusals();
  for (const [field, reason] of statefulFields) {
    if (request[field] !== undefined && request[field] !== null) refusals.refuse(field, reason);
  }
  if (request.background === true) refusals.refuse('background', 'background responses are stored and polled at OpenAI');

  const chat: ChatRequest = { model: request.model, messages: convertInput(request, refusals) };
  if (chat.messages.length === 0) refusals.refuse('input', 'there is no message to send');
  const tools = convertTools(request.tools, refusals);
  if (tools) {
    chat.tools = tools as ChatRequest['tools'];
    // OpenAI refuses parallel_tool_calls without tools.
    if (typeof request.parallel_tool_calls === 'boolean') chat.parallel_tool_calls = request.parallel_tool_calls;
  }
  const toolChoice = convertToolChoice(request.tool_choice, refusals);
  if (toolChoice !== undefined) chat.tool_choice = toolChoice;
  const responseFormat = convertTextFormat(request.text);
  if (responseFormat) chat.response_format = responseFormat;
  if (typeof request.max_output_tokens === 'number') chat.max_completion_tokens = request.max_output_tokens;
  if (typeof request.temperature === 'number') chat.temperature = request.temperature;
  if (typeof request.top_p === 'number') chat.top_p = request.top_p;
  if (typeof request.reasoning?.effort === 'string') chat.reasoning_effort = request.reasoning.effort;
  if (typeof request.user === 'string') chat.user = request.user;
  if (request.stream === true) chat.stream = true;
  Object.defineProperty(chat, sourceKey, { value: request, enumerable: true });
  return { chat, refusal: refusals.first };
}

/** The Responses request a chat request was made from (kept through `{...request}` copies). */
export function sourceOf(chat: ChatRequest): ResponsesRequest | undefined {
  return (chat as { [sourceKey]?: ResponsesRequest })[sourceKey];
}
