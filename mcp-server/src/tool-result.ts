/**
 * How every tool answers: text for the model, and failures as `isError: true` with a message that
 * says how to fix the call.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { GatewayClientError } from '../../gateway/src/client/index.js';

export const textResult = (text: string): CallToolResult => ({ content: [{ type: 'text', text }] });

export const errorResult = (text: string): CallToolResult => ({ content: [{ type: 'text', text }], isError: true });

function hint(error: GatewayClientError): string {
  const logged = error.requestId ? ` It is logged as request ${error.requestId} (get_request shows it).` : '';
  if (error.status === 0) return 'The gateway did not answer: is it running (`switchyard start`), and does SWITCHYARD_URL point at it?';
  if (error.status === 401 || error.status === 403) return 'The key was refused: the MCP server needs a valid gateway key (SWITCHYARD_API_KEY, HELICONE_API_KEY, or the Authorization header over HTTP).';
  if (error.status === 429) return `The provider is rate limiting: wait and call again, or name another model or a fallback chain such as "a,b".${logged}`;
  if (error.status === 404) return 'Not found: check the id (query_requests or query_sessions list them), or the route is not on this server.';
  if (error.status >= 400 && error.status < 500) return `Fix the parameters as the message says and call again.${logged}`;
  return `The provider or the gateway failed.${logged}`;
}

const running = new Set<Promise<CallToolResult>>();

/** Resolves when the tool calls under way have answered (or after `limitMs`). */
export async function toolsSettled(limitMs: number): Promise<void> {
  await Promise.race([Promise.allSettled([...running]), new Promise((resolve) => setTimeout(resolve, limitMs).unref())]);
}

async function settle(body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof GatewayClientError) return errorResult(`${error.message}\n${hint(error)}`);
    return errorResult(`The tool failed: ${(error as Error).message}`);
  }
}

/** Runs a tool body; a thrown error becomes an isError result naming the problem and the fix. */
export function runTool(body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  const call = settle(body);
  running.add(call);
  void call.finally(() => running.delete(call));
  return call;
}
