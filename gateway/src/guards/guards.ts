/**
 * Helicone's prompt guards, run before the model call:
 *
 * - `Helicone-Moderations-Enabled: true`: the last user message goes to OpenAI's moderation
 *   endpoint (`POST {openai base URL}/moderations`, model omni-moderation-latest, the gateway's
 *   OpenAI key). Flagged → 400 PROMPT_FLAGGED_FOR_MODERATION. Helicone applies it to OpenAI
 *   requests only; Switchyard applies it whatever the provider. No OpenAI provider configured →
 *   400 invalid_request_error. A failing moderation call (network, non-2xx, bad JSON) fails open.
 * - `Helicone-LLM-Security-Enabled: true` (or `Helicone-LLM-Security-Advanced: true`, treated the
 *   same): the last user message is screened by a Llama-Guard style model (SWITCHYARD_GUARD_MODEL,
 *   a model string in the gateway's grammar) through the gateway's own attempts. An answer
 *   starting with "unsafe" → 400 PROMPT_THREAT_DETECTED. A failing guard fails open.
 *
 * Blocked requests answer Helicone's own body `{success: false, error: {code, message, details}}`.
 */
import type { Dispatcher } from 'undici';
import { request as undiciRequest } from 'undici';
import type { ChatRequest } from '../contract/chat.js';
import { type ErrorBody, GatewayError } from '../contract/errors.js';
import { HeaderError } from '../contract/helicone-headers.js';
import { messageText } from '../providers/mock/directives.js';
import type { ProviderResolution } from '../providers/catalog.js';
import { attemptsFor } from '../routing/build-attempts.js';
import { ClientCancelled, runAttempts } from '../pipeline/run-attempts.js';
import { readBody } from '../upstream/send.js';
import type { AttemptLog } from '../log/log-record.js';
import { abortSignalOf, type CancelSignal } from '../pipeline/client-signal.js';

export const guardHeaders = {
  moderations: 'helicone-moderations-enabled',
  llmSecurity: 'helicone-llm-security-enabled',
  llmSecurityAdvanced: 'helicone-llm-security-advanced',
} as const;

const labels: Record<string, string> = {
  [guardHeaders.moderations]: 'Helicone-Moderations-Enabled',
  [guardHeaders.llmSecurity]: 'Helicone-LLM-Security-Enabled',
  [guardHeaders.llmSecurityAdvanced]: 'Helicone-LLM-Security-Advanced',
};

export const defaultGuardModel = 'meta-llama/llama-guard-4-12b/groq';
export const moderationModel = 'omni-moderation-latest';
const moderationTimeoutMs = 10_000;

type RawHeaders = Record<string, string | string[] | undefined>;

export interface GuardOptions {
  moderation: boolean;
  llmSecurity: boolean;
}

function booleanHeader(headers: RawHeaders, name: string): boolean {
  const label = labels[name] ?? name;
  let value = headers[name];
  if (Array.isArray(value)) {
    if (value.length > 1) throw new HeaderError(label, `${label} was sent more than once; send it once`);
    value = value[0];
  }
  if (value === undefined) return false;
  const lower = value.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new HeaderError(label, `${label} must be "true" or "false", got "${value}"`);
}

/** Reads the guard headers; HeaderError (→ 400 invalid_header) on a value other than true/false. */
export function parseGuardHeaders(headers: RawHeaders): GuardOptions {
  const moderation = booleanHeader(headers, guardHeaders.moderations);
  const enabled = booleanHeader(headers, guardHeaders.llmSecurity);
  const advanced = booleanHeader(headers, guardHeaders.llmSecurityAdvanced);
  return { moderation, llmSecurity: enabled || advanced };
}

export type GuardCode = 'PROMPT_FLAGGED_FOR_MODERATION' | 'PROMPT_THREAT_DETECTED';

export interface HeliconeGuardBody {
  success: false;
  error: { code: GuardCode; message: string; details: string };
}

const guardMessages: Record<GuardCode, string> = {
  PROMPT_FLAGGED_FOR_MODERATION: 'The given prompt was flagged by the OpenAI Moderation endpoint.',
  PROMPT_THREAT_DETECTED: 'Prompt threat detected. Your request cannot be processed.',
};

export function guardBody(code: GuardCode, requestId: string): HeliconeGuardBody {
  return { success: false, error: { code, message: guardMessages[code], details: `See request ${requestId} in the log` } };
}

/** A blocked prompt: status 400 with Helicone's body (not the OpenAI-shaped one). */
export class GuardError extends GatewayError {
  constructor(
    readonly code: GuardCode,
    readonly requestId: string,
  ) {
    super(400, code, guardMessages[code]);
    this.name = 'GuardError';
  }

  /** Helicone's shape, answered and logged as is (sendError and the log both use toBody()). */
  override toBody(): ErrorBody {
    return guardBody(this.code, this.requestId) as unknown as ErrorBody;
  }
}

/** The text of the last user message (text parts joined by spaces). */
export function lastUserText(request: ChatRequest): string {
  const lastUser = [...request.messages].reverse().find((message) => message.role === 'user');
  return messageText(lastUser);
}

/** Llama Guard answers "safe", or "unsafe" followed by the violated categories. */
export function readGuardAnswer(answer: string | null | undefined): 'safe' | 'unsafe' | 'unknown' {
  const first = (answer ?? '').trim().toLowerCase();
  if (first.startsWith('unsafe')) return 'unsafe';
  return first === '' ? 'unknown' : 'safe';
}

/** Reads results[0].flagged from a moderation answer; undefined when the answer is not one. */
export function readModerationFlag(json: unknown): boolean | undefined {
  const results = (json as { results?: unknown })?.results;
  if (!Array.isArray(results) || results.length === 0) return undefined;
  const flagged = (results[0] as { flagged?: unknown })?.flagged;
  return typeof flagged === 'boolean' ? flagged : undefined;
}

export function llamaGuardPrompt(userText: string): string {
  return [
    'Task: Check if there is unsafe content in \'User\' messages in conversations according to our safety policy.',
    '',
    '<BEGIN CONVERSATION>',
    '',
    `User: ${userText}`,
    '',
    '<END CONVERSATION>',
    '',
    'Provide your safety assessment for ONLY THE LAST User message in the above conversation:',
    " - First line must read 'safe' or 'unsafe'.",
    ' - If unsafe, a second line must include a comma-separated list of violated categories.',
  ].join('\n');
}

function warn(msg: string, requestId: string, error: unknown): void {
  console.error(JSON.stringify({ level: 'warn', msg, requestId, error: String((error as Error)?.message ?? error) }));
}

export interface GuardContext {
  providers: ReadonlyMap<string, ProviderResolution>;
  pool: Dispatcher;
  env: NodeJS.ProcessEnv;
  requestId: string;
  signal: CancelSignal;
}

async function moderate(text: string, ctx: GuardContext): Promise<void> {
  const openai = ctx.providers.get('openai')?.config;
  if (!openai?.apiKey) {
    throw new GatewayError(
      400,
      'invalid_request_error',
      'Helicone-Moderations-Enabled: moderation needs OPENAI_API_KEY (the OpenAI moderation endpoint); set it or drop the header',
      'Helicone-Moderations-Enabled',
    );
  }
  let flagged: boolean | undefined;
  try {
    const response = await undiciRequest(`${openai.baseUrl}/moderations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${openai.apiKey}` },
      body: JSON.stringify({ input: text, model: moderationModel }),
      signal: AbortSignal.any([abortSignalOf(ctx.signal), AbortSignal.timeout(moderationTimeoutMs)]),
      dispatcher: ctx.pool,
    });
    const body = await readBody(response.body, 1024 * 1024);
    if (response.statusCode < 200 || response.statusCode >= 300) throw new Error(`moderation endpoint answered ${response.statusCode}`);
    flagged = readModerationFlag(JSON.parse(body));
    if (flagged === undefined) throw new Error('moderation answer has no results[0].flagged');
  } catch (error) {
    if (ctx.signal.aborted) throw new ClientCancelled();
    warn('moderation failed; the request proceeds (fail open)', ctx.requestId, error);
    return;
  }
  if (flagged) throw new GuardError('PROMPT_FLAGGED_FOR_MODERATION', ctx.requestId);
}

/** The guard model's attempts; a guard that cannot be called at all is the operator's to fix (a 400), not a silent pass. */
function guardAttempts(ctx: GuardContext): { model: string; attempts: ReturnType<typeof attemptsFor> } {
  const model = ctx.env.SWITCHYARD_GUARD_MODEL?.trim() || defaultGuardModel;
  let attempts: ReturnType<typeof attemptsFor>;
  try {
    attempts = attemptsFor(model, ctx.providers);
  } catch (error) {
    throw new GatewayError(400, 'invalid_request_error', `LLM security needs a guard model the gateway can call: ${(error as Error).message} (set SWITCHYARD_GUARD_MODEL)`, 'Helicone-LLM-Security-Enabled');
  }
  const missing = attempts.find((attempt) => !attempt.config);
  if (missing && attempts.every((attempt) => !attempt.config)) {
    throw new GatewayError(400, 'invalid_request_error', `LLM security needs its guard model ${model}: ${missing.unavailable} (or set SWITCHYARD_GUARD_MODEL)`, 'Helicone-LLM-Security-Enabled');
  }
  return { model, attempts };
}

async function screen(text: string, ctx: GuardContext): Promise<void> {
  const { model, attempts } = guardAttempts(ctx);
  let verdict: ReturnType<typeof readGuardAnswer>;
  try {
    const guardRequest: ChatRequest = { model, messages: [{ role: 'user', content: llamaGuardPrompt(text) }], temperature: 0 };
    const attemptLog: AttemptLog[] = [];
    const success = await runAttempts(attempts, guardRequest, false, ctx.signal, attemptLog, ctx.pool);
    const content = success.answer?.completion.choices[0]?.message.content;
    verdict = readGuardAnswer(typeof content === 'string' ? content : null);
    if (verdict === 'unknown') throw new Error('the guard model gave an empty answer');
  } catch (error) {
    if (error instanceof ClientCancelled || ctx.signal.aborted) throw new ClientCancelled();
    warn('LLM security guard failed; the request proceeds (fail open)', ctx.requestId, error);
    return;
  }
  if (verdict === 'unsafe') throw new GuardError('PROMPT_THREAT_DETECTED', ctx.requestId);
}

/**
 * Runs the guards the headers ask for (none without them: no work). Throws GuardError when the
 * prompt is blocked, HeaderError on a bad header value.
 */
export async function runGuards(headers: RawHeaders, request: ChatRequest, ctx: GuardContext): Promise<void> {
  const options = parseGuardHeaders(headers);
  if (!options.moderation && !options.llmSecurity) return;
  const text = lastUserText(request);
  if (options.moderation) await moderate(text, ctx);
  if (options.llmSecurity) await screen(text, ctx);
}
