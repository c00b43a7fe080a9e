/**
 * The read-only tools over the log: requests, one request, sessions, a session's tree, users,
 * metrics, models and property names. Parameters keep Helicone's names and meanings where
 * Helicone's MCP server has the tool.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { GatewayClient } from '../../../gateway/src/client/index.js';
import { metricsGroups, timeBuckets } from '../../../gateway/src/contract/query-api.js';
import type { TraceNode } from '../../../gateway/src/query/session-trace.js';
import { filterHelp } from '../filter-help.js';
import { compactRow, count, cutBody, jsonLines, usd } from '../format.js';
import { jsonParam } from '../json-param.js';
import { runTool, textResult } from '../tool-result.js';

const readOnly = { readOnlyHint: true, openWorldHint: false } as const;
const offsetParam = z.number().int().min(0).optional().describe('Pagination offset (default: 0)');
const limitParam = (what: string) => z.number().int().min(1).max(1000).optional().describe(`Most ${what} to return (default: 25)`);
/** Bodies fetched at once, and characters of bodies in one answer, so a big page stays usable. */
const bodyFetches = 8;
const bodyCharsPerAnswer = 200_000;

const moreHint = (returned: number, limit: number, offset: number) => (returned === limit ? ` More may match: call again with offset ${offset + limit}.` : '');
const dollars = (value: number) => Number(value.toFixed(8));

/** Runs `work` over `items`, `width` at a time, keeping the order. */
async function inBatches<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) results.push(...(await Promise.all(items.slice(start, start + width).map(work))));
  return results;
}
const filterParam = jsonParam(z.union([z.literal('all'), z.looseObject({})])).optional().describe('Filter tree; "all" (default) for none. See the tool description.');
const day = 86_400_000;

function registerQueryRequests(server: McpServer, client: GatewayClient): void {
  server.registerTool(
    'query_requests',
    {
      title: 'Query logged requests',
      description: `Query logged LLM requests with filters, pagination and sorting; newest first by default. Each line is one request: id, time, model, provider, status, latency, tokens, cost, user, session, properties, error.\n${filterHelp}\nSort: {"created_at": "desc"} (default), {"cost": "desc"}, {"latency": "desc"}, {"total_tokens": "desc"}.`,
      inputSchema: {
        filter: filterParam,
        offset: offsetParam,
        limit: limitParam('requests'),
        sort: jsonParam(z.looseObject({})).optional().describe('Sort criteria, e.g. {"cost": "desc"}'),
        includeBodies: z.boolean().optional().describe('Include request and response bodies, each cut to bodyBudget characters (default: false)'),
        bodyBudget: z.number().int().min(50).max(20_000).optional().describe('Characters kept of each body with includeBodies (default: 500)'),
      },
      annotations: readOnly,
    },
    (input) =>
      runTool(async () => {
        const offset = input.offset ?? 0;
        const limit = input.limit ?? 25;
        const rows = await client.queryRequests({ filter: input.filter ?? 'all', offset, limit, sort: input.sort });
        // The body budget shrinks with the page, so a thousand rows with bodies still fit one answer.
        const budget = input.includeBodies ? Math.min(input.bodyBudget ?? 500, Math.floor(bodyCharsPerAnswer / Math.max(1, 2 * rows.length))) : 0;
        const lines = await inBatches(rows, bodyFetches, async (row) => {
          if (budget === 0) return compactRow(row);
          try {
            return compactRow(row, await client.getRequestBodies(row), budget);
          } catch (error) {
            return { ...compactRow(row), bodies_unavailable: (error as Error).message };
          }
        });
        const cost = rows.reduce((total, row) => total + (row.cost ?? 0), 0);
        const tokens = rows.reduce((total, row) => total + (row.total_tokens ?? 0), 0);
        const errors = rows.filter((row) => row.response_status >= 400 || row.response_status < 0).length;
        const header = `${count(rows.length, 'request')} (offset ${offset}); on this page: ${usd(cost)}, ${tokens} tokens, ${errors} failed.${moreHint(rows.length, limit, offset)}`;
        return textResult(rows.length ? `${header}\n${jsonLines(lines)}` : `${header}\nNothing matched: widen the filter, or check it with "all".`);
      }),
  );
}

function registerGetRequest(server: McpServer, client: GatewayClient): void {
  server.registerTool(
    'get_request',
    {
      title: 'One request, with its bodies',
      description: 'One logged request by its request_id (from use_ai_gateway or query_requests), with its request and response bodies, every provider attempt (fallbacks, errors) and its scores.',
      inputSchema: {
        request_id: z.string().min(1).describe('The request id (a UUID, from use_ai_gateway or query_requests)'),
        bodyBudget: z.number().int().min(50).max(100_000).optional().describe('Characters kept of each body (default: 4000)'),
      },
      annotations: readOnly,
    },
    ({ request_id, bodyBudget }) =>
      runTool(async () => {
        const row = await client.getRequest(request_id, { includeBody: true });
        const budget = bodyBudget ?? 4000;
        const details = {
          ...compactRow(row),
          request_model: row.request_model,
          response_model: row.response_model,
          reasoning_tokens: row.reasoning_tokens,
          cache_read_tokens: row.prompt_cache_read_tokens,
          attempts: row.attempts,
          request_body: cutBody(row.request_body, budget),
          response_body: cutBody(row.response_body, budget),
        };
        return textResult(JSON.stringify(details, null, 1));
      }),
  );
}

function registerQuerySessions(server: McpServer, client: GatewayClient): void {
  server.registerTool(
    'query_sessions',
    {
      title: 'Query sessions',
      description: `Query sessions (requests grouped by Helicone-Session-Id) with search, time range, filters and pagination: each with its name, request count, tokens, cost, average latency and users, newest first. Use a session_id with get_session_trace for its steps, or query_requests to list its requests.\nSession-level filters: {"sessions_request_response_rmt": {"session_total_cost": {"gt": 0.1}}} (also session_total_requests, session_total_tokens, session_created_at, session_session_name); request-level leaves as in query_requests.`,
      inputSchema: {
        search: z.string().optional().describe('Text in the session id or name'),
        startTimeUnixMs: z.number().optional().describe('Start of the time range, Unix ms (default: 7 days ago)'),
        endTimeUnixMs: z.number().optional().describe('End of the time range, Unix ms (default: now)'),
        nameEquals: z.string().optional().describe('Exact session name'),
        timezoneDifference: z.number().min(-1440).max(1440).optional().describe('Minutes to shift the returned times by (default: 0, UTC)'),
        filter: filterParam,
        offset: offsetParam,
        limit: limitParam('sessions'),
      },
      annotations: readOnly,
    },
    (input) =>
      runTool(async () => {
        const now = Date.now();
        const offset = input.offset ?? 0;
        const limit = input.limit ?? 25;
        const sessions = await client.querySessions({
          search: input.search ?? '',
          timeFilter: { startTimeUnixMs: input.startTimeUnixMs ?? now - 7 * day, endTimeUnixMs: input.endTimeUnixMs ?? now + 60_000 },
          timezoneDifference: input.timezoneDifference ?? 0,
          filter: input.filter ?? 'all',
          nameEquals: input.nameEquals,
          offset,
          limit,
        });
        const cost = sessions.reduce((total, session) => total + session.total_cost, 0);
        const requests = sessions.reduce((total, session) => total + session.total_requests, 0);
        const header = `${count(sessions.length, 'session')} (offset ${offset}); on this page: ${count(requests, 'request')}, ${usd(cost)}.${moreHint(sessions.length, limit, offset)}`;
        const lines = sessions.map((session) => ({
          session_id: session.session_id,
          name: session.session_name,
          created_at: session.created_at,
          last_request_at: session.latest_request_created_at,
          requests: session.total_requests,
          tokens: session.total_tokens,
          cost_usd: dollars(session.total_cost),
          avg_latency_ms: Math.round(session.avg_latency),
          users: session.user_ids,
        }));
        return textResult(`${header}\n${jsonLines(lines)}`);
      }),
  );
}

function renderNode(node: TraceNode, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  const errors = node.errors ? `, ${node.errors} failed` : '';
  const unpriced = node.unpriced_requests ? `, ${node.unpriced_requests} unpriced` : '';
  lines.push(`${indent}${node.path} — ${count(node.request_count, 'request')}, ${node.duration_ms} ms, ${node.total_tokens} tokens, ${usd(node.cost)}${errors}${unpriced}`);
  for (const request of node.requests) {
    const error = request.error_message ? ` error: ${request.error_message}` : '';
    lines.push(`${indent}  · ${request.request_id} ${request.model ?? '?'} status ${request.status}, ${request.latency_ms ?? '?'} ms, ${(request.prompt_tokens ?? 0) + (request.completion_tokens ?? 0)} tokens, ${request.cost === null ? 'cost unknown' : usd(request.cost)}${error}`);
  }
  for (const child of node.children) renderNode(child, depth + 1, lines);
}

function registerGetSessionTrace(server: McpServer, client: GatewayClient): void {
  server.registerTool(
    'get_session_trace',
    {
      title: 'A session as a tree',
      description: 'One session as a tree by Helicone-Session-Path: each step with its requests and the time, tokens, cost and failures under it. Use it to see where a multi-step task spent its time and money, and which step failed.',
      inputSchema: { session_id: z.string().min(1).describe('The session id (from query_sessions or what you passed as sessionId)') },
      annotations: readOnly,
    },
    ({ session_id }) =>
      runTool(async () => {
        const trace = await client.sessionTrace(session_id);
        const lines = [`Session ${trace.session_id}${trace.session_name ? ` "${trace.session_name}"` : ''}: ${count(trace.request_count, 'request')}, ${trace.duration_ms} ms, ${trace.total_tokens} tokens, ${usd(trace.cost)}, ${trace.errors} failed; users ${trace.user_ids.join(', ') || 'none'}`];
        renderNode(trace.tree, 0, lines);
        return textResult(lines.join('\n'));
      }),
  );
}

function registerQueryUsers(server: McpServer, client: GatewayClient): void {
  server.registerTool(
    'query_users',
    {
      title: 'Query users',
      description: 'Users (Helicone-User-Id) with their activity: requests, active days, first and last activity, tokens and cost, filtered and sorted. User-level filters: {"users_view": {"user_cost": {"gt": 1}}} (also user_total_requests, user_active_for, user_last_active); sort e.g. {"cost": "desc"}.',
      inputSchema: {
        filter: filterParam,
        sort: jsonParam(z.looseObject({})).optional().describe('e.g. {"cost": "desc"} or {"total_requests": "desc"} (default: last active first)'),
        offset: offsetParam,
        limit: limitParam('users'),
      },
      annotations: readOnly,
    },
    (input) =>
      runTool(async () => {
        const offset = input.offset ?? 0;
        const { users, count: matching } = await client.userMetrics({ filter: input.filter ?? 'all', sort: input.sort, offset, limit: input.limit ?? 25 });
        const lines = users.map((user) => ({
          user_id: user.user_id,
          requests: user.total_requests,
          active_days: user.active_for,
          first_active: user.first_active,
          last_active: user.last_active,
          tokens: user.total_prompt_tokens + user.total_completion_tokens,
          cost_usd: dollars(user.cost),
        }));
        return textResult(`${users.length} of ${count(matching, 'matching user')} (offset ${offset}).\n${jsonLines(lines)}`);
      }),
  );
}

function registerGetMetrics(server: McpServer, client: GatewayClient): void {
  server.registerTool(
    'get_metrics',
    {
      title: 'Aggregate metrics',
      description: `Totals over logged requests, grouped by model, provider, user, status, a property or a time bucket: requests, errors, cancellations, tokens, cost (and how many requests had no known price), latency p50/p90/p99 and time to first token. Use it to answer "what did this cost", "which model is slowest", "how many failed per hour".\n${filterHelp}`,
      inputSchema: {
        groupBy: z.enum(metricsGroups).optional().describe('What to group by (default: none, one total)'),
        property: z.string().optional().describe('With groupBy "property": the property name'),
        timeBucket: z.enum(timeBuckets).optional().describe('With groupBy "time": the bucket (default: hour)'),
        filter: filterParam,
        startTimeUnixMs: z.number().optional().describe('Only requests from this time, Unix ms'),
        endTimeUnixMs: z.number().optional().describe('Only requests until this time, Unix ms'),
        limit: z.number().int().min(1).max(1000).optional().describe('Most groups (default: 50)'),
      },
      annotations: readOnly,
    },
    (input) =>
      runTool(async () => {
        const timeFilter = input.startTimeUnixMs !== undefined || input.endTimeUnixMs !== undefined ? { startTimeUnixMs: input.startTimeUnixMs ?? 0, endTimeUnixMs: input.endTimeUnixMs ?? Date.now() + 60_000 } : undefined;
        const rows = await client.metrics({ groupBy: input.groupBy, property: input.property, timeBucket: input.timeBucket, filter: input.filter ?? 'all', timeFilter, limit: input.limit ?? 50 });
        return textResult(`${count(rows.length, 'group')} by ${input.groupBy ?? 'none'}.\n${jsonLines(rows.map((row) => ({ ...row, cost: dollars(row.cost) })))}`);
      }),
  );
}

function registerListModels(server: McpServer, client: GatewayClient): void {
  server.registerTool(
    'list_models',
    {
      title: 'List models',
      description: 'The models the gateway knows (registry ids with their maker), for use_ai_gateway. Any other model works as "model/provider".',
      inputSchema: { search: z.string().optional().describe('Only ids containing this text, e.g. "claude"') },
      annotations: readOnly,
    },
    ({ search }) =>
      runTool(async () => {
        const models = (await client.listModels()).filter((model) => !search || model.id.toLowerCase().includes(search.toLowerCase()));
        const byOwner = new Map<string, string[]>();
        for (const model of models) byOwner.set(model.owned_by, [...(byOwner.get(model.owned_by) ?? []), model.id]);
        return textResult([...byOwner.entries()].map(([owner, ids]) => `${owner}: ${ids.join(', ')}`).join('\n') || 'No model matches.');
      }),
  );
}

function registerListProperties(server: McpServer, client: GatewayClient): void {
  server.registerTool(
    'list_properties',
    {
      title: 'List property names',
      description: 'The custom property names in use (Helicone-Property-*), to filter or group by with query_requests and get_metrics.',
      inputSchema: {},
      annotations: readOnly,
    },
    () => runTool(async () => textResult((await client.propertyKeys()).join('\n') || 'No properties logged yet.')),
  );
}

export function registerQueryTools(server: McpServer, client: GatewayClient): void {
  registerQueryRequests(server, client);
  registerGetRequest(server, client);
  registerQuerySessions(server, client);
  registerGetSessionTrace(server, client);
  registerQueryUsers(server, client);
  registerGetMetrics(server, client);
  registerListModels(server, client);
  registerListProperties(server, client);
}
