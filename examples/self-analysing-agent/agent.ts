/**
 * An agent that analyses itself: it does a small task through the MCP tools (use_ai_gateway, in
 * one session), then asks the same tools what that run cost, how long it took and what failed.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

export interface RunReport {
  sessionId: string;
  answers: string[];
  /** get_session_trace's tree, as the agent read it. */
  trace: string;
  /** The failed requests, from query_requests. */
  failures: string;
  summary: string;
}

async function callText(client: Client, name: string, args: Record<string, unknown>): Promise<{ text: string; isError: boolean }> {
  const result = (await client.callTool({ name, arguments: args })) as { content: Array<{ text?: string }>; isError?: boolean };
  return { text: result.content.map((part) => part.text ?? '').join('\n'), isError: result.isError === true };
}

export async function runAndAnalyse(client: Client, model: string, steps: Array<{ path: string; prompt: string }>): Promise<RunReport> {
  const sessionId = `self-analysis-${randomUUID()}`;
  const answers: string[] = [];
  for (const step of steps) {
    const { text, isError } = await callText(client, 'use_ai_gateway', {
      model,
      messages: [{ role: 'user', content: step.prompt }],
      sessionId,
      sessionName: 'self-analysis',
      sessionPath: step.path,
    });
    answers.push(isError ? `failed: ${text.split('\n')[0]}` : (JSON.parse(text) as { content: string }).content);
  }
  const trace = (await callText(client, 'get_session_trace', { session_id: sessionId })).text;
  const failures = (await callText(client, 'query_requests', {
    filter: {
      left: { request_response_rmt: { properties: { 'Helicone-Session-Id': { equals: sessionId } } } },
      operator: 'and',
      right: { request_response_rmt: { status: { gte: 400 } } },
    },
  })).text;
  // The first line of the trace holds the run's totals.
  const summary = `My last run: ${trace.split('\n')[0]!.replace(/^Session \S+ "self-analysis": /, '')}. ${failures.split('\n')[0]}`;
  return { sessionId, answers, trace, failures, summary };
}
