/**
 * Helicone's `OTELTrace` body for POST /v1/trace/log (rest-api-spec §4.5): OTLP/JSON
 * `resourceSpans`. Lenient where real exporters differ from the documented shape (protobuf JSON
 * leaves out empty lists and zero counts; int64 may come as a string): only what a logged row
 * needs is required. A bad body is a 400 naming the field.
 */
import { z } from 'zod';
import { bodyValidationError } from '../contract/validation-error.js';

const anyValue = z.looseObject({}, { error: 'must be an OTLP AnyValue object, e.g. {"stringValue": "gpt-4o"}' });

const keyValue = z.looseObject(
  {
    key: z.string({ error: 'key must be a string' }),
    value: anyValue.optional(),
  },
  { error: 'each attribute must be {"key": ..., "value": {...}}' },
);

const attributes = z.array(keyValue, { error: 'attributes must be a list of {"key", "value"}' }).default([]);

/** Nanoseconds since the epoch: a string of digits (as OTLP/JSON writes int64) or a safe integer. */
const unixNano = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)], {
  error: 'must be nanoseconds since the epoch, as a string of digits, e.g. "1718000000000000000"',
});

const span = z.looseObject(
  {
    traceId: z.string({ error: 'traceId must be a string' }).optional(),
    spanId: z.string({ error: 'spanId must be a string' }).optional(),
    name: z.string({ error: 'name must be a string' }).default(''),
    startTimeUnixNano: unixNano,
    endTimeUnixNano: unixNano,
    attributes,
    status: z.looseObject({ code: z.number().int().optional(), message: z.string().optional() }, { error: 'status must be an object, e.g. {"code": 0}' }).optional(),
  },
  { error: 'each span must be an object' },
);

export const otelTraceSchema = z.looseObject(
  {
    resourceSpans: z.array(
      z.looseObject(
        {
          resource: z.looseObject({ attributes }).optional(),
          scopeSpans: z.array(
            z.looseObject({ spans: z.array(span, { error: 'spans must be a list of spans' }) }, { error: 'each scopeSpans entry must be an object with "spans"' }),
            { error: 'scopeSpans must be a list' },
          ),
        },
        { error: 'each resourceSpans entry must be an object with "scopeSpans"' },
      ),
      { error: 'resourceSpans must be a list (an OTLP/JSON ExportTraceServiceRequest)' },
    ),
  },
  { error: 'the body must be an OTLP/JSON object with "resourceSpans"' },
);

export type OtelTrace = z.output<typeof otelTraceSchema>;
export type OtelSpan = OtelTrace['resourceSpans'][number]['scopeSpans'][number]['spans'][number];

export function parseOtelTrace(body: unknown): OtelTrace {
  const result = otelTraceSchema.safeParse(body);
  if (!result.success) throw bodyValidationError(body, result.error);
  return result.data;
}
