/**
 * Helicone's manual/async logging: turns one `HeliconeAsyncLogRequest` into the gateway's
 * LogRecord. Pure apart from generating a request id when none is given; the HTTP route checks
 * auth, reads the JSON body, calls manualLogToRecord, sets gatewayKeyId and stores the record.
 *
 * What the real `HeliconeManualLogger` (@helicone/helpers 1.8.3) sends, for every method:
 * - POST `<loggingEndpoint>`, where an endpoint ending in `/(custom|oai|anthropic|googleapis)/v1/log`
 *   has that route replaced, and any other endpoint gets `/custom/v1/log` appended. The route is
 *   `custom` unless `logRequest` is given a provider: "openai" -> `/oai/v1/log`, "anthropic" ->
 *   `/anthropic/v1/log`, "google" -> `/googleapis/v1/log` (others -> `/custom/v1/log`).
 * - Headers: `Authorization: Bearer <apiKey>`, `Content-Type: application/json`, then the logger's
 *   `headers`, then the call's additional headers (Helicone-User-Id, Helicone-Property-*, ...).
 * - Body: `{providerRequest: {url: "custom-model-nopath", json: {...request}, meta: {}},
 *   providerResponse: {headers: <the logger's headers>, status, json, textBody?},
 *   timing: {startTime: {seconds, milliseconds}, endTime: {...}, timeToFirstToken?}, provider?}`.
 *   An object response (logRequest's recorded results) is `json`, with the request's `_type`,
 *   `toolName` and `name` copied in; a string response (logSingleRequest, logSingleStream,
 *   logStream, logBuilder) is `textBody`, with `json: {}`. logBuilder sends status 500 after
 *   setError (textBody = error stack + "\n\n" + body) and -3 when the stream was cancelled.
 */
import type { PosthogDestination } from '../contract/helicone-headers.js';
import { newRequestId } from '../log/request-id.js';
import type { LogRecord } from '../log/log-record.js';
import { requestCost } from '../registry/request-cost.js';
import { readCustomEvent } from './custom-event.js';
import { detectProvider } from './provider.js';
import { readHeliconeHeaders } from './read-helicone-headers.js';
import { readResponse } from './read-response.js';
import { parseManualLog } from './schema.js';
import { readTiming } from './timing.js';

export { parseManualLog, manualLogSchema, type ManualLogPayload } from './schema.js';
export { readUsage } from './read-usage.js';
export { readCustomEvent, type CustomEvent, type CustomEventType } from './custom-event.js';
export { jsonValuesInText } from './read-text-body.js';
export { detectProvider } from './provider.js';

export interface ManualLogOptions {
  /** The path the log was posted to, e.g. `/custom/v1/log` (`/oai/v1/log` etc. hint the provider). */
  path: string;
  /** Epoch milliseconds: the request's start and end when the payload has no `timing`. */
  now: number;
  /** Id to use when the payload names none (default: a new random UUID). */
  requestId?: string;
}

const responseIdOf = (json: unknown): string | null =>
  json && typeof json === 'object' && typeof (json as { id?: unknown }).id === 'string' ? (json as { id: string }).id : null;

const modelName = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

function absoluteHttpUrl(url: string | null | undefined): string | null {
  if (!url || !URL.canParse(url)) return null;
  const protocol = new URL(url).protocol;
  return protocol === 'http:' || protocol === 'https:' ? url : null;
}

const isEmptyObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

/**
 * `textBody` when given (the SDKs send `json: {}` beside it), unless it is empty and `json` has
 * content; else `json` as JSON text; else null.
 */
function responseText(json: unknown, textBody: string | null | undefined): string | null {
  const hasJson = json !== undefined && json !== null;
  if (typeof textBody === 'string' && (textBody !== '' || !hasJson || isEmptyObject(json))) return textBody;
  return hasJson ? JSON.stringify(json) : null;
}

/**
 * @param body the parsed JSON request body (`HeliconeAsyncLogRequest`)
 * @param headers the HTTP request headers (Node's lowercased `req.headers`, or `req.headersDistinct`)
 * @param rawHeaders Node's `req.rawHeaders`, to keep custom property names as the client wrote them
 * @throws GatewayError 400 naming the bad field (`param`): a body that is not an object, a missing
 *   or mistyped field, a bad Helicone header or meta value (e.g. a Helicone-Request-Id that is not a UUID)
 */
export function manualLogToRecord(
  body: unknown,
  headers: Record<string, string | string[] | undefined>,
  rawHeaders: string[] | undefined,
  options: ManualLogOptions,
): LogRecord {
  return readManualLog(body, headers, rawHeaders, options).record;
}

/** manualLogToRecord, with where the log asked to be exported (Helicone-Posthog-Key, in headers or meta). */
export function readManualLog(
  body: unknown,
  headers: Record<string, string | string[] | undefined>,
  rawHeaders: string[] | undefined,
  options: ManualLogOptions,
): { record: LogRecord; posthog?: PosthogDestination } {
  const payload = parseManualLog(body);
  const { providerRequest: request, providerResponse: response } = payload;
  const { helicone, providerHint } = readHeliconeHeaders(headers, rawHeaders, request.meta);

  const event = readCustomEvent(request.json, response.json);
  const status = response.status ?? 200;
  const reading = readResponse(response, status);
  const timing = readTiming(payload.timing, options.now);

  const provider = event
    ? event.provider
    : detectProvider({ bodyProvider: payload.provider, url: request.url, headerProvider: providerHint, path: options.path });
  const requestModel = event ? event.model : modelName(request.json.model);
  const responseModel = event ? null : reading.model;
  const modelOverride = helicone.modelOverride ?? null;
  const usage = event ? null : reading.usage;

  const record: LogRecord = {
    requestId: helicone.requestId ?? options.requestId ?? newRequestId(),
    ...timing,
    status,
    errorMessage: reading.errorMessage,
    provider,
    path: options.path,
    targetUrl: absoluteHttpUrl(request.url),
    requestModel,
    responseModel,
    responseId: event ? null : responseIdOf(response.json),
    modelOverride,
    stream: request.json.stream === true,
    usage,
    costUsd: usage ? requestCost({ provider, requestModel, responseModel, modelOverride }, usage) : null,
    userId: helicone.userId ?? null,
    sessionId: helicone.sessionId ?? null,
    sessionPath: helicone.sessionPath ?? null,
    sessionName: helicone.sessionName ?? null,
    properties: helicone.properties,
    requestBody: helicone.omitRequest ? null : JSON.stringify(request.json),
    responseBody: helicone.omitResponse ? null : responseText(response.json, response.textBody),
    attempts: [],
    gatewayKeyId: null,
  };
  return helicone.posthog ? { record, posthog: helicone.posthog } : { record };
}
