/** The legacy `/v1/request/query` tables, mapped onto the same `requests r` row (rest-api-spec §2.3). */
import {
  bodyJsonColumn,
  exprColumn,
  feedbackColumn,
  feedbackCreatedAtColumn,
  nullColumn,
  promptInputsMap,
  propertiesMap,
  rowColumn,
} from './columns-shared.js';
import { raw } from './sql.js';
import type { TableDef } from './types.js';

export const legacyRequest: TableDef = {
  name: 'request',
  pass: 'row',
  columns: {
    prompt: bodyJsonColumn('request_body', ['$.prompt', '$.messages[0].content']),
    created_at: rowColumn('request_created_at', 'timestamp', false),
    user_id: rowColumn('user_id', 'text'),
    id: rowColumn('request_id', 'text', false),
    model: rowColumn('request_model', 'text'),
    modelOverride: rowColumn('model_override', 'text'),
    path: rowColumn('request_path', 'text', false),
    country_code: nullColumn('text'),
    prompt_id: rowColumn('prompt_id', 'text'),
    auth_hash: nullColumn('text'),
    org_id: nullColumn('text'),
    node_id: nullColumn('text'),
  },
};

export const legacyResponse: TableDef = {
  name: 'response',
  pass: 'row',
  columns: {
    body_tokens: rowColumn('total_tokens', 'number'),
    body_model: rowColumn('model', 'text'),
    body_completion: bodyJsonColumn('response_body', ['$.choices[0].message.content', '$.choices[0].text']),
    status: rowColumn('status', 'number', false),
    model: rowColumn('response_model', 'text'),
  },
};

export const legacyFeedback: TableDef = {
  name: 'feedback',
  pass: 'row',
  columns: {
    rating: feedbackColumn,
    created_at: feedbackCreatedAtColumn,
    id: nullColumn('number'),
    response_id: exprColumn('text', () => raw('r.request_id'), false),
  },
};

/** Top-level `properties: {<key>: TextOperators}`. */
export const legacyProperties: TableDef = { name: 'properties', pass: 'row', columns: propertiesMap };

/** `values: {<key>: TextOperators}`: the inputs a managed prompt was expanded with; a missing key reads as ''. */
export const legacyValues: TableDef = { name: 'values', pass: 'row', columns: promptInputsMap };
