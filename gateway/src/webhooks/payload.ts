/**
 * The body POSTed to a webhook, in Helicone's shape and key order: request_id, request_body,
 * response_body, user_id when set; with includeData also request_response_url, model, provider
 * and metadata. Bodies are strings; one longer than 10 KB (10,240 characters, as Helicone counts)
 * is replaced by Helicone's message, so a webhook body stays small.
 */
import type { LogRecord } from '../log/log-record.js';

export const maxWebhookBodyChars = 10 * 1024;
export const bodyTooLargeMessage = 'Body too large for webhook, please fetch the full request and response from Helicone';

export function truncateBody(body: string | null): string {
  const text = body ?? '';
  return text.length > maxWebhookBodyChars ? bodyTooLargeMessage : text;
}

export interface WebhookMetadata {
  cost?: number;
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
  latencyMs?: number;
}

export interface WebhookPayload {
  request_id: string;
  request_body: string;
  response_body: string;
  user_id?: string;
  request_response_url?: string;
  model?: string;
  provider?: string;
  metadata?: WebhookMetadata;
}

function metadataOf(record: LogRecord): WebhookMetadata {
  const metadata: WebhookMetadata = {};
  // An unknown price is null in the log; Helicone's field is optional, so it is left out rather than sent as 0.
  if (record.costUsd !== null) metadata.cost = record.costUsd;
  if (record.usage) {
    metadata.promptTokens = record.usage.promptTokens;
    metadata.completionTokens = record.usage.completionTokens;
    metadata.totalTokens = record.usage.totalTokens;
  }
  metadata.latencyMs = record.latencyMs;
  return metadata;
}

/** `bodyUrl`: the signed link to the full bodies, given only with includeData. */
export function buildPayload(record: LogRecord, includeData: boolean, bodyUrl?: string): WebhookPayload {
  const payload: WebhookPayload = {
    request_id: record.requestId,
    request_body: truncateBody(record.requestBody),
    response_body: truncateBody(record.responseBody),
  };
  if (record.userId) payload.user_id = record.userId;
  if (includeData) {
    if (bodyUrl) payload.request_response_url = bodyUrl;
    const model = record.modelOverride ?? record.responseModel ?? record.requestModel;
    if (model) payload.model = model;
    if (record.provider) payload.provider = record.provider;
    payload.metadata = metadataOf(record);
  }
  return payload;
}
