/**
 * The fields of a Response object around its output, for answers the gateway writes itself
 * (translated attempts): ids in OpenAI's style, and the request's settings echoed as OpenAI does.
 */
import { randomBytes } from 'node:crypto';
import type { ResponseObject, ResponsesRequest } from '../contract/responses.js';

/** `resp_…`, `msg_…`, `fc_…`, `rs_…`: a prefix and 48 hex digits, like OpenAI's. */
export function newId(prefix: 'resp' | 'msg' | 'fc' | 'rs'): string {
  return `${prefix}_${randomBytes(24).toString('hex')}`;
}

export function responseEnvelope(
  source: ResponsesRequest | undefined,
  fields: Pick<ResponseObject, 'id' | 'created_at' | 'model' | 'status'>,
): ResponseObject {
  return {
    id: fields.id,
    object: 'response',
    created_at: fields.created_at,
    status: fields.status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: source?.instructions ?? null,
    max_output_tokens: source?.max_output_tokens ?? null,
    metadata: source?.metadata ?? {},
    model: fields.model,
    output: [],
    parallel_tool_calls: source?.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: source?.reasoning?.effort ?? null, summary: null },
    // Nothing is stored: the gateway cannot give this response back by its id.
    store: false,
    temperature: source?.temperature ?? null,
    text: { format: source?.text?.format ?? { type: 'text' } },
    tool_choice: source?.tool_choice ?? 'auto',
    tools: source?.tools ?? [],
    top_p: source?.top_p ?? null,
    truncation: 'disabled',
    usage: null,
    user: source?.user ?? null,
  };
}
