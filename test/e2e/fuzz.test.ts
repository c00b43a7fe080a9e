/**
 * Fuzzing: about 3,000 malformed inputs, generated from a fixed seed, against the model routes
 * (Chat Completions, Responses, Messages), the Helicone headers, the query API's filter trees and
 * sorts, managed prompts (inputs and the /v1/prompt-2025 bodies) and every MCP tool over /mcp.
 *
 * Every answer must be below 500; every 4xx must be JSON in its API's own shape with a non-empty
 * message (OpenAI `{error:{message}}`, Anthropic `{type:"error",error:{message}}`, Helicone's
 * `{data:null,error:"…"}`, JSON-RPC `{error:{message}}`); an MCP tool that refuses its arguments
 * answers a JSON-RPC error or a result with `isError` and a message. No log row is a 5xx, and the
 * gateway still answers /healthz at the end.
 *
 * Families whose outcome depends on state the requests change (rate-limit buckets, cached answers,
 * reused request ids, prompt versions) run one request at a time, so each run sends the same
 * inputs in the same order and gets the same answers; the others run eight at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mcpRoutes } from '../../mcp-server/src/http-route.js';
import { FakeProvider } from '../helpers/fake-provider.js';
import { fakeEnv, GatewayUnderTest } from '../helpers/gateway-under-test.js';
import { reportFigure } from '../helpers/figures.js';

// ---------------------------------------------------------------------------------------------
// A seeded generator (mulberry32): the same inputs on every run.

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => '0123456789abcdef'[this.int(16)]).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
}

const SEED = 0x5717c4a2;

// ---------------------------------------------------------------------------------------------
// Garbage values.

const oddStrings = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  '1e309',
  '0x1F',
  '{}',
  '[]',
  '{"a":',
  '\u0000',
  '\u202e\u0301\u200b',
  '💥🚂',
  '\ud800',
  'Ω≈ç√∫',
  '<script>alert(1)</script>',
  "'; DROP TABLE requests; --",
  '../../etc/passwd',
  '%s%n%x',
  '__proto__',
  'constructor',
  'toString',
  '{{hc:x:number}}',
  '{{hcp:nope:0}}',
  'all',
  'desc',
  '2026-02-30T25:61:00Z',
  'user',
  'tool',
];
const oddNumbers = [0, -0, -1, 1.5, 2 ** 53 + 1, 1e308, -1e308, 1e-320, 4294967296, -2147483649, 0.1];
const oddKeys = ['', ' ', '__proto__', 'constructor', 'prototype', '💥', 'a.b', 'a[0]', '$where', 'x'.repeat(300), 'role', 'type', 'model'];

function hugeString(r: Rng): string {
  return r.pick(['x', 'ü', '💥', 'ab ']).repeat(r.pick([1_000, 20_000, 150_000]));
}

function deep(r: Rng, depth: number): unknown {
  let value: unknown = r.pick([1, 'x', null, {}]);
  const asArray = r.chance(0.5);
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { [r.pick(['a', 'left', 'messages', 'content'])]: value };
  return value;
}

function garbage(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 2 ? 5 : 10)) {
    case 0:
      return r.pick(oddStrings);
    case 1:
      return r.pick(oddNumbers);
    case 2:
      return r.chance(0.5);
    case 3:
      return null;
    case 4:
      return r.pick(oddStrings) + r.pick(oddStrings);
    case 5:
      return Array.from({ length: r.int(4) }, () => garbage(r, depth + 1));
    case 6: {
      const object: Record<string, unknown> = {};
      for (let i = r.int(4); i > 0; i--) object[r.pick(oddKeys)] = garbage(r, depth + 1);
      return object;
    }
    case 7:
      return deep(r, r.pick([5, 60, 400, 3_000]));
    case 8:
      return hugeString(r);
    default:
      return r.chance(0.5) ? [] : {};
  }
}

// ---------------------------------------------------------------------------------------------
// Mutations of a valid JSON body.

type Path = Array<string | number>;

/** The places in a body a mutation can hit, down to a depth of 8 (deeper parts are left as they are). */
function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (prefix.length >= 8) return out;
  if (Array.isArray(value)) value.forEach((item, i) => paths(item, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], out);
  return out;
}

function setAt(root: unknown, path: Path, update: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  if (path.length === 0) {
    const holder: Record<string, unknown> = { root };
    update(holder, 'root');
    return holder.root;
  }
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  update(parent, path[path.length - 1]!);
  return root;
}

/** A copy down to the depth mutations reach; deeper parts are shared, never changed. */
function clone(value: unknown, depth = 0): unknown {
  if (depth > 9 || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => clone(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clone(item, depth + 1)]));
}

function mutate(r: Rng, valid: unknown): unknown {
  let body = clone(valid);
  for (let n = 1 + r.int(3); n > 0; n--) {
    const all = paths(body);
    const path = all.length > 1 && r.chance(0.9) ? all[1 + r.int(all.length - 1)]! : all[0]!;
    body = setAt(body, path, (parent, key) => {
      switch (r.int(8)) {
        case 0:
          if (Array.isArray(parent)) parent.splice(Number(key), 1);
          else delete parent[key];
          break;
        case 1:
          parent[key] = [parent[key]];
          break;
        case 2:
          parent[key] = r.pick(oddStrings);
          break;
        case 3:
          parent[key] = r.pick(oddNumbers);
          break;
        case 4: {
          const target = parent[key];
          if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[r.pick([...oddKeys, 'extra_field'])] = garbage(r);
          else parent[key] = garbage(r);
          break;
        }
        case 5:
          parent[key] = r.chance(0.5) ? hugeString(r) : '';
          break;
        case 6:
          parent[key] = deep(r, r.pick([10, 200, 2_500]));
          break;
        default:
          parent[key] = garbage(r);
      }
    });
  }
  return body;
}

/** A body as sent: mostly a mutated valid body, sometimes text that is not JSON, or JSON cut short. */
function bodyText(r: Rng, valid: unknown): string {
  const roll = r.int(20);
  if (roll === 0) return r.pick(['', ' ', 'null', '[]', '"text"', '123', 'true', 'not json at all', '{', '{"model":}', '\ufeff{}', '<xml/>', '{"a":1}{"b":2}', "{'model':'mock'}"]);
  if (roll === 1) {
    const text = JSON.stringify(valid);
    return text.slice(0, 1 + r.int(text.length - 1));
  }
  if (roll === 2) return `${JSON.stringify(valid)}${r.pick([',', ']', 'garbage', '\u0000'])}`;
  // A mutation may delete the body itself: then nothing is sent.
  return JSON.stringify(mutate(r, valid)) ?? '';
}

// ---------------------------------------------------------------------------------------------
// Valid bodies to start from. Models are the offline mock or providers served by the fake.

const models = ['mock', 'mock', 'mock', 'gpt-4o-mini/openai', 'claude-sonnet-4-5/anthropic', 'gemini-2.5-flash/gemini', 'mock,gpt-4o-mini/openai'];
const weatherSchema = { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 }, units: { type: 'string', enum: ['c', 'f'] } }, required: ['city'] };

function chatBody(r: Rng): unknown {
  const base: Record<string, unknown> = { model: r.pick(models), messages: [{ role: 'user', content: 'hello there' }] };
  switch (r.int(5)) {
    case 0:
      base.messages = [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] },
      ];
      break;
    case 1:
      base.tools = [{ type: 'function', function: { name: 'get_weather', description: 'weather', parameters: weatherSchema } }];
      base.tool_choice = r.pick(['auto', 'required', { type: 'function', function: { name: 'get_weather' } }]);
      break;
    case 2:
      base.messages = [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp": 3}' },
      ];
      base.tools = [{ type: 'function', function: { name: 'get_weather', parameters: weatherSchema } }];
      break;
    case 3:
      Object.assign(base, { stream: true, stream_options: { include_usage: true }, temperature: 0.2, max_tokens: 50 });
      break;
    default:
      Object.assign(base, { response_format: { type: 'json_schema', json_schema: { name: 'w', schema: weatherSchema } }, n: 1, stop: ['\n'], user: 'u1', seed: 7 });
  }
  return base;
}

function responsesBody(r: Rng): unknown {
  const base: Record<string, unknown> = { model: r.pick(models), input: 'hello there' };
  switch (r.int(5)) {
    case 0:
      base.input = [{ role: 'user', content: [{ type: 'input_text', text: 'look' }, { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=' }] }];
      base.instructions = 'be brief';
      break;
    case 1:
      base.tools = [{ type: 'function', name: 'get_weather', description: 'weather', parameters: weatherSchema, strict: false }];
      base.tool_choice = r.pick(['auto', 'required', { type: 'function', name: 'get_weather' }]);
      break;
    case 2:
      base.input = [
        { role: 'user', content: 'weather?' },
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
        { type: 'function_call_output', call_id: 'call_1', output: '{"temp": 3}' },
      ];
      base.tools = [{ type: 'function', name: 'get_weather', parameters: weatherSchema }];
      break;
    case 3:
      Object.assign(base, { stream: true, temperature: 0.2, max_output_tokens: 50 });
      break;
    default:
      Object.assign(base, { text: { format: { type: 'json_schema', name: 'w', schema: weatherSchema } }, reasoning: { effort: 'low' }, metadata: { a: 'b' }, user: 'u1' });
  }
  return base;
}

function messagesBody(r: Rng): unknown {
  const base: Record<string, unknown> = { model: r.pick(models), max_tokens: 64, messages: [{ role: 'user', content: 'hello there' }] };
  switch (r.int(5)) {
    case 0:
      base.system = r.chance(0.5) ? 'be brief' : [{ type: 'text', text: 'be brief', cache_control: { type: 'ephemeral' } }];
      base.messages = [{ role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }] }];
      break;
    case 1:
      base.tools = [{ name: 'get_weather', description: 'weather', input_schema: weatherSchema }];
      base.tool_choice = r.pick([{ type: 'auto' }, { type: 'any' }, { type: 'tool', name: 'get_weather' }]);
      break;
    case 2:
      base.messages = [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '{"temp": 3}' }] },
      ];
      base.tools = [{ name: 'get_weather', input_schema: weatherSchema }];
      break;
    case 3:
      Object.assign(base, { stream: true, temperature: 0.2, stop_sequences: ['END'] });
      break;
    default:
      Object.assign(base, { metadata: { user_id: 'u1' }, top_p: 0.9, thinking: { type: 'enabled', budget_tokens: 1024 } });
  }
  return base;
}

// ---------------------------------------------------------------------------------------------
// Helicone headers with garbage values (ASCII only: what an HTTP client can send at all).

const headerValues = ['', ' ', 'true', 'false', 'TRUE', 'yes', '1', '0', '-1', 'NaN', 'Infinity', '1e309', '99999999999999999999', '0.5', 'abc', '%00', '\t', 'a,b,,c', ';;;', '=', 'null', '{}', '[]', "' OR 1=1 --", 'max-age=abc', 'x'.repeat(8_000)];
const propertyNames = ['Env', '', '!', '#$%&', "'*+-.^_`|~", 'x'.repeat(200), 'Helicone-Property-Nested', '__proto__', 'constructor', 'ENV', 'env'];

function headerSet(r: Rng): Record<string, string> {
  const headers: Record<string, string> = {};
  const value = () => (r.chance(0.3) ? String(r.pick(oddNumbers)) : r.pick(headerValues));
  const candidates: Array<() => void> = [
    () => (headers['Helicone-Cache-Enabled'] = r.pick(['true', 'false', value()])),
    () => (headers['Helicone-Cache-Save'] = value()),
    () => (headers['Helicone-Cache-Read'] = value()),
    () => (headers['Cache-Control'] = r.pick(['max-age=0', 'max-age=-5', 'max-age=99999999999', 's-maxage=x', 'no-cache', value()])),
    () => (headers['Helicone-Cache-Bucket-Max-Size'] = r.pick(['0', '21', '3', value()])),
    () => (headers['Helicone-Cache-Seed'] = value()),
    () => (headers['Helicone-Cache-Ignore-Keys'] = r.pick(['messages', 'model,,', ',', value()])),
    () => (headers['Helicone-Retry-Enabled'] = r.pick(['true', value()])),
    () => (headers['helicone-retry-num'] = r.pick(['11', '0', '-3', value()])),
    () => (headers['helicone-retry-factor'] = r.pick(['0.5', '0', value()])),
    () => (headers['helicone-retry-min-timeout'] = r.pick(['-1', '1e12', value()])),
    () => (headers['helicone-retry-max-timeout'] = r.pick(['0', '1', value()])),
    () =>
      (headers['Helicone-RateLimit-Policy'] = r.pick([
        '10;w=60',
        '1;w=60;s=user',
        '0;w=60',
        '5;w=59',
        '5;w=60;u=cents;s=env',
        '5;w=60;u=tokens',
        ';w=60',
        '5;w=',
        '5;w=60;s=',
        '5;;w=60',
        '-1;w=60',
        '5;w=60;s=nosuch',
        '1e3;w=60',
        'abc',
        value(),
      ])),
    () => (headers['Helicone-Request-Id'] = r.pick([r.uuid(), r.uuid().toUpperCase(), r.uuid().slice(0, 30), '00000000-0000-0000-0000-000000000000', value()])),
    () => (headers['Helicone-Session-Id'] = value()),
    () => (headers['Helicone-Session-Path'] = r.pick(['/a/b', '//', '/', 'no-slash', '/a/../b', value()])),
    () => (headers['Helicone-Session-Name'] = value()),
    () => (headers['Helicone-User-Id'] = value()),
    () => (headers[`Helicone-Property-${r.pick(propertyNames)}`] = value()),
    () => (headers['Helicone-Token-Limit-Exception-Handler'] = r.pick(['truncate', 'middle-out', 'fallback', 'TRUNCATE', 'drop', value()])),
    () => (headers['Helicone-Target-URL'] = r.pick(['http://127.0.0.1:1', 'https://evil.example/v1', 'ftp://x', 'javascript:alert(1)', '//x', 'http://[::1', 'http://10.0.0.1', value()])),
    () => (headers['Helicone-Omit-Request'] = value()),
    () => (headers['Helicone-Omit-Response'] = value()),
    () => (headers['Helicone-Model-Override'] = value()),
    () => (headers['Helicone-Prompt-Id'] = value()),
    () => (headers['Helicone-Moderations-Enabled'] = value()),
    () => (headers['Helicone-LLM-Security-Enabled'] = value()),
  ];
  for (let n = 1 + r.int(4); n > 0; n--) r.pick(candidates)();
  return headers;
}

// ---------------------------------------------------------------------------------------------
// Filter trees and sorts.

const tables = ['request_response_rmt', 'request', 'response', 'feedback', 'properties', 'values', 'sessions_request_response_rmt', 'users_view', 'requests', 'api_keys', 'sqlite_master', ''];
const columns = ['model', 'provider', 'user_id', 'status', 'latency', 'cost', 'request_created_at', 'properties', 'scores', 'search_properties', 'property_key', 'helicone-score-feedback', 'prompt_id', 'cached', 'request_body', 'total_cost', 'session_id', 'nope', '', 'rowid'];
const operators = ['equals', 'not-equals', 'like', 'ilike', 'contains', 'not-contains', 'gte', 'lte', 'gt', 'lt', 'in', 'between', '', 'EQUALS', '$ne'];
const branchOperators = ['and', 'or', 'AND', 'xor', 'not', '', 'and;'];

function leafValue(r: Rng): unknown {
  return r.pick<unknown>(['mock', 'null', '__empty__', '2026-01-01T00:00:00Z', '2026-13-01', 200, -1, 1e308, true, '%', '_', [], {}, null, ...oddStrings.slice(0, 12)]);
}

function filterTree(r: Rng, depth = 0): unknown {
  const roll = r.int(depth > 4 ? 4 : 10);
  switch (roll) {
    case 0:
      return 'all';
    case 1:
      return { request_response_rmt: { [r.pick(['model', 'provider', 'user_id'])]: { [r.pick(['equals', 'contains', 'not-equals'])]: r.pick(['mock', '', '%', '💥']) } } };
    case 2:
    case 3: {
      const column = r.pick(columns);
      const inner = ['properties', 'scores', 'search_properties', 'values'].includes(column) || r.chance(0.1) ? { [r.pick(['Env', 'env', '', '💥', 'x'.repeat(100)])]: { [r.pick(operators)]: leafValue(r) } } : { [r.pick(operators)]: leafValue(r) };
      return { [r.pick(tables)]: r.chance(0.9) ? { [column]: inner } : garbage(r) };
    }
    case 4:
    case 5:
    case 6: {
      const branch: Record<string, unknown> = { left: filterTree(r, depth + 1), operator: r.pick(branchOperators), right: filterTree(r, depth + 1) };
      if (r.chance(0.1)) delete branch[r.pick(['left', 'operator', 'right'])];
      if (r.chance(0.05)) branch.extra = 1;
      return branch;
    }
    case 7: {
      let tree: unknown = { request_response_rmt: { model: { equals: 'mock' } } };
      for (let i = r.pick([49, 51, 300, 3_000]); i > 0; i--) tree = { left: tree, operator: 'and', right: 'all' };
      return tree;
    }
    case 8:
      return [filterTree(r, depth + 1)];
    default:
      return garbage(r);
  }
}

function sort(r: Rng): unknown {
  switch (r.int(5)) {
    case 0:
      return { [r.pick(columns)]: r.pick(['asc', 'desc', 'ASC', 'sideways', '', 1, null]) };
    case 1:
      return { properties: { [r.pick(['Env', '', '💥'])]: r.pick(['asc', 'desc', 'x']) } };
    case 2:
      return { [r.pick(columns)]: 'asc', [r.pick(columns)]: 'desc' };
    case 3:
      return garbage(r);
    default:
      return { created_at: 'desc' };
  }
}

const queryRoutes = ['/v1/request/query-clickhouse', '/v1/request/query', '/v1/session/query', '/v1/user/metrics/query', '/v1/metrics/query'] as const;

function queryBody(r: Rng, route: (typeof queryRoutes)[number]): unknown {
  const body: Record<string, unknown> = { filter: filterTree(r) };
  const maybe = (key: string, good: () => unknown) => {
    if (r.chance(0.5)) body[key] = r.chance(0.75) ? good() : garbage(r);
  };
  switch (route) {
    case '/v1/session/query':
      body.search = r.chance(0.8) ? r.pick(['', 'a', '%', "'"]) : garbage(r);
      body.timeFilter = r.chance(0.8) ? { startTimeUnixMs: r.pick([0, -1, 1e308]), endTimeUnixMs: r.pick([4e12, 0, -5]) } : garbage(r);
      body.timezoneDifference = r.chance(0.8) ? r.pick([0, 60, -1440, 1441, 0.5]) : garbage(r);
      maybe('nameEquals', () => r.pick(['', 's', '💥']));
      maybe('limit', () => r.pick([0, 10, 1000, 1001, -1, 1.5]));
      maybe('offset', () => r.pick([0, 5, -1, 1e308]));
      break;
    case '/v1/user/metrics/query':
      body.offset = r.chance(0.8) ? r.pick([0, 3, -1]) : garbage(r);
      maybe('limit', () => r.pick([0, 10, 1001]));
      maybe('sort', () => sort(r));
      maybe('timeFilter', () => ({ startTimeUnixSeconds: r.pick([0, -1]), endTimeUnixSeconds: r.pick([4e9, 0]) }));
      maybe('timeZoneDifferenceMinutes', () => r.pick([0, 1441, -30]));
      break;
    case '/v1/metrics/query':
      maybe('groupBy', () => r.pick(['model', 'provider', 'user', 'status', 'property', 'time', 'none', 'nope']));
      maybe('property', () => r.pick(['Env', '', '💥']));
      maybe('timeBucket', () => r.pick(['minute', 'hour', 'day', 'week', 'year']));
      maybe('timeFilter', () => ({ startTimeUnixMs: r.pick([0, -1, 1e308]), endTimeUnixMs: r.pick([4e12, 0]) }));
      maybe('limit', () => r.pick([0, 10, 1001]));
      break;
    default:
      maybe('sort', () => sort(r));
      maybe('limit', () => r.pick([0, 10, 1000, 1001, -1, 1.5]));
      maybe('offset', () => r.pick([0, 5, -1, 1e308]));
      maybe('isCached', () => r.chance(0.5));
      maybe('isScored', () => r.chance(0.5));
  }
  if (r.chance(0.1)) body[r.pick(oddKeys)] = garbage(r);
  if (r.chance(0.1)) delete body.filter;
  return body;
}

// ---------------------------------------------------------------------------------------------
// Managed prompts.

const promptBody = {
  model: 'mock',
  temperature: 0.5,
  max_tokens: '{{hc:budget:number}}',
  messages: [
    { role: 'system', content: 'Plan trips. Answer in {{hc:language:string}}. Flexible: {{hc:flexible:boolean}}.' },
    { role: 'user', content: 'Plan {{hc:days:number}} days in {{hc:city:string}}.' },
  ],
};
const variables = ['budget', 'language', 'flexible', 'days', 'city'];

function promptInputs(r: Rng): unknown {
  if (r.chance(0.1)) return garbage(r);
  const inputs: Record<string, unknown> = {};
  for (const name of variables) {
    if (r.chance(0.15)) continue;
    inputs[name] = r.chance(0.75) ? { budget: 100, language: 'French', flexible: 'yes', days: '3', city: 'Kyoto' }[name] : garbage(r);
  }
  if (r.chance(0.2)) inputs[r.pick(oddKeys)] = garbage(r);
  return inputs;
}

const promptRoutes = [
  '/v1/prompt-2025',
  '/v1/prompt-2025/update',
  '/v1/prompt-2025/update/environment',
  '/v1/prompt-2025/remove/environment',
  '/v1/prompt-2025/query',
  '/v1/prompt-2025/query/version',
  '/v1/prompt-2025/query/versions',
  '/v1/prompt-2025/query/production-version',
  '/v1/prompt-2025/query/environment-version',
  '/v1/prompt-2025/query/total-versions',
] as const;

function promptRouteBody(r: Rng, route: (typeof promptRoutes)[number], ids: { promptId: string; versionId: string }): unknown {
  const promptId = () => r.pick([ids.promptId, ids.promptId, 'nope', '', ids.versionId]);
  const versionId = () => r.pick([ids.versionId, ids.versionId, 'nope', '', ids.promptId]);
  const valid: Record<(typeof promptRoutes)[number], unknown> = {
    '/v1/prompt-2025': { name: 'Fuzzed', tags: ['a', 'b'], promptBody },
    '/v1/prompt-2025/update': { promptId: promptId(), promptVersionId: versionId(), newMajorVersion: r.chance(0.5), environment: r.pick(['staging', 'production', '']), commitMessage: 'm', promptBody },
    '/v1/prompt-2025/update/environment': { promptId: promptId(), promptVersionId: versionId(), environment: r.pick(['staging', 'production', '', 'x'.repeat(500)]) },
    '/v1/prompt-2025/remove/environment': { promptId: promptId(), promptVersionId: versionId(), environment: r.pick(['staging', 'production', 'nope']) },
    '/v1/prompt-2025/query': { search: r.pick(['', 'Trip', '%']), tagsFilter: ['travel'], page: r.pick([0, 1, -1]), pageSize: r.pick([10, 0, 1001]) },
    '/v1/prompt-2025/query/version': { promptVersionId: versionId() },
    '/v1/prompt-2025/query/versions': { promptId: promptId(), majorVersion: r.pick([1, 0, -1, 1.5]) },
    '/v1/prompt-2025/query/production-version': { promptId: promptId() },
    '/v1/prompt-2025/query/environment-version': { promptId: promptId(), environment: r.pick(['staging', 'production', 'nope']) },
    '/v1/prompt-2025/query/total-versions': { promptId: promptId() },
  };
  return valid[route];
}

// ---------------------------------------------------------------------------------------------
// MCP tool arguments, from each tool's input schema.

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
}

function plausible(r: Rng, schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 3) return garbage(r);
  if (schema.enum?.length) return r.pick(schema.enum);
  if (schema.anyOf?.length) return plausible(r, r.pick(schema.anyOf), depth + 1);
  const type = Array.isArray(schema.type) ? r.pick(schema.type) : schema.type;
  switch (type) {
    case 'string':
      return r.pick(['mock', 'hello', '', '{"a":1}', '{', r.uuid(), 's1', 'Env', 'all']);
    case 'number':
    case 'integer':
      return r.pick([0, 1, 10, -1, 1.5, 1e308, 1001]);
    case 'boolean':
      return r.chance(0.5);
    case 'array':
      return Array.from({ length: r.int(3) }, () => plausible(r, schema.items, depth + 1));
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(schema.properties ?? {})) if (r.chance(0.5)) object[key] = plausible(r, value, depth + 1);
      return object;
    }
    default:
      return garbage(r);
  }
}

function toolArguments(r: Rng, tool: { name: string; inputSchema: JsonSchema }): unknown {
  if (r.chance(0.05)) return garbage(r);
  const args: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
    const roll = r.next();
    if (roll < 0.3) continue;
    if (roll < 0.7) args[key] = plausible(r, schema);
    else if (roll < 0.8 && key === 'filter') args[key] = r.chance(0.5) ? filterTree(r) : JSON.stringify(filterTree(r));
    else if (roll < 0.85 && key === 'messages') args[key] = [{ role: r.pick(['user', 'robot', 'tool', '']), content: r.chance(0.5) ? 'hi' : garbage(r) }];
    else if (roll < 0.9 && key === 'model') args[key] = r.pick(models);
    else args[key] = garbage(r);
  }
  if (tool.name === 'use_ai_gateway' && r.chance(0.5)) {
    args.model = r.pick(models);
    args.messages ??= [{ role: 'user', content: 'hi' }];
  }
  if (r.chance(0.1)) args[r.pick(oddKeys)] = garbage(r);
  return args;
}

// ---------------------------------------------------------------------------------------------
// Sending and checking.

type Shape = 'openai' | 'anthropic' | 'envelope' | 'mcp';

interface Tally {
  tried: number;
  accepted: number;
  rejected: number;
  serverErrors: number;
}

const families = ['chat', 'responses', 'messages', 'headers', 'queries', 'prompt inputs', 'prompt-2025', 'mcp tools'] as const;
type Family = (typeof families)[number];
const tallies = new Map<Family, Tally>(families.map((family) => [family, { tried: 0, accepted: 0, rejected: 0, serverErrors: 0 }]));
const problems: string[] = [];

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/** Why an error body is not in its API's shape with a message, or undefined when it is. */
function errorShapeProblem(shape: Shape, body: unknown): string | undefined {
  const b = body as { type?: unknown; data?: unknown; error?: { message?: unknown } | string | null } | null;
  if (!b || typeof b !== 'object') return 'the body is not a JSON object';
  switch (shape) {
    case 'openai':
      return typeof b.error === 'object' && b.error && nonEmpty(b.error.message) ? undefined : 'no error.message';
    case 'anthropic':
      return b.type === 'error' && typeof b.error === 'object' && b.error && nonEmpty(b.error.message) ? undefined : 'not {type:"error", error:{message}}';
    case 'envelope':
      return b.data === null && nonEmpty(b.error) ? undefined : 'not {data:null, error:"…"}';
    case 'mcp':
      return typeof b.error === 'object' && b.error && nonEmpty(b.error.message) ? undefined : 'no JSON-RPC error.message';
  }
}

function describeInput(input: string, headers: Record<string, string>): string {
  const shown = input.length > 300 ? `${input.slice(0, 300)}… (${input.length} chars)` : input;
  const named = Object.entries(headers).filter(([name]) => name !== 'content-type' && name !== 'accept');
  return `${named.length ? `${JSON.stringify(Object.fromEntries(named.map(([k, v]) => [k, v.length > 80 ? `${v.slice(0, 80)}…` : v])))} ` : ''}${shown}`;
}

let gw: GatewayUnderTest;
let fake: FakeProvider;

async function send(family: Family, shape: Shape, path: string, body: string, headers: Record<string, string> = {}): Promise<void> {
  const tally = tallies.get(family)!;
  tally.tried++;
  const allHeaders = { 'content-type': 'application/json', ...headers };
  let status: number;
  let text: string;
  let contentType: string;
  try {
    const response = await fetch(`${gw.url}${path}`, { method: 'POST', headers: allHeaders, body });
    status = response.status;
    contentType = response.headers.get('content-type') ?? '';
    text = await response.text();
  } catch (error) {
    tally.serverErrors++;
    problems.push(`${family} POST ${path}: no answer (${String((error as Error).cause ?? error)}) for ${describeInput(body, allHeaders)}`);
    return;
  }
  const where = () => `${family} POST ${path} → ${status} ${text.slice(0, 300)}\n    input: ${describeInput(body, allHeaders)}`;
  if (status >= 500) {
    tally.serverErrors++;
    problems.push(`5xx: ${where()}`);
    return;
  }
  if (status >= 400) {
    tally.rejected++;
    if (!/^application\/json/.test(contentType)) return void problems.push(`not JSON (${contentType}): ${where()}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return void problems.push(`unparsable JSON: ${where()}`);
    }
    const problem = errorShapeProblem(shape, parsed);
    if (problem) problems.push(`${problem}: ${where()}`);
    return;
  }
  if (shape !== 'mcp') {
    tally.accepted++;
    if (/^application\/json/.test(contentType)) {
      try {
        JSON.parse(text);
      } catch {
        problems.push(`unparsable 2xx JSON: ${where()}`);
      }
    } else if (!/^text\/event-stream/.test(contentType)) problems.push(`2xx neither JSON nor a stream (${contentType}): ${where()}`);
    return;
  }
  // MCP answers 200 with a JSON-RPC message: an error, or a result (a tool's refusal has isError).
  let message: { error?: { message?: unknown }; result?: { isError?: boolean; content?: Array<{ text?: unknown }> } };
  try {
    message = JSON.parse(text);
  } catch {
    return void problems.push(`unparsable JSON-RPC answer: ${where()}`);
  }
  if (message.error) {
    tally.rejected++;
    if (!nonEmpty(message.error.message)) problems.push(`JSON-RPC error without a message: ${where()}`);
  } else if (message.result?.isError) {
    tally.rejected++;
    if (!nonEmpty(message.result.content?.[0]?.text)) problems.push(`tool error without a message: ${where()}`);
    // A tool whose gateway call got a 5xx or no answer, or that threw, says so (mcp-server/src/tool-result.ts).
    if (/The provider or the gateway failed|The gateway did not answer|The tool failed:/.test(String(message.result.content?.[0]?.text))) problems.push(`tool met a server error: ${where()}`);
  } else if (message.result) tally.accepted++;
  else problems.push(`JSON-RPC answer with neither result nor error: ${where()}`);
}

/** Runs the jobs `width` at a time, in order of start. */
async function pool(jobs: Array<() => Promise<void>>, width: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}

beforeAll(async () => {
  fake = await FakeProvider.start();
  gw = await GatewayUnderTest.start(fakeEnv(fake), { routes: mcpRoutes });
});

afterAll(async () => {
  await gw?.close();
  await fake?.close();
});

function familyProblems(family: Family): string[] {
  return problems.filter((problem) => problem.includes(`${family} POST`));
}

function expectFamilyClean(family: Family): void {
  const tally = tallies.get(family)!;
  expect(familyProblems(family).slice(0, 10), `${familyProblems(family).length} problems`).toEqual([]);
  expect(tally.serverErrors).toBe(0);
  // The inputs reached both sides: some were accepted, some refused.
  expect(tally.accepted).toBeGreaterThan(0);
  expect(tally.rejected).toBeGreaterThan(0);
}

describe('fuzzing: malformed input gets a JSON 4xx naming the problem, never a 5xx', () => {
  it('Chat Completions, Responses and Messages bodies', async () => {
    const r = new Rng(SEED);
    const jobs: Array<() => Promise<void>> = [];
    for (let i = 0; i < 450; i++) {
      const body = bodyText(r, chatBody(r));
      jobs.push(() => send('chat', 'openai', '/v1/chat/completions', body));
    }
    for (let i = 0; i < 400; i++) {
      const body = bodyText(r, responsesBody(r));
      jobs.push(() => send('responses', 'openai', '/v1/responses', body));
    }
    for (let i = 0; i < 400; i++) {
      const body = bodyText(r, messagesBody(r));
      jobs.push(() => send('messages', 'anthropic', '/v1/messages', body));
    }
    await pool(jobs, 8);
    for (const family of ['chat', 'responses', 'messages'] as const) expectFamilyClean(family);
  });

  it('Helicone headers with garbage values', async () => {
    const r = new Rng(SEED + 1);
    const jobs: Array<() => Promise<void>> = [];
    const paths = [
      ['/v1/chat/completions', 'openai', () => ({ model: 'mock', messages: [{ role: 'user', content: `hi ${r.int(4)}` }], ...(r.chance(0.2) ? { stream: true } : {}) })],
      ['/v1/responses', 'openai', () => ({ model: 'mock', input: `hi ${r.int(4)}` })],
      ['/v1/messages', 'anthropic', () => ({ model: 'mock', max_tokens: 32, messages: [{ role: 'user', content: `hi ${r.int(4)}` }] })],
    ] as const;
    for (let i = 0; i < 500; i++) {
      const [path, shape, body] = r.pick(paths);
      const text = JSON.stringify(body());
      const headers = headerSet(r);
      jobs.push(() => send('headers', shape, path, text, headers));
    }
    // One at a time: rate-limit buckets, cached answers and reused request ids depend on order.
    await pool(jobs, 1);
    expectFamilyClean('headers');
  });

  it('filter trees and sorts on the query API', async () => {
    const r = new Rng(SEED + 2);
    const jobs: Array<() => Promise<void>> = [];
    for (let i = 0; i < 750; i++) {
      const route = r.pick(queryRoutes);
      const body = r.chance(0.05) ? bodyText(r, { filter: 'all' }) : JSON.stringify(queryBody(r, route));
      jobs.push(() => send('queries', 'envelope', route, body));
    }
    await pool(jobs, 8);
    expectFamilyClean('queries');
  });

  it('managed prompt inputs, and /v1/prompt-2025 bodies', async () => {
    const created = await gw.post('/v1/prompt-2025', { name: 'Trip planner', tags: ['travel'], promptBody });
    expect(created.status).toBe(201);
    const ids = ((await created.json()) as { data: { id: string; versionId: string } }).data;

    const r = new Rng(SEED + 3);
    const jobs: Array<() => Promise<void>> = [];
    for (let i = 0; i < 300; i++) {
      const body: Record<string, unknown> = { prompt_id: r.chance(0.9) ? ids.id : garbage(r), inputs: promptInputs(r) };
      if (r.chance(0.3)) body.messages = r.chance(0.7) ? [{ role: 'user', content: 'Keep it cheap.' }] : garbage(r);
      if (r.chance(0.15)) body.version_id = r.pick([ids.versionId, 'nope', '', 7]);
      if (r.chance(0.15)) body.environment = r.pick(['production', 'staging', '', 7]);
      if (r.chance(0.15)) body.model = r.pick([...models, 42]);
      if (r.chance(0.1)) body.stream = true;
      const text = r.chance(0.1) ? bodyText(r, body) : JSON.stringify(body);
      jobs.push(() => send('prompt inputs', 'openai', '/v1/chat/completions', text));
    }
    for (let i = 0; i < 300; i++) {
      const route = r.pick(promptRoutes);
      const valid = promptRouteBody(r, route, { promptId: ids.id, versionId: ids.versionId });
      const body = r.chance(0.25) ? JSON.stringify(valid) : bodyText(r, valid);
      jobs.push(() => send('prompt-2025', 'envelope', route, body));
    }
    // One at a time: versions and environments change as the bodies are accepted.
    await pool(jobs, 1);
    expectFamilyClean('prompt inputs');
    expectFamilyClean('prompt-2025');
  });

  it('MCP tool arguments over /mcp', async () => {
    const mcpHeaders = { accept: 'application/json, text/event-stream' };
    const listed = await fetch(`${gw.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', ...mcpHeaders }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
    expect(listed.status).toBe(200);
    const tools = ((await listed.json()) as { result: { tools: Array<{ name: string; inputSchema: JsonSchema }> } }).result.tools;
    expect(tools.map((tool) => tool.name)).toContain('use_ai_gateway');

    const r = new Rng(SEED + 4);
    const jobs: Array<() => Promise<void>> = [];
    for (let i = 0; i < 330; i++) {
      const tool = tools[i % tools.length]!;
      const params: Record<string, unknown> = { name: tool.name, arguments: toolArguments(r, tool) };
      if (r.chance(0.03)) params.name = r.pick(['', 'nope', 42, null]);
      if (r.chance(0.02)) delete params.arguments;
      const message = { jsonrpc: '2.0', id: i + 2, method: 'tools/call', params };
      const body = r.chance(0.03) ? bodyText(r, message) : JSON.stringify(message);
      jobs.push(() => send('mcp tools', 'mcp', '/mcp', body, mcpHeaders));
    }
    await pool(jobs, 8);
    expectFamilyClean('mcp tools');
  });

  it('the gateway is still healthy, logged no 5xx, and the figures add up', async () => {
    const health = await fetch(`${gw.url}/healthz`);
    expect(health.status).toBe(200);
    await gw.gateway.logQueue.flush();
    const failed = await gw.gateway.store.sql.all('SELECT request_path, status, error_message FROM requests WHERE status >= 500');
    expect(failed.slice(0, 5)).toEqual([]);

    const all = [...tallies.values()];
    const sum = (key: keyof Tally) => all.reduce((total, tally) => total + tally[key], 0);
    const perFamily = [...tallies].map(([family, t]) => `${family} ${t.tried} (${t.rejected} rejected, ${t.accepted} accepted)`).join('; ');
    reportFigure('fuzzing', `fuzz: ${sum('tried')} inputs, ${sum('serverErrors')} server errors, ${sum('rejected')} rejected with a JSON 4xx naming the problem, ${sum('accepted')} accepted — ${perFamily}`);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(sum('serverErrors')).toBe(0);
    expect(sum('tried')).toBeGreaterThanOrEqual(3_000);
  });
});
