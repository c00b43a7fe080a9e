/** The tools that write: feedback and scores on a logged request. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { GatewayClient } from '../../../gateway/src/client/index.js';
import { jsonParam } from '../json-param.js';
import { errorResult, runTool, textResult } from '../tool-result.js';

const writes = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

export function registerFeedbackTools(server: McpServer, client: GatewayClient): void {
  server.registerTool(
    'add_feedback',
    {
      title: 'Rate a request',
      description: 'Mark a logged request good (true) or bad (false), e.g. after checking an answer. Filter on it later with {"request_response_rmt": {"helicone-score-feedback": {"equals": true}}}.',
      inputSchema: {
        request_id: z.string().min(1).describe('The request id (a UUID)'),
        rating: z.boolean().describe('true for good, false for bad'),
      },
      annotations: writes,
    },
    ({ request_id, rating }) =>
      runTool(async () => {
        await client.addFeedback(request_id, rating);
        return textResult(`Feedback ${rating ? 'good' : 'bad'} recorded on ${request_id}.`);
      }),
  );

  server.registerTool(
    'score_request',
    {
      title: 'Score a request',
      description: 'Attach named scores to a logged request (numbers, or booleans stored as 1/0), e.g. {"accuracy": 87, "followed_instructions": true}. Filter on them with {"request_response_rmt": {"scores": {"accuracy": {"gte": 80}}}}.',
      inputSchema: {
        request_id: z.string().min(1).describe('The request id (a UUID)'),
        scores: jsonParam(z.looseObject({})).describe('Score names and values: numbers, or booleans stored as 1/0'),
      },
      annotations: writes,
    },
    ({ request_id, scores }) =>
      runTool(async () => {
        const entries = Object.entries(scores);
        if (entries.length === 0) return errorResult('Give at least one score, e.g. {"accuracy": 87}.');
        const bad = entries.find(([, value]) => typeof value !== 'boolean' && (typeof value !== 'number' || !Number.isFinite(value)));
        if (bad) return errorResult(`scores.${bad[0]} must be a number or a boolean.`);
        await client.addScores(request_id, scores as Record<string, number | boolean>);
        return textResult(`Scores ${Object.keys(scores).join(', ')} recorded on ${request_id}.`);
      }),
  );
}
