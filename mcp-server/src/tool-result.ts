/**
 * How every tool answers: text for the model, and failures as `isError: true` with a message that
 * says how to fix the call.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { GatewayClientError } from '../../gateway/src/client/index.js';

export const textResult = (text: string): CallToolResult => ({ content: [{ type: 'text', text }] });

export const errorResult = (text: string): CallToolResult => ({ content: [{ type: 'text', text }], isError: true });

function hint(error: GatewayClientError): string {
  if (error.status === 0) return 'Is the gateway running? Start it with `switchyard start`, or set SWITCHYARD_URL to where it runs.';
  if (error.status === 401 || error.status === 403) return 'Set SWITCHYARD_API_KEY (or HELICONE_API_KEY for Helicone) to a valid key in the MCP server’s environment.';
  if (error.status === 404) return 'Check the id: list candidates with query_requests or query_sessions first.';
  if (error.status >= 400 && error.status < 500) return 'Fix the parameters as the message says and call again.';
  return 'The provider or the gateway failed; the request is logged, so query_requests can show it.';
}

/** Runs a tool body; a thrown error becomes an isError result naming the problem and the fix. */
export async function runTool(body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof GatewayClientError) return errorResult(`${error.message}\n${hint(error)}`);
    return errorResult(`The tool failed: ${(error as Error).message}`);
  }
}
