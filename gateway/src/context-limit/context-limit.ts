/**
 * Helicone's `Helicone-Token-Limit-Exception-Handler` (gateway-spec §3.6): when the request's
 * estimated prompt tokens (plus the requested output) exceed the model's context window, shorten
 * the request (`truncate`, `middle-out`) or switch to the second model of `"a, b"` (`fallback`).
 * Runs after validation and before the attempts are built; returns a new request, never mutates.
 * Unknown models (not in the registry) are left alone: their window is unknown.
 */
import type { ChatMessage, ChatRequest, ContentPart } from '../contract/chat.js';
import { HeaderError } from '../contract/helicone-headers.js';
import { findModel } from '../registry/registry.js';

export const tokenLimitHeader = 'helicone-token-limit-exception-handler';
export const tokenLimitLabel = 'Helicone-Token-Limit-Exception-Handler';
/** Property recorded on the log when a handler acted (the request was over the window). */
export const tokenLimitAppliedProperty = 'Helicone-Token-Limit-Applied';

export const tokenLimitHandlers = ['truncate', 'middle-out', 'fallback'] as const;
export type TokenLimitHandler = (typeof tokenLimitHandlers)[number];

type RawHeaders = Record<string, string | string[] | undefined>;

/** Characters per token in the heuristic estimate. */
export const charsPerToken = 4;
/** Tokens added per message for role and framing. */
export const perMessageOverhead = 4;
/** Tokens added once per request (the reply's priming). */
export const perRequestOverhead = 3;
/** Tokens counted for each non-text content part (image, audio, file). */
export const nonTextPartTokens = 85;

/** The handler the request asks for; undefined without the header; HeaderError when unknown. */
export function parseTokenLimitHandler(headers: RawHeaders): TokenLimitHandler | undefined {
  let value = headers[tokenLimitHeader];
  if (Array.isArray(value)) {
    if (value.length > 1) throw new HeaderError(tokenLimitLabel, `${tokenLimitLabel} was sent more than once; send it once`);
    value = value[0];
  }
  if (value === undefined) return undefined;
  const handler = value.trim().toLowerCase();
  if ((tokenLimitHandlers as readonly string[]).includes(handler)) return handler as TokenLimitHandler;
  throw new HeaderError(tokenLimitLabel, `${tokenLimitLabel} must be one of ${tokenLimitHandlers.join(', ')}, got "${value}"`);
}

const textTokens = (text: string): number => Math.ceil(text.length / charsPerToken);

/** The text parts of a message's content, in order, as [text] strings. */
function contentTokens(content: ChatMessage['content']): number {
  if (typeof content === 'string') return textTokens(content);
  if (!Array.isArray(content)) return 0;
  let tokens = 0;
  for (const part of content as ContentPart[]) tokens += typeof part.text === 'string' ? textTokens(part.text) : nonTextPartTokens;
  return tokens;
}

/**
 * The heuristic estimate for one message: ceil(characters / 4) over its text (string content or
 * text parts; other parts count 85 each), its name and tool calls, plus 4 tokens of overhead.
 */
export function estimateMessageTokens(message: ChatMessage): number {
  let tokens = perMessageOverhead + contentTokens(message.content);
  if (typeof message.name === 'string') tokens += textTokens(message.name);
  for (const call of message.tool_calls ?? []) tokens += textTokens(`${call.function?.name ?? ''}${call.function?.arguments ?? ''}`);
  return tokens;
}

/**
 * The estimated prompt tokens of a request: the messages (see estimateMessageTokens), the tool
 * definitions as JSON at 4 characters a token, and 3 tokens for the reply's priming.
 */
export function estimatePromptTokens(request: Pick<ChatRequest, 'messages' | 'tools'>): number {
  let tokens = perRequestOverhead;
  for (const message of request.messages) tokens += estimateMessageTokens(message);
  if (request.tools?.length) tokens += textTokens(JSON.stringify(request.tools));
  return tokens;
}

/** Output tokens to reserve: max_completion_tokens, else max_tokens, else 0. */
export function reservedOutputTokens(request: ChatRequest): number {
  for (const value of [request.max_completion_tokens, request.max_tokens]) {
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.floor(value);
  }
  return 0;
}

/** The model entries of a model string (exclusions "!provider" left out), trimmed. */
function modelEntries(model: string): string[] {
  return model
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '' && !entry.startsWith('!'));
}

function exclusions(model: string): string[] {
  return model
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith('!'));
}

/**
 * The context window of one model entry ("gpt-4o", "gpt-4o/openai", "gpt-4o/azure/deployment"):
 * the registry's contextLength for the model part; undefined when the model is unknown.
 */
export function contextWindowOf(entry: string): number | undefined {
  const name = entry.trim();
  const direct = findModel(name);
  if (direct) return direct.contextLength;
  // model/provider[/deployment]: try the longest prefix first (model ids may contain slashes).
  const segments = name.split('/');
  for (let end = segments.length - 1; end >= 1; end--) {
    const found = findModel(segments.slice(0, end).join('/'));
    if (found) return found.contextLength;
  }
  return undefined;
}

export interface ContextLimitResult {
  request: ChatRequest;
  /** The handler that acted (the request was over the window), else undefined. */
  applied?: TokenLimitHandler;
  /** Estimated prompt tokens before the handler ran (undefined when nothing was estimated). */
  estimatedTokens?: number;
}

const fits = (request: ChatRequest, budget: number): boolean => estimatePromptTokens(request) <= budget;

/**
 * Applies the handler named by the header. Without the header, or for unknown models, the request
 * is returned as is. truncate / middle-out use the smallest known window among the model entries
 * (any of them may answer); fallback compares against the first entry's window.
 */
export function applyContextLimit(request: ChatRequest, headers: RawHeaders): ContextLimitResult {
  const handler = parseTokenLimitHandler(headers);
  if (!handler) return { request };
  const entries = modelEntries(request.model);
  const reserve = reservedOutputTokens(request);

  if (handler === 'fallback') {
    if (entries.length === 0) return { request };
    const window = contextWindowOf(entries[0]!);
    if (window === undefined) return { request };
    const estimatedTokens = estimatePromptTokens(request);
    const over = estimatedTokens + reserve > window;
    const chosen = over && entries.length > 1 ? entries[1]! : entries[0]!;
    const model = [chosen, ...exclusions(request.model)].join(',');
    return { request: { ...request, model }, applied: over ? 'fallback' : undefined, estimatedTokens };
  }

  const windows = entries.map(contextWindowOf).filter((window): window is number => window !== undefined);
  if (windows.length === 0) return { request };
  const budget = Math.min(...windows) - reserve;
  const estimatedTokens = estimatePromptTokens(request);
  if (estimatedTokens <= budget) return { request, estimatedTokens };
  // The output reservation alone fills the window: shortening the prompt cannot help.
  if (budget <= 0) return { request, estimatedTokens };
  const messages = handler === 'truncate' ? truncateMessages(request, budget) : middleOut(request, budget);
  return { request: { ...request, messages }, applied: handler, estimatedTokens };
}

// ── Shortening one message's text ───────────────────────────────────────────────────────────────

/** Removes about `tokens` tokens of text from the message, from the end ('end') or the middle. */
function shortenMessage(message: ChatMessage, tokens: number, where: 'end' | 'middle'): ChatMessage {
  const cut = (text: string, remove: number): string => {
    const keep = Math.max(0, text.length - remove);
    if (where === 'end') return text.slice(0, keep);
    const head = Math.ceil(keep / 2);
    return text.slice(0, head) + text.slice(text.length - (keep - head));
  };
  let chars = tokens * charsPerToken;
  if (typeof message.content === 'string') return { ...message, content: cut(message.content, chars) };
  if (!Array.isArray(message.content)) return message;
  const parts = (message.content as ContentPart[]).map((part) => ({ ...part }));
  // Text parts from the last one back (end), or the longest first (middle).
  const order = parts.map((_, index) => index).filter((index) => typeof parts[index]!.text === 'string');
  if (where === 'end') order.reverse();
  else order.sort((a, b) => parts[b]!.text!.length - parts[a]!.text!.length);
  for (const index of order) {
    if (chars <= 0) break;
    const text = parts[index]!.text!;
    const removed = Math.min(text.length, chars);
    parts[index]!.text = cut(text, removed);
    chars -= removed;
  }
  return { ...message, content: parts };
}

const isSystem = (message: ChatMessage): boolean => message.role === 'system' || message.role === 'developer';

/**
 * truncate: shortens message contents, cutting the end of the text, oldest non-system messages
 * first, then (only if still over) the system messages, until the estimate fits the budget.
 * Best effort: tool definitions and tool calls are never cut, so a request may stay over.
 */
export function truncateMessages(request: ChatRequest, budget: number): ChatMessage[] {
  const messages = [...request.messages];
  const order = [...messages.keys()].sort((a, b) => Number(isSystem(messages[a]!)) - Number(isSystem(messages[b]!)) || a - b);
  for (const index of order) {
    const excess = estimatePromptTokens({ ...request, messages }) - budget;
    if (excess <= 0) break;
    messages[index] = shortenMessage(messages[index]!, excess, 'end');
  }
  return messages;
}

/**
 * middle-out: keeps the leading system/developer messages, the first user message and the last
 * message; removes whole messages from the middle of the rest (the one nearest the middle first),
 * keeping an assistant tool call and its tool results together. If the kept messages alone are
 * still over, cuts the middle out of the longest texts (non-system first, then system).
 */
export function middleOut(request: ChatRequest, budget: number): ChatMessage[] {
  const all = request.messages;
  let head = 0;
  while (head < all.length && isSystem(all[head]!)) head++;
  const firstUser = all.findIndex((message, index) => index >= head && message.role === 'user');
  if (firstUser === head) head++;
  // Units: a message, or an assistant message with tool calls plus the tool messages after it.
  const units: ChatMessage[][] = [];
  for (let index = head; index < all.length; index++) {
    const message = all[index]!;
    if (message.role === 'tool' && units.length > 0 && units[units.length - 1]!.some((m) => m.tool_calls?.length)) {
      units[units.length - 1]!.push(message);
    } else units.push([message]);
  }
  const last = units.pop();
  const headMessages = all.slice(0, head);
  const build = (): ChatMessage[] => [...headMessages, ...units.flat(), ...(last ?? [])];
  while (units.length > 0 && !fits({ ...request, messages: build() }, budget)) units.splice(Math.floor(units.length / 2), 1);
  const messages = build();

  // Still over: cut the middle out of the longest texts, non-system messages before system ones.
  const order = [...messages.keys()].sort(
    (a, b) => Number(isSystem(messages[a]!)) - Number(isSystem(messages[b]!)) || contentTokens(messages[b]!.content) - contentTokens(messages[a]!.content),
  );
  for (const index of order) {
    const excess = estimatePromptTokens({ ...request, messages }) - budget;
    if (excess <= 0) break;
    messages[index] = shortenMessage(messages[index]!, excess, 'middle');
  }
  return messages;
}
