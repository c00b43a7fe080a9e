/** `request_response_rmt`: Helicone's canonical row table, over `requests r` (rest-api-spec §2.3). */
import {
  bodyColumn,
  exprColumn,
  falseColumn,
  feedbackColumn,
  nullColumn,
  propertiesMap,
  propertyKeyColumn,
  rowColumn,
  scoresMap,
  searchPropertiesMap,
} from './columns-shared.js';
import { raw, sql } from './sql.js';
import type { ColumnDef, TableDef } from './types.js';

const columns: Record<string, ColumnDef> = {
  // text
  provider: rowColumn('provider', 'text'),
  model: rowColumn('model', 'text'),
  user_id: rowColumn('user_id', 'text'),
  request_id: rowColumn('request_id', 'text', false),
  target_url: rowColumn('target_url', 'text'),
  request_body: exprColumn('text', () => bodyColumn('request_body')),
  response_body: exprColumn('text', () => bodyColumn('response_body')),
  country_code: nullColumn('text'),
  organization_id: nullColumn('text'),
  node_id: nullColumn('text'),
  job_id: nullColumn('text'),
  scores_column: nullColumn('text'),
  cache_reference_id: nullColumn('text'),
  assets: nullColumn('text'),
  prompt_id: rowColumn('prompt_id', 'text'),
  prompt_version: rowColumn('prompt_version', 'text'),
  request_referrer: nullColumn('text'),
  // number
  latency: rowColumn('latency_ms', 'number'),
  cost: rowColumn('cost_usd', 'number'),
  time_to_first_token: rowColumn('time_to_first_token_ms', 'number'),
  status: rowColumn('status', 'number', false),
  prompt_tokens: rowColumn('prompt_tokens', 'number'),
  completion_tokens: rowColumn('completion_tokens', 'number'),
  prompt_cache_read_tokens: rowColumn('prompt_cache_read_tokens', 'number'),
  prompt_cache_write_tokens: rowColumn('prompt_cache_write_tokens', 'number'),
  total_tokens: rowColumn('total_tokens', 'number'),
  // timestamp (epoch ms)
  request_created_at: rowColumn('request_created_at', 'timestamp', false),
  response_created_at: rowColumn('response_created_at', 'timestamp'),
  // boolean
  cached: exprColumn('boolean', () => sql`(${raw('r.cache_hit')} = 1)`, false),
  cache_enabled: falseColumn,
  threat: falseColumn,
  is_passthrough_billing: falseColumn,
  'helicone-score-feedback': feedbackColumn,
  // maps
  properties: propertiesMap,
  search_properties: searchPropertiesMap,
  scores: scoresMap,
  property_key: propertyKeyColumn,
};

export const requestResponseRmt: TableDef = { name: 'request_response_rmt', pass: 'row', columns };
