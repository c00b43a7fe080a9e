/**
 * A logged request as PostHog's event `helicone_request` (gateway-spec §6): Helicone's property
 * names (HeliconeRequestResponseToPosthog, `completetionTokens` spelling included, so insights
 * built on Helicone's events keep working) plus the session, status and the bodies, each cut to
 * 10 KB so an event stays small. Bodies omitted with Helicone-Omit-* are not sent either.
 */
import { sentToPosthogProperty } from '../contract/helicone-headers.js';
import type { LogRecord } from '../log/log-record.js';

export const posthogEventName = 'helicone_request';
export const maxEventBodyChars = 10 * 1024;

export interface PosthogEvent {
  event: string;
  distinct_id: string;
  /** The request id, so PostHog drops a duplicate if a batch is sent twice. */
  uuid: string;
  /** ISO time the request arrived. */
  timestamp: string;
  properties: Record<string, unknown>;
}

function cut(body: string | null): string | null {
  if (body === null) return null;
  return body.length > maxEventBodyChars ? `${body.slice(0, maxEventBodyChars)}… (${body.length} characters; the full body is in the gateway's log)` : body;
}

function numberField(json: string | null, field: 'temperature' | 'n'): number | null {
  if (!json) return null;
  try {
    const value = (JSON.parse(json) as Record<string, unknown>)?.[field];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/** `backLink`: where the request can be read in this gateway (the query API's row). */
export function posthogEvent(record: LogRecord, backLink: string): PosthogEvent {
  const customProperties = Object.fromEntries(Object.entries(record.properties).filter(([key]) => key.toLowerCase() !== sentToPosthogProperty.toLowerCase()));
  const promptTokens = record.usage?.promptTokens ?? 0;
  const completionTokens = record.usage?.completionTokens ?? 0;
  const requestBody = cut(record.requestBody);
  const responseBody = cut(record.responseBody);
  return {
    event: posthogEventName,
    // Helicone's choice: the user when there is one; else the request itself (Helicone uses a random id).
    distinct_id: record.userId ?? record.requestId,
    uuid: record.requestId,
    timestamp: new Date(record.createdAt).toISOString(),
    properties: {
      requestId: record.requestId,
      model: record.modelOverride ?? record.responseModel ?? record.requestModel ?? '',
      requestModel: record.requestModel,
      responseModel: record.responseModel,
      temperature: numberField(record.requestBody, 'temperature') ?? 0,
      n: numberField(record.requestBody, 'n') ?? 0,
      promptId: record.promptId ?? '',
      timeToFirstToken: record.timeToFirstTokenMs ?? 0,
      cost: record.costUsd ?? 0,
      provider: record.provider ?? '',
      path: record.path,
      status: record.status,
      errorMessage: record.errorMessage,
      completetionTokens: completionTokens,
      completionTokens,
      promptTokens,
      totalTokens: record.usage?.totalTokens ?? promptTokens + completionTokens,
      cacheHit: record.cacheHit ?? false,
      stream: record.stream,
      userId: record.userId ?? '',
      sessionId: record.sessionId,
      sessionPath: record.sessionPath,
      sessionName: record.sessionName,
      countryCode: '',
      requestBodySize: record.requestBody?.length ?? 0,
      responseBodySize: record.responseBody?.length ?? 0,
      delayMs: record.latencyMs,
      latencyMs: record.latencyMs,
      heliconeBackLink: backLink,
      customProperties,
      request: requestBody,
      response: responseBody,
      // Without a user, every request would otherwise become a person profile of its own.
      ...(record.userId ? {} : { $process_person_profile: false }),
      $lib: 'switchyard',
    },
  };
}
