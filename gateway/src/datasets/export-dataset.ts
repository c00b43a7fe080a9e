/**
 * A dataset exported a page at a time: JSONL in OpenAI's chat fine-tuning format (one example a
 * line, rows that cannot be one skipped; fine-tune-example.ts says which), or CSV with the columns
 * Helicone's export names, one line per row (empty cells where a value is missing).
 */
import { toCsv } from '../hql/csv.js';
import { raw } from '../query/filter/sql.js';
import { isoTime } from '../query/request-rows.js';
import type { SqlClient } from '../store/sql-client.js';
import type { ExportFormat } from './dataset-schemas.js';
import { MAX_DATASET_ROWS, rowsAfter } from './dataset-rows.js';
import { contentText, fineTuneExample } from './fine-tune-example.js';

const PAGE = 200;
/** Enough pages for the largest dataset, and one more to see the end. */
const MAX_PAGES = Math.ceil(MAX_DATASET_ROWS / PAGE) + 1;

export const csvColumns = ['request_id', 'created_at', 'model', 'prompt_tokens', 'completion_tokens', 'cost', 'user_message', 'assistant_response'];

interface ExportedRequest {
  request_id: string;
  request_created_at: number;
  status: number;
  model: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  cost_usd: number | null;
  request_body: string | null;
  response_body: string | null;
}

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The last user message's text and the answer's text, for the CSV. */
function csvRow(row: ExportedRequest): Record<string, unknown> {
  const request = parse(row.request_body) as { messages?: Array<{ role?: unknown; content?: unknown }> } | null;
  const response = parse(row.response_body) as { choices?: Array<{ message?: { content?: unknown } }> } | null;
  const messages = Array.isArray(request?.messages) ? request.messages : [];
  const lastUser = [...messages].reverse().find((message) => message?.role === 'user');
  return {
    request_id: row.request_id,
    created_at: isoTime(row.request_created_at),
    model: row.model,
    prompt_tokens: row.prompt_tokens,
    completion_tokens: row.completion_tokens,
    cost: row.cost_usd,
    user_message: lastUser ? contentText(lastUser.content) : '',
    assistant_response: Array.isArray(response?.choices) ? contentText(response.choices[0]?.message?.content) : '',
  };
}

/** The export's text in pieces; a dataset with no rows gives nothing (JSONL) or the header (CSV). */
export async function* exportDataset(db: SqlClient, datasetId: string, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'csv') yield toCsv(csvColumns, []);
  let after;
  for (let page = 0; page < MAX_PAGES; page++) {
    const rows = await rowsAfter(db, datasetId, after, PAGE);
    if (rows.length === 0) return;
    const inIds = db.dialect.inList(raw('r.request_id'), rows.map((row) => row.request_id));
    const details = new Map(
      (
        await db.all<ExportedRequest>(
          `SELECT r.request_id, r.request_created_at, r.status, r.model, r.prompt_tokens, r.completion_tokens, r.cost_usd, b.request_body, b.response_body
           FROM requests r LEFT JOIN request_bodies b ON b.request_id = r.request_id WHERE ${inIds.sql}`,
          inIds.params,
        )
      ).map((row) => [row.request_id, row]),
    );
    const ordered = rows.map((row) => details.get(row.request_id)).filter((row): row is ExportedRequest => row !== undefined);
    if (format === 'csv') {
      // toCsv's first line is the header, written once above.
      yield toCsv(csvColumns, ordered.map(csvRow)).split('\r\n').slice(1).join('\r\n');
    } else {
      const lines = ordered.map((row) => fineTuneExample(row.status, row.request_body, row.response_body).example).filter((example) => example !== undefined);
      if (lines.length > 0) yield `${lines.map((example) => JSON.stringify(example)).join('\n')}\n`;
    }
    if (rows.length < PAGE) return;
    after = rows.at(-1);
  }
}
