/**
 * Helicone's manual/async log payload (`HeliconeAsyncLogRequest`, POST `/custom/v1/log`), as a
 * zod schema, and the parser that turns a request body into it or a 400 naming the bad field.
 *
 * Lenient where Helicone is: unknown fields are kept, `meta`, `headers`, `status`, `url` and
 * `timing` may be absent. Strict where a wrong type would log garbage: `providerRequest.json` must
 * be an object, `status` an integer, `textBody` a string, times real times.
 */
import { z } from 'zod';
import { GatewayError } from '../contract/errors.js';
import { bodyValidationError } from '../contract/validation-error.js';
import { epochTimeSchema } from './epoch-time.js';

const jsonObject = (field: string) => z.looseObject({}, { error: `${field} must be a JSON object` });

export const providerRequestSchema = z.looseObject(
  {
    /** The SDKs send "custom-model-nopath"; a real provider URL is kept as the target URL. */
    url: z.string({ error: 'providerRequest.url must be a string' }).nullish(),
    /** The request body sent to the model (or a `_type` tool / vector_db / data event). */
    json: jsonObject('providerRequest.json'),
    /** Helicone headers given in the body, e.g. {"Helicone-User-Id": "u1"}. Numbers and booleans are read as text. */
    meta: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()], { error: 'each providerRequest.meta value must be a string' }), {
        error: 'providerRequest.meta must be an object of header names to strings',
      })
      .nullish(),
  },
  { error: 'providerRequest must be an object with "json" (the request body sent to the model)' },
);

export const providerResponseSchema = z.looseObject(
  {
    /** The response body, when it was JSON. */
    json: z.union([z.looseObject({}), z.array(z.unknown())], { error: 'providerResponse.json must be a JSON object or array' }).nullish(),
    /** The response body as text: a string response, or a stream's text (SSE or one JSON chunk per line). */
    textBody: z.string({ error: 'providerResponse.textBody must be a string' }).nullish(),
    /** HTTP status of the response; -3 means the client cancelled. Default 200. */
    status: z
      .number({ error: 'providerResponse.status must be an integer HTTP status, e.g. 200' })
      .int('providerResponse.status must be an integer HTTP status, e.g. 200')
      .min(-100, 'providerResponse.status must be an HTTP status between -100 and 999')
      .max(999, 'providerResponse.status must be an HTTP status between -100 and 999')
      .nullish(),
    /** The provider's response headers: not logged. */
    headers: z.record(z.string(), z.unknown(), { error: 'providerResponse.headers must be an object' }).nullish(),
  },
  { error: 'providerResponse must be an object with "status" and "json" or "textBody"' },
);

export const timingSchema = z.looseObject(
  {
    startTime: epochTimeSchema,
    endTime: epochTimeSchema,
    /** Milliseconds from the start to the first token. */
    timeToFirstToken: z
      .number({ error: 'timing.timeToFirstToken must be a number of milliseconds' })
      .nonnegative('timing.timeToFirstToken must not be negative')
      .finite('timing.timeToFirstToken must be a finite number')
      .nullish(),
  },
  { error: 'timing must be an object with "startTime" and "endTime"' },
);

export const manualLogSchema = z.looseObject({
  providerRequest: providerRequestSchema,
  providerResponse: providerResponseSchema,
  /** When absent, the request is logged as starting and ending now. */
  timing: timingSchema.nullish(),
  /** Provider name the SDK sends when `logRequest` is given one, e.g. "openai", "OPENAI", "anthropic". */
  provider: z.string({ error: 'provider must be a string, e.g. "openai"' }).nullish(),
});

export type ManualLogPayload = z.infer<typeof manualLogSchema>;

/** Validates a parsed JSON body; throws a 400 GatewayError whose `param` names the first bad field. */
export function parseManualLog(body: unknown): ManualLogPayload {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError(400, 'invalid_request_error', 'Request body must be a JSON object with "providerRequest" and "providerResponse"', 'body');
  }
  const result = manualLogSchema.safeParse(body);
  if (result.success) return result.data;
  throw bodyValidationError(body, result.error);
}
