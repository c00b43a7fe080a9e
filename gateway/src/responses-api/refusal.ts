/**
 * What translation to Chat Completions cannot carry: the first field found, and why. The request
 * is still valid for OpenAI's own Responses API, so it is refused only for a translated attempt.
 */
import { GatewayError } from '../contract/errors.js';

export interface Refusal {
  field: string;
  reason: string;
}

/** Records the first refusal; translation goes on, skipping what was refused. */
export class Refusals {
  first: Refusal | null = null;

  refuse(field: string, reason: string): void {
    this.first ??= { field, reason };
  }
}

export function refusalError(refusal: Refusal, provider: string): GatewayError {
  return new GatewayError(
    400,
    'invalid_request_error',
    `Invalid "${refusal.field}": ${refusal.reason}. ${provider} is reached through Chat Completions, which cannot carry it; only OpenAI's own Responses API (a model/openai attempt) takes it as it is`,
    refusal.field,
  );
}
