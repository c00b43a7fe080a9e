/**
 * The evals and dataset tools: how scores are spread (to judge a model or prompt change), and a
 * dataset built from logged requests, exported as fine-tuning JSONL. Switchyard's dataset routes
 * beyond Helicone's documented three (add by filter, export) are used, so these serve a Switchyard.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { GatewayClient } from '../../../gateway/src/client/index.js';
import { filterHelp } from '../filter-help.js';
import { jsonParam } from '../json-param.js';
import { errorResult, runTool, textResult } from '../tool-result.js';

const filterParam = jsonParam(z.union([z.literal('all'), z.looseObject({})])).optional().describe('Filter tree; "all" (default) for none. See the tool description.');
/** Lines of an export shown in one answer; the rest are counted, not shown. */
const shownLines = 20;

export function registerDatasetTools(server: McpServer, client: GatewayClient): void {
  server.registerTool(
    'get_score_distributions',
    {
      title: 'Score summaries and distributions',
      description: `For each score name (scores, evals and feedback, "helicone-score-feedback" = 1/0), on the requests a filter picks: average, min, max, count, and how many scores fall in each bin (whole-number scores one bin per value, others ten equal bins; a bin is [lower, upper), the last [lower, upper]).\n${filterHelp}`,
      inputSchema: {
        filter: filterParam,
        start: z.string().optional().describe('Only requests made at or after this ISO time'),
        end: z.string().optional().describe('Only requests made at or before this ISO time'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ filter, start, end }) =>
      runTool(async () => {
        if ((start === undefined) !== (end === undefined)) return errorResult('Give both start and end, or neither.');
        const query = { filter: filter ?? 'all', ...(start !== undefined && end !== undefined ? { timeFilter: { start, end } } : {}) };
        const [evals, distributions] = await Promise.all([client.queryEvals(query), client.scoreDistributions(query)]);
        if (evals.length === 0) return textResult('No scores on the requests this filter picks.');
        const bins = new Map(distributions.map((row) => [row.name, row.distribution]));
        const lines = evals.map((row) => {
          // The last bin holds its upper bound.
          const spread = (bins.get(row.name) ?? []).map((bin, i, all) => `[${bin.lower}, ${bin.upper}${i === all.length - 1 ? ']' : ')'}: ${bin.value}`).join('; ');
          return `${row.name}: average ${Number(row.averageScore.toFixed(6))}, min ${row.minScore}, max ${row.maxScore}, ${row.count} scores. Bins: ${spread}`;
        });
        return textResult(lines.join('\n'));
      }),
  );

  server.registerTool(
    'create_dataset',
    {
      title: 'Create a dataset and export it',
      description: `Gather logged requests into a new dataset, by request ids or by a filter (the newest "limit" it picks), and answer with its id and the first lines of its fine-tuning export (OpenAI chat format, one {"messages": [...]} per line; failed and non-chat requests are left out). The whole JSONL is at GET /v1/helicone-dataset/<id>/export.\n${filterHelp}`,
      inputSchema: {
        name: z.string().min(1).max(256).describe('The dataset name'),
        description: z.string().max(4096).optional().describe('What the dataset is for'),
        request_ids: z.array(z.string()).max(1000).optional().describe('Request ids (UUIDs) to include'),
        filter: filterParam,
        limit: z.number().int().min(1).max(10_000).optional().describe('With filter: most requests to take, newest first (default: 1000)'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    ({ name, description, request_ids, filter, limit }) =>
      runTool(async () => {
        if ((request_ids === undefined) === (filter === undefined)) return errorResult('Give either request_ids or filter (one of the two).');
        const dataset = await client.createDataset({ name, description });
        const added = await client.addToDataset(dataset.id, request_ids !== undefined ? { requestIds: request_ids } : { filter, limit });
        const lines = (await client.exportDataset(dataset.id)).split('\n').filter((line) => line !== '');
        const shown = lines.slice(0, shownLines).join('\n');
        const rest = lines.length > shownLines ? `\n… and ${lines.length - shownLines} more lines.` : '';
        return textResult(
          `Dataset ${dataset.id} ("${name}") holds ${added.requests_count} requests; ${lines.length} are fine-tuning examples.${lines.length > 0 ? `\n${shown}${rest}` : ''}`,
        );
      }),
  );
}
