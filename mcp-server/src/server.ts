/**
 * The MCP server: every tool, written once over GatewayClient, so it serves a local Switchyard
 * and Helicone's hosted service alike. Transports (stdio, Streamable HTTP) wrap this.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { GatewayClient } from '../../gateway/src/client/index.js';
import { registerDatasetTools } from './tools/dataset-tools.js';
import { registerFeedbackTools } from './tools/feedback-tools.js';
import { registerQueryTools } from './tools/query-tools.js';
import { registerRunSql } from './tools/sql-tool.js';
import { registerUseAiGateway } from './tools/use-ai-gateway.js';

export const serverInfo = { name: 'switchyard', version: '0.1.0' };

export function createMcpServer(client: GatewayClient): McpServer {
  const server = new McpServer(serverInfo, {
    instructions:
      'Switchyard: an AI gateway that logs every model call. Call models with use_ai_gateway (pass sessionId to group a task), then analyse what happened with query_requests, query_sessions, get_session_trace, get_metrics, get_request and run_sql (SQL over the log); rate results with add_feedback or score_request; see how scores are spread with get_score_distributions, and gather requests into a fine-tuning dataset with create_dataset.',
  });
  registerUseAiGateway(server, client);
  registerQueryTools(server, client);
  registerFeedbackTools(server, client);
  registerRunSql(server, client);
  registerDatasetTools(server, client);
  return server;
}
