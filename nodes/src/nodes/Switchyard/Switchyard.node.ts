/**
 * "Switchyard": reads and grades what the gateway logged, so a workflow can check its own runs.
 * Requests: get many (Helicone's filter tree, built from the filters or given as JSON), get one
 * (with its bodies), add feedback, score. Sessions: get many, get a session's trace (by default
 * this execution's own session, which the Switchyard Chat Model uses unless told otherwise).
 */
import type {
  IDataObject,
  IExecuteFunctions,
  INode,
  INodeExecutionData,
  INodeProperties,
  INodeType,
  INodeTypeDescription,
  JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { GatewayClient, GatewayClientError } from '../../../../gateway/src/client/index.js';
import type { HeliconeRequestRow, SessionTrace, TraceNode } from '../../../../gateway/src/client/index.js';
import { clientOptions, connectionFrom, credentialName } from '../../shared/connection.js';
import { docs } from '../../shared/links.js';
import { isoDate, jsonObject } from '../../shared/parameters.js';

/** The largest page the query API returns. */
const pageSize = 1000;
const day = 86_400_000;

type Filter = 'all' | Record<string, unknown>;

const leaf = (column: string, condition: Record<string, unknown>): Filter => ({ request_response_rmt: { [column]: condition } });
const both = (left: Filter, right: Filter): Filter => ({ left, operator: 'and', right });
const either = (left: Filter, right: Filter): Filter => ({ left, operator: 'or', right });

/** The leaves joined with "and"; "all" when there are none. */
function allOf(leaves: Filter[]): Filter {
  const [first, ...rest] = leaves;
  return first === undefined ? 'all' : rest.reduce(both, first);
}

const sorts: Record<string, Record<string, 'asc' | 'desc'>> = {
  newest: { created_at: 'desc' },
  oldest: { created_at: 'asc' },
  cost: { cost: 'desc' },
  latency: { latency: 'desc' },
  tokens: { total_tokens: 'desc' },
};

const requestIdField = (operations: string[]): INodeProperties => ({
  displayName: 'Request ID',
  name: 'requestId',
  type: 'string',
  default: '',
  required: true,
  placeholder: 'e.g. {{ $json.request_id }}',
  description: 'The logged request: request_id in the results of Get Many, or the Helicone-Id response header of the call',
  displayOptions: { show: { resource: ['request'], operation: operations } },
});

const customFilterField: INodeProperties = {
  displayName: 'Filter (JSON)',
  name: 'customFilter',
  type: 'json',
  default: '',
  placeholder: '{"request_response_rmt": {"latency": {"gt": 5000}}}',
  description:
    'A Helicone filter tree, combined with the other filters by "and": a leaf {"request_response_rmt": {"&lt;column&gt;": {"&lt;operator&gt;": value}}} or {"left": …, "operator": "and"|"or", "right": …}',
};

const returnAllFields = (resource: string, what: string): INodeProperties[] => [
  {
    displayName: 'Return All',
    name: 'returnAll',
    type: 'boolean',
    default: false,
    description: 'Whether to return all results or only up to a given limit',
    displayOptions: { show: { resource: [resource], operation: ['getAll'] } },
  },
  {
    displayName: 'Limit',
    name: 'limit',
    type: 'number',
    default: 50,
    typeOptions: { minValue: 1, maxValue: pageSize },
    description: `Max number of ${what} to return`,
    displayOptions: { show: { resource: [resource], operation: ['getAll'], returnAll: [false] } },
  },
];

const properties: INodeProperties[] = [
  {
    displayName: 'Resource',
    name: 'resource',
    type: 'options',
    noDataExpression: true,
    default: 'request',
    options: [
      { name: 'Request', value: 'request', description: 'A model call the gateway logged' },
      { name: 'Session', value: 'session', description: 'The requests that share a session ID, e.g. one workflow execution' },
    ],
  },
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    default: 'getAll',
    displayOptions: { show: { resource: ['request'] } },
    options: [
      { name: 'Add Feedback', value: 'addFeedback', description: 'Rate a request as good or bad', action: 'Add feedback to a request' },
      { name: 'Get', value: 'get', description: 'Get one request with its bodies', action: 'Get a request' },
      { name: 'Get Many', value: 'getAll', description: 'Query the logged requests', action: 'Get many requests' },
      { name: 'Score', value: 'score', description: 'Attach named scores to a request', action: 'Score a request' },
    ],
  },
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    default: 'getTrace',
    displayOptions: { show: { resource: ['session'] } },
    options: [
      { name: 'Get Many', value: 'getAll', description: 'Query the sessions with their totals', action: 'Get many sessions' },
      { name: 'Get Trace', value: 'getTrace', description: 'Get a session as a tree of its steps', action: 'Get the trace of a session' },
    ],
  },

  // ── request: get many ──
  ...returnAllFields('request', 'requests'),
  {
    displayName: 'Filters',
    name: 'filters',
    type: 'collection',
    placeholder: 'Add Filter',
    default: {},
    displayOptions: { show: { resource: ['request'], operation: ['getAll'] } },
    options: [
      {
        displayName: 'Session ID',
        name: 'sessionId',
        type: 'string',
        default: '',
        placeholder: 'e.g. {{ $execution.id }}',
        description: "Only the session's requests; {{ $execution.id }} is this execution's own session",
      },
      { displayName: 'User ID', name: 'userId', type: 'string', default: '', description: 'Only requests for this user (Helicone-User-Id)' },
      { displayName: 'Model Contains', name: 'model', type: 'string', default: '', placeholder: 'e.g. gpt-4o', description: 'Only requests whose model contains this text' },
      {
        displayName: 'Status',
        name: 'status',
        type: 'options',
        default: 'any',
        options: [
          { name: 'Any', value: 'any' },
          { name: 'Succeeded (2xx)', value: 'success' },
          { name: 'Failed', value: 'error', description: 'An error status (400 or more), or cancelled by the client' },
        ],
      },
      { displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '', description: 'Only requests made at or after this time' },
      { displayName: 'Created Before', name: 'createdBefore', type: 'dateTime', default: '', description: 'Only requests made at or before this time' },
      {
        displayName: 'Properties',
        name: 'properties',
        type: 'fixedCollection',
        placeholder: 'Add Property',
        default: {},
        typeOptions: { multipleValues: true },
        description: 'Only requests with these custom property values (all of them)',
        options: [
          {
            displayName: 'Property',
            name: 'property',
            values: [
              { displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. environment' },
              { displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. production' },
            ],
          },
        ],
      },
      customFilterField,
    ],
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    displayOptions: { show: { resource: ['request'], operation: ['getAll'] } },
    options: [
      {
        displayName: 'Sort',
        name: 'sort',
        type: 'options',
        default: 'newest',
        options: [
          { name: 'Newest First', value: 'newest' },
          { name: 'Oldest First', value: 'oldest' },
          { name: 'Most Expensive First', value: 'cost' },
          { name: 'Slowest First', value: 'latency' },
          { name: 'Most Tokens First', value: 'tokens' },
        ],
      },
      { displayName: 'Include Bodies', name: 'includeBodies', type: 'boolean', default: false, description: 'Whether to fetch each request\'s request and response bodies (one more call per request)' },
    ],
  },

  // ── request: get, add feedback, score ──
  requestIdField(['get', 'addFeedback', 'score']),
  {
    displayName: 'Include Bodies',
    name: 'includeBodies',
    type: 'boolean',
    default: true,
    description: 'Whether to include the request and response bodies',
    displayOptions: { show: { resource: ['request'], operation: ['get'] } },
  },
  {
    displayName: 'Rating',
    name: 'rating',
    type: 'options',
    default: 'positive',
    description: `Stored as the score helicone-score-feedback (1 or 0). <a href="${docs.feedback}">More info</a>.`,
    options: [
      { name: 'Positive', value: 'positive' },
      { name: 'Negative', value: 'negative' },
    ],
    displayOptions: { show: { resource: ['request'], operation: ['addFeedback'] } },
  },
  {
    displayName: 'Scores',
    name: 'scores',
    type: 'fixedCollection',
    placeholder: 'Add Score',
    default: {},
    required: true,
    typeOptions: { multipleValues: true },
    description: 'Named scores for the request, e.g. accuracy 87',
    displayOptions: { show: { resource: ['request'], operation: ['score'] } },
    options: [
      {
        displayName: 'Score',
        name: 'score',
        values: [
          { displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. accuracy' },
          { displayName: 'Value', name: 'value', type: 'number', default: 0, description: 'A number (use 1 or 0 for yes or no)' },
        ],
      },
    ],
  },

  // ── session: get many ──
  ...returnAllFields('session', 'sessions'),
  {
    displayName: 'Filters',
    name: 'sessionFilters',
    type: 'collection',
    placeholder: 'Add Filter',
    default: {},
    displayOptions: { show: { resource: ['session'], operation: ['getAll'] } },
    options: [
      { displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Text in the session ID or name' },
      { displayName: 'Name', name: 'nameEquals', type: 'string', default: '', description: 'Only sessions with exactly this name' },
      { displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '', description: 'Start of the time range (default: 7 days ago)' },
      { displayName: 'Created Before', name: 'createdBefore', type: 'dateTime', default: '', description: 'End of the time range (default: now)' },
      customFilterField,
    ],
  },

  // ── session: get trace ──
  {
    displayName: 'Session ID',
    name: 'sessionId',
    type: 'string',
    default: '={{ $execution.id }}',
    required: true,
    description: "The session to trace; by default this execution's own session (what the Switchyard Chat Model logs unless given another Session ID)",
    displayOptions: { show: { resource: ['session'], operation: ['getTrace'] } },
  },
  {
    displayName: 'Output',
    name: 'output',
    type: 'options',
    default: 'trace',
    options: [
      { name: 'Whole Trace', value: 'trace', description: 'One item: the session as a tree by path, with totals at each step' },
      { name: 'One Item per Request', value: 'requests', description: "The session's requests in order, each with its path" },
    ],
    displayOptions: { show: { resource: ['session'], operation: ['getTrace'] } },
  },
];

function rows(values: unknown[]): IDataObject[] {
  return values as IDataObject[];
}

/** The session's requests in time order, each with the session's id and name. */
function traceRequests(trace: SessionTrace): IDataObject[] {
  const requests: IDataObject[] = [];
  const walk = (node: TraceNode): void => {
    for (const request of node.requests) requests.push({ session_id: trace.session_id, session_name: trace.session_name, ...request });
    node.children.forEach(walk);
  };
  walk(trace.tree);
  return requests.sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
}

function requestFilter(context: IExecuteFunctions, node: INode, itemIndex: number): Filter {
  const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
  const leaves: Filter[] = [];
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const sessionId = text(filters.sessionId);
  if (sessionId) leaves.push(leaf('properties', { 'Helicone-Session-Id': { equals: sessionId } }));
  const userId = text(filters.userId);
  if (userId) leaves.push(leaf('user_id', { equals: userId }));
  const model = text(filters.model);
  if (model) leaves.push(leaf('model', { contains: model }));
  if (filters.status === 'success') leaves.push(both(leaf('status', { gte: 200 }), leaf('status', { lt: 300 })));
  if (filters.status === 'error') leaves.push(either(leaf('status', { gte: 400 }), leaf('status', { lt: 0 })));
  const after = isoDate(node, 'Created After', filters.createdAfter, itemIndex);
  if (after) leaves.push(leaf('request_created_at', { gte: after }));
  const before = isoDate(node, 'Created Before', filters.createdBefore, itemIndex);
  if (before) leaves.push(leaf('request_created_at', { lte: before }));
  const propertyList = ((filters.properties as IDataObject | undefined)?.property ?? []) as Array<{ name?: string; value?: string }>;
  for (const { name, value } of propertyList) {
    if (!text(name)) throw new NodeOperationError(node, 'Filters › Properties: every property needs a name', { itemIndex });
    leaves.push(leaf('properties', { [text(name)!]: { equals: value ?? '' } }));
  }
  const custom = customFilter(node, filters.customFilter, itemIndex);
  if (custom !== 'all') leaves.push(custom);
  return allOf(leaves);
}

function customFilter(node: INode, value: unknown, itemIndex: number): Filter {
  if (value === 'all' || (typeof value === 'string' && value.trim() === '"all"')) return 'all';
  return (jsonObject(node, 'Filter (JSON)', value, itemIndex, '{"request_response_rmt": {"status": {"gte": 400}}}') as Filter | undefined) ?? 'all';
}

async function pages<T>(returnAll: boolean, limit: number, fetchPage: (offset: number, size: number) => Promise<T[]>): Promise<T[]> {
  if (!returnAll) return fetchPage(0, limit);
  const all: T[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await fetchPage(offset, pageSize);
    all.push(...page);
    if (page.length < pageSize) return all;
  }
}

async function run(context: IExecuteFunctions, client: GatewayClient, node: INode, itemIndex: number): Promise<IDataObject[]> {
  const resource = context.getNodeParameter('resource', itemIndex) as string;
  const operation = context.getNodeParameter('operation', itemIndex) as string;
  const requestId = (): string => {
    const id = String(context.getNodeParameter('requestId', itemIndex, '')).trim();
    if (!id) throw new NodeOperationError(node, 'Request ID is required', { itemIndex, description: 'Map it from a previous node, e.g. {{ $json.request_id }}' });
    return id;
  };
  const returnAll = () => context.getNodeParameter('returnAll', itemIndex, false) as boolean;
  const limit = () => context.getNodeParameter('limit', itemIndex, 50) as number;

  if (resource === 'request' && operation === 'getAll') {
    const filter = requestFilter(context, node, itemIndex);
    const options = context.getNodeParameter('options', itemIndex, {}) as { sort?: string; includeBodies?: boolean };
    const sort = sorts[options.sort ?? 'newest'] ?? sorts.newest;
    const found = await pages(returnAll(), limit(), (offset, size) => client.queryRequests({ filter, sort, offset, limit: size }));
    if (!options.includeBodies) return rows(found);
    const withBodies: HeliconeRequestRow[] = [];
    for (const row of found) {
      const { request, response } = await client.getRequestBodies(row);
      withBodies.push({ ...row, request_body: request, response_body: response });
    }
    return rows(withBodies);
  }
  if (resource === 'request' && operation === 'get') {
    const includeBody = context.getNodeParameter('includeBodies', itemIndex, true) as boolean;
    return rows([await client.getRequest(requestId(), { includeBody })]);
  }
  if (resource === 'request' && operation === 'addFeedback') {
    const id = requestId();
    const rating = context.getNodeParameter('rating', itemIndex, 'positive') === 'positive';
    await client.addFeedback(id, rating);
    return [{ request_id: id, rating, success: true }];
  }
  if (resource === 'request' && operation === 'score') {
    const id = requestId();
    const entries = ((context.getNodeParameter('scores', itemIndex, {}) as IDataObject).score ?? []) as Array<{ name?: string; value?: number }>;
    if (entries.length === 0) throw new NodeOperationError(node, 'Scores: add at least one score (a name and a number)', { itemIndex });
    const scores: Record<string, number> = {};
    for (const { name, value } of entries) {
      const key = typeof name === 'string' ? name.trim() : '';
      if (!key) throw new NodeOperationError(node, 'Scores: every score needs a name', { itemIndex });
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new NodeOperationError(node, `Scores: "${key}" needs a number, got ${String(value)}`, { itemIndex });
      scores[key] = value;
    }
    await client.addScores(id, scores);
    return [{ request_id: id, scores, success: true }];
  }
  if (resource === 'session' && operation === 'getAll') {
    const filters = context.getNodeParameter('sessionFilters', itemIndex, {}) as IDataObject;
    const now = Date.now();
    const after = isoDate(node, 'Created After', filters.createdAfter, itemIndex);
    const before = isoDate(node, 'Created Before', filters.createdBefore, itemIndex);
    const timeFilter = { startTimeUnixMs: after ? Date.parse(after) : now - 7 * day, endTimeUnixMs: before ? Date.parse(before) : now + 60_000 };
    const filter = customFilter(node, filters.customFilter, itemIndex);
    const search = typeof filters.search === 'string' ? filters.search : '';
    const nameEquals = typeof filters.nameEquals === 'string' && filters.nameEquals !== '' ? filters.nameEquals : undefined;
    const found = await pages(returnAll(), limit(), (offset, size) =>
      client.querySessions({ search, nameEquals, timeFilter, timezoneDifference: 0, filter, offset, limit: size }),
    );
    return rows(found);
  }
  if (resource === 'session' && operation === 'getTrace') {
    const sessionId = String(context.getNodeParameter('sessionId', itemIndex, '')).trim();
    if (!sessionId) throw new NodeOperationError(node, 'Session ID is required', { itemIndex, description: "Use {{ $execution.id }} for this execution's own session" });
    const trace = await client.sessionTrace(sessionId);
    return context.getNodeParameter('output', itemIndex, 'trace') === 'requests' ? traceRequests(trace) : rows([trace]);
  }
  throw new NodeOperationError(node, `The operation "${operation}" is not known for the resource "${resource}"`, { itemIndex });
}

/** A failed call as n8n shows API errors: the gateway's message, its status, and what to check. */
function apiError(node: INode, error: GatewayClientError, itemIndex: number): NodeApiError {
  const hint =
    error.status === 0
      ? 'Check the Base URL (and Query API URL) of the Switchyard credential, and that the gateway is running'
      : error.status === 401 || error.status === 403
        ? 'Check the API key of the Switchyard credential'
        : error.status === 404 && error.path.includes('/trace')
          ? 'Session traces are served by Switchyard; with Helicone, use Request › Get Many with a Session ID filter'
          : undefined;
  return new NodeApiError(node, { message: error.message, status: error.status, body: error.body as JsonObject } as JsonObject, {
    message: error.message,
    ...(hint ? { description: hint } : {}),
    ...(error.status > 0 ? { httpCode: String(error.status) } : {}),
    itemIndex,
  });
}

export class Switchyard implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Switchyard',
    name: 'switchyard',
    icon: 'file:switchyard.svg',
    group: ['transform'],
    version: 1,
    subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
    description: 'Query, trace and grade the model calls a Switchyard (or Helicone) gateway logged, including this workflow\'s own',
    defaults: { name: 'Switchyard' },
    codex: {
      categories: ['AI', 'Development'],
      subcategories: { AI: ['Miscellaneous'] },
      resources: { primaryDocumentation: [{ url: docs.actionNode }] },
      alias: ['Helicone', 'LLM Observability', 'Trace', 'Feedback', 'Score'],
    },
    usableAsTool: true,
    inputs: ['main'],
    outputs: ['main'],
    credentials: [{ name: credentialName, required: true }],
    hints: [
      {
        message: "This node reads what is logged so far: run it after the AI nodes whose calls it should see. By default it traces this execution's own session.",
        type: 'info',
        location: 'outputPane',
        whenToDisplay: 'beforeExecution',
        displayCondition: '={{ $parameter["resource"] === "session" && $parameter["operation"] === "getTrace" }}',
      },
    ],
    properties,
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const node = this.getNode();
    const items = this.getInputData();
    const output: INodeExecutionData[] = [];
    let client: GatewayClient;
    try {
      client = new GatewayClient(clientOptions(connectionFrom(node, await this.getCredentials(credentialName))));
    } catch (error) {
      // A credential that cannot be used fails every item alike: with Continue On Fail, each says so.
      if (!this.continueOnFail()) throw error;
      return [items.map((_, itemIndex) => ({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } }))];
    }
    for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
      try {
        for (const json of await run(this, client, node, itemIndex)) output.push({ json, pairedItem: { item: itemIndex } });
      } catch (caught) {
        const error = caught instanceof GatewayClientError ? apiError(node, caught, itemIndex) : caught;
        if (this.continueOnFail()) {
          output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
          continue;
        }
        if (error instanceof NodeOperationError || error instanceof NodeApiError) throw error;
        throw new NodeOperationError(node, error as Error, { itemIndex });
      }
    }
    return [output];
  }
}
