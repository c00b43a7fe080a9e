/**
 * `run_sql`: Helicone's HQL through the gateway (POST /v1/helicone-sql/execute), with the view's
 * columns in the description so a model can write the query without asking for the schema.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { GatewayClient } from '../../../gateway/src/client/index.js';
import { viewColumns, viewName } from '../../../gateway/src/hql/view.js';
import { runTool, textResult } from '../tool-result.js';

const schema = viewColumns.map((column) => `- ${column.name} (${column.type}): ${column.comment}`).join('\n');

export function registerRunSql(server: McpServer, client: GatewayClient): void {
  server.registerTool(
    'run_sql',
    {
      title: 'SQL over the request log',
      description:
        `Run one read-only SELECT over the table ${viewName} (one row per logged request), in the gateway store's SQL dialect (SQLite or PostgreSQL). ` +
        `Aggregate in SQL (COUNT, SUM, GROUP BY); at most 100,000 rows come back. cost is USD × 1e9: divide by 1e9 for dollars. Columns:\n${schema}\n` +
        `Example: SELECT model, COUNT(*) AS requests, SUM(cost) / 1e9 AS usd FROM ${viewName} GROUP BY model ORDER BY usd DESC`,
      inputSchema: { sql: z.string().min(1).describe(`One SELECT over ${viewName}`) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ sql }) =>
      runTool(async () => {
        const result = await client.executeSql(sql);
        return textResult(`${result.rowCount} row${result.rowCount === 1 ? '' : 's'}\n${result.rows.map((row) => JSON.stringify(row)).join('\n')}`);
      }),
  );
}
