/** A chat finish_reason as a Response's status, and back. */
import type { FinishReason } from '../contract/chat.js';
import type { ResponseObject } from '../contract/responses.js';

export function statusOf(finish: FinishReason | null | undefined): Pick<ResponseObject, 'status' | 'incomplete_details'> {
  if (finish === 'length') return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (finish === 'content_filter') return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

export function finishReasonOf(response: { status?: unknown; incomplete_details?: unknown }, calledTools: boolean): FinishReason {
  if (response.status === 'incomplete') {
    const reason = (response.incomplete_details as { reason?: unknown } | null | undefined)?.reason;
    return reason === 'content_filter' ? 'content_filter' : 'length';
  }
  return calledTools ? 'tool_calls' : 'stop';
}
