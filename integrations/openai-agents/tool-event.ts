/**
 * A finished function (tool) span as Helicone's manual-log tool event: logged with the model
 * `tool:<name>`, its arguments and output, the span's timing, and status 500 with the error when
 * the span recorded one (a tool that threw, a rejected approval, arguments that did not parse).
 */
import type { FunctionSpanData, Span } from '@openai/agents';

export interface ToolEventPayload {
  providerRequest: { url: string; json: { _type: 'tool'; toolName: string; input: unknown }; meta: Record<string, string> };
  providerResponse: { status: number; headers: Record<string, string>; json: { output: unknown; error?: string } };
  timing?: { startTime: string; endTime: string };
}

/** JSON text as its value (tool arguments, object outputs); anything else as it is. */
function parsed(text: string | undefined): unknown {
  if (text === undefined || text === '') return text ?? null;
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return text;
  try {
    return JSON.parse(trimmed);
  } catch {
    return text;
  }
}

function errorText(error: NonNullable<Span<FunctionSpanData>['error']>): string {
  const detail = error.data?.error;
  return typeof detail === 'string' && detail !== '' ? `${error.message}: ${detail}` : error.message;
}

export function toolEventPayload(span: Span<FunctionSpanData>): ToolEventPayload {
  const data = span.spanData;
  const error = span.error;
  const startTime = span.startedAt;
  const endTime = span.endedAt ?? new Date().toISOString();
  return {
    providerRequest: { url: 'custom-model-nopath', json: { _type: 'tool', toolName: data.name, input: parsed(data.input) }, meta: {} },
    providerResponse: {
      status: error ? 500 : 200,
      headers: {},
      json: error ? { output: parsed(data.output), error: errorText(error) } : { output: parsed(data.output) },
    },
    ...(startTime ? { timing: { startTime, endTime } } : {}),
  };
}
