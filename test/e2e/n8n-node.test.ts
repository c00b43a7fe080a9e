/**
 * The n8n community package (nodes/): built by nodes/build.mjs, loaded the way n8n loads it (a
 * CommonJS `require` of the files its package.json `n8n` block names, the class named like the
 * file), its descriptions checked, the chat model supplied with a stand-in of n8n's
 * ISupplyDataFunctions and invoked against a live gateway (mock provider), and every operation of
 * the action node run with a stand-in of IExecuteFunctions against the same gateway. Parameters
 * are resolved as n8n resolves them: defaults and display options by n8n-workflow's
 * NodeHelpers.getNodeParameters, expressions by n8n-workflow's expression engine.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type {
  ICredentialDataDecryptedObject,
  ICredentialType,
  IDataObject,
  IExecuteFunctions,
  ILoadOptionsFunctions,
  INode,
  INodeExecutionData,
  INodeListSearchResult,
  INodeParameters,
  INodeProperties,
  INodeType,
  INodeTypeDescription,
  ISupplyDataFunctions,
  Workflow as WorkflowType,
} from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayUnderTest } from '../helpers/gateway-under-test.js';

const root = join(import.meta.dirname, '../..');
const packageDir = join(root, 'nodes');
const requireCjs = createRequire(import.meta.url);
const n8n = requireCjs('n8n-workflow') as typeof import('n8n-workflow');
const { ChatOpenAI } = requireCjs('@langchain/openai') as typeof import('@langchain/openai');
const run = promisify(execFile);

interface PackageJson {
  name: string;
  keywords: string[];
  files: string[];
  main?: string;
  type?: string;
  peerDependencies: Record<string, string>;
  dependencies?: Record<string, string>;
  n8n: { n8nNodesApiVersion: number; credentials: string[]; nodes: string[] };
}

let gw: GatewayUnderTest;
let pkg: PackageJson;
let credentialType: ICredentialType;
let chatModel: INodeType;
let actionNode: INodeType;

/** As n8n's loader does: require the file, instantiate the export named like the file. */
function load<T>(relativePath: string): T {
  const file = join(packageDir, relativePath);
  const className = relativePath.split('/').pop()!.split('.')[0]!;
  const exported = requireCjs(file) as Record<string, new () => T>;
  expect(typeof exported[className], `${relativePath} exports ${className}`).toBe('function');
  return new exported[className]!();
}

beforeAll(async () => {
  execFileSync(process.execPath, [join(packageDir, 'build.mjs')], { cwd: root, stdio: 'pipe' });
  pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as PackageJson;
  [credentialType] = pkg.n8n.credentials.map((path) => load<ICredentialType>(path));
  [chatModel, actionNode] = pkg.n8n.nodes.map((path) => load<INodeType>(path));
  gw = await GatewayUnderTest.start({});
}, 60_000);

afterAll(async () => {
  await gw?.close();
});

// ── stand-ins for n8n's execution contexts ───────────────────────────────────────────────────────

const nodeTypes = {
  getByName: () => undefined,
  getByNameAndVersion: () => ({ description: { properties: [] } }),
  getKnownTypes: () => ({}),
};

/** n8n's expression engine, with $execution, $credentials and the input items ($json) as n8n provides them. */
function expressionEngine(node: INode): (value: string, extra?: IDataObject, items?: INodeExecutionData[], itemIndex?: number) => unknown {
  const workflow = new n8n.Workflow({ id: 'wf-1', name: 'Support Bot', nodes: [node], connections: {}, active: false, nodeTypes: nodeTypes as never, settings: {} }) as WorkflowType;
  return (value, extra = {}, items, itemIndex = 0) =>
    items
      ? workflow.expression.getParameterValue(value, null, 0, itemIndex, node.name, items, 'manual', extra as never)
      : workflow.expression.getSimpleParameterValue(node, value, 'manual', extra as never);
}

function resolveExpressions(value: unknown, evaluate: (text: string) => unknown): unknown {
  if (typeof value === 'string' && value.startsWith('=')) return evaluate(value);
  if (Array.isArray(value)) return value.map((entry) => resolveExpressions(entry, evaluate));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, resolveExpressions(entry, evaluate)]));
  return value;
}

interface StandInOptions {
  parameters: INodeParameters;
  credentials?: ICredentialDataDecryptedObject;
  executionId?: string;
  workflowName?: string;
  nodeName?: string;
  continueOnFail?: boolean;
  items?: INodeExecutionData[];
}

interface Recorded {
  inputs: Array<{ type: string; data: unknown }>;
  outputs: Array<{ type: string; index: number; data: unknown }>;
  events: Array<{ event: string; payload?: string }>;
  logs: string[];
}

/** Credential values as n8n hands them to a node: the credential type's defaults, overwritten by what was saved. */
function credentialsWithDefaults(saved: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
  const defaults = Object.fromEntries(credentialType.properties.map((property) => [property.name, property.default]));
  return { ...defaults, ...saved } as ICredentialDataDecryptedObject;
}

function standIn(type: INodeType, typeName: string, options: StandInOptions) {
  const description = type.description as INodeTypeDescription;
  const node: INode = {
    id: randomUUID(),
    name: options.nodeName ?? description.defaults.name!,
    type: `n8n-nodes-switchyard.${typeName}`,
    typeVersion: 1,
    position: [0, 0],
    parameters: options.parameters,
    credentials: { switchyardApi: { id: '1', name: 'Switchyard account' } },
  };
  // What n8n stores for the node: the parameters with their defaults, as displayed.
  const resolved = n8n.NodeHelpers.getNodeParameters(description.properties, options.parameters, true, false, node, description) ?? {};
  const executionId = options.executionId ?? randomUUID();
  const evaluate = expressionEngine(node);
  const recorded: Recorded = { inputs: [], outputs: [], events: [], logs: [] };
  const credentials = credentialsWithDefaults(options.credentials ?? { baseUrl: gw.url });
  const items = options.items ?? [{ json: {} }];

  const context = {
    getNode: () => node,
    getExecutionId: () => executionId,
    getWorkflow: () => ({ id: 'wf-1', name: options.workflowName ?? 'Support Bot', active: false }),
    getMode: () => 'manual',
    getCredentials: async (name: string) => {
      expect(name).toBe('switchyardApi');
      return credentials;
    },
    getNodeParameter: (name: string, itemIndex: number, ...rest: [fallback?: unknown, parameterOptions?: { extractValue?: boolean }]) => {
      const [fallback, parameterOptions] = rest;
      let value: unknown = name.split('.').reduce<unknown>((scope, key) => (scope as IDataObject | undefined)?.[key], resolved);
      if (value === undefined) {
        // As n8n: without a fallback, a missing parameter is an error.
        if (rest.length === 0) throw new Error(`Could not get parameter "${name}"`);
        return fallback;
      }
      value = resolveExpressions(value, (text) => evaluate(text, { $execution: { id: executionId, mode: 'test' } }, items, itemIndex));
      if (parameterOptions?.extractValue && value && typeof value === 'object' && (value as { __rl?: boolean }).__rl) return (value as { value: unknown }).value;
      return value;
    },
    getInputData: () => items,
    continueOnFail: () => options.continueOnFail ?? false,
    addInputData: (connectionType: string, data: unknown) => {
      recorded.inputs.push({ type: connectionType, data });
      return { index: recorded.inputs.length - 1 };
    },
    addOutputData: (connectionType: string, index: number, data: unknown) => {
      recorded.outputs.push({ type: connectionType, index, data });
    },
    logAiEvent: (event: string, payload?: string) => {
      recorded.events.push({ event, payload });
    },
    logger: {
      debug: (message: string) => recorded.logs.push(message),
      info: (message: string) => recorded.logs.push(message),
      warn: (message: string) => recorded.logs.push(message),
      error: (message: string) => recorded.logs.push(message),
    },
    helpers: {},
  };
  return { context, node, recorded, executionId };
}

type ChatModel = InstanceType<typeof ChatOpenAI>;

async function supplyModel(options: StandInOptions): Promise<{ model: ChatModel; recorded: Recorded; executionId: string; node: INode }> {
  const { context, recorded, executionId, node } = standIn(chatModel, 'lmChatSwitchyard', options);
  const supplied = await chatModel.supplyData!.call(context as unknown as ISupplyDataFunctions, 0);
  return { model: supplied.response as ChatModel, recorded, executionId, node };
}

async function execute(options: StandInOptions): Promise<IDataObject[]> {
  const { context } = standIn(actionNode, 'switchyard', options);
  const [output] = (await actionNode.execute!.call(context as unknown as IExecuteFunctions)) as INodeExecutionData[][];
  const inputs = options.items?.length ?? 1;
  return output!.map((item) => {
    expect((item.pairedItem as { item: number }).item).toBeLessThan(inputs);
    return item.json;
  });
}

/** A failure of `promise`, which must fail. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

const rowsOf = async (sessionId: string) => gw.rows('WHERE r.session_id = ?', [sessionId]);
const lowerKeys = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));

/** A server that answers every chat completion with a canned answer and records what it received. */
async function captureServer(): Promise<{ url: string; received: Array<{ url: string; headers: IncomingMessage['headers']; body: Record<string, unknown> }>; close: () => Promise<void> }> {
  const received: Array<{ url: string; headers: IncomingMessage['headers']; body: Record<string, unknown> }> = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ url: request.url ?? '', headers: request.headers, body: JSON.parse(text) as Record<string, unknown> });
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          id: 'chatcmpl-capture',
          object: 'chat.completion',
          created: 1,
          model: 'gpt-4o-mini',
          choices: [{ index: 0, message: { role: 'assistant', content: 'captured' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const optionsOf = (description: INodeTypeDescription, name: string) =>
  Object.fromEntries(((description.properties.find((property) => property.name === name)?.options ?? []) as INodeProperties[]).map((option) => [option.name, option]));

// ── the package ──────────────────────────────────────────────────────────────────────────────────

describe('the package', () => {
  it('is an n8n community package: CommonJS, keyword, n8n block, host packages as peers', () => {
    expect(pkg.name).toBe('n8n-nodes-switchyard');
    expect(pkg.type).toBeUndefined();
    expect(pkg.keywords).toContain('n8n-community-node-package');
    expect(pkg.files).toEqual(['dist']);
    expect(pkg.n8n).toEqual({
      n8nNodesApiVersion: 1,
      credentials: ['dist/credentials/SwitchyardApi.credentials.js'],
      nodes: ['dist/nodes/SwitchyardChatModel/SwitchyardChatModel.node.js', 'dist/nodes/Switchyard/Switchyard.node.js'],
    });
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(['@langchain/core', '@langchain/openai', 'n8n-workflow']);
    expect(pkg.dependencies).toBeUndefined();
  });

  it('bundles the project code and leaves n8n-workflow and LangChain to the host', () => {
    for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
      const code = readFileSync(join(packageDir, file), 'utf8');
      const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]).filter((name) => !name!.startsWith('node:'));
      expect(new Set(required)).toEqual(new Set(['n8n-workflow']));
      expect(code).not.toMatch(/^import /m);
      // Icons and codex files beside the node and credential files.
      expect(existsSync(join(packageDir, dirname(file), 'switchyard.svg'))).toBe(true);
    }
    const chatCode = readFileSync(join(packageDir, pkg.n8n.nodes[0]!), 'utf8');
    expect(chatCode).toContain('gateway/src/client/headers.ts');
    expect(chatCode).not.toContain('class ChatOpenAI');
    expect(readFileSync(join(packageDir, 'dist/nodes/Switchyard/switchyard.svg'), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 60 60"/);
    const codex = JSON.parse(readFileSync(join(packageDir, 'dist/nodes/SwitchyardChatModel/SwitchyardChatModel.node.json'), 'utf8')) as IDataObject;
    expect(codex).toMatchObject({
      node: 'n8n-nodes-switchyard.lmChatSwitchyard',
      categories: ['AI'],
      subcategories: { AI: ['Language Models', 'Root Nodes'], 'Language Models': ['Chat Models (Recommended)'] },
      resources: { primaryDocumentation: [{ url: 'https://www.npmjs.com/package/n8n-nodes-switchyard#switchyard-chat-model' }] },
    });
    expect(JSON.parse(readFileSync(join(packageDir, 'dist/nodes/Switchyard/Switchyard.node.json'), 'utf8'))).toMatchObject({ node: 'n8n-nodes-switchyard.switchyard' });
  });

  it('packs with npm pack: the dist files, the README and package.json', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: packageDir });
    const [packed] = JSON.parse(stdout) as Array<{ name: string; files: Array<{ path: string }> }>;
    expect(packed!.name).toBe('n8n-nodes-switchyard');
    expect(packed!.files.map((file) => file.path).sort()).toEqual([
      'README.md',
      'dist/credentials/SwitchyardApi.credentials.js',
      'dist/credentials/switchyard.svg',
      'dist/nodes/Switchyard/Switchyard.node.js',
      'dist/nodes/Switchyard/Switchyard.node.json',
      'dist/nodes/Switchyard/switchyard.svg',
      'dist/nodes/SwitchyardChatModel/SwitchyardChatModel.node.js',
      'dist/nodes/SwitchyardChatModel/SwitchyardChatModel.node.json',
      'dist/nodes/SwitchyardChatModel/switchyard.svg',
      'package.json',
    ]);
  }, 60_000);
});

// ── the credential ───────────────────────────────────────────────────────────────────────────────

describe('the switchyardApi credential', () => {
  it('has an optional key, a base URL defaulting to a local gateway, and a query API URL', () => {
    expect(credentialType).toMatchObject({ name: 'switchyardApi', displayName: 'Switchyard API', icon: 'file:switchyard.svg' });
    expect(credentialType.documentationUrl).toBe('https://www.npmjs.com/package/n8n-nodes-switchyard#credentials');
    expect(credentialType.properties.map((property) => [property.name, property.type, property.default])).toEqual([
      ['apiKey', 'string', ''],
      ['baseUrl', 'string', 'http://localhost:8585'],
      ['queryApiUrl', 'string', ''],
    ]);
    expect(credentialType.properties[0]!.typeOptions).toEqual({ password: true });
  });

  it('authenticates with a bearer key, and its test request queries the gateway', async () => {
    const node = { id: 'n', name: 'N', type: 't', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
    const evaluate = expressionEngine(node);
    for (const baseUrl of [gw.url, `${gw.url}/v1/`]) {
      const $credentials = credentialsWithDefaults({ apiKey: 'sk-switchyard-test', baseUrl });
      const { request } = credentialType.test!;
      const baseURL = evaluate(request.baseURL as string, { $credentials }) as string;
      expect(baseURL).toBe(gw.url);
      const authenticate = credentialType.authenticate as { properties: { headers: Record<string, string> } };
      const authorization = evaluate(authenticate.properties.headers.Authorization!, { $credentials });
      expect(authorization).toBe('Bearer sk-switchyard-test');
      const response = await fetch(`${baseURL}${request.url}`, {
        method: request.method,
        headers: { authorization: String(authorization), 'content-type': 'application/json' },
        body: JSON.stringify(request.body),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { error: unknown }).error).toBeNull();
    }
    // Helicone: the query API is elsewhere.
    const helicone = credentialsWithDefaults({ baseUrl: 'https://ai-gateway.helicone.ai', queryApiUrl: 'https://api.helicone.ai/' });
    expect(evaluate(credentialType.test!.request.baseURL as string, { $credentials: helicone })).toBe('https://api.helicone.ai');
  });
});

// ── the chat model ───────────────────────────────────────────────────────────────────────────────

describe('Switchyard Chat Model: description', () => {
  it('supplies a language model to the AI nodes', () => {
    const description = chatModel.description;
    expect(description).toMatchObject({
      displayName: 'Switchyard Chat Model',
      name: 'lmChatSwitchyard',
      icon: 'file:switchyard.svg',
      group: ['transform'],
      version: [1],
      defaults: { name: 'Switchyard Chat Model' },
      inputs: [],
      outputs: ['ai_languageModel'],
      outputNames: ['Model'],
      credentials: [{ name: 'switchyardApi', required: true }],
    });
    expect(description.codex).toMatchObject({ categories: ['AI'], subcategories: { AI: ['Language Models', 'Root Nodes'] } });
    expect(description.properties.map((property) => property.name)).toEqual(['notice', 'model', 'options', 'switchyardOptions']);
    expect(description.properties[0]).toMatchObject({ type: 'notice', typeOptions: { containerClass: 'ndv-connection-hint-notice' } });
    expect(description.properties[1]).toMatchObject({ type: 'resourceLocator', default: { mode: 'list', value: 'gpt-4.1-mini' }, required: true });
    expect(description.hints?.map((hint) => hint.displayCondition)).toEqual([
      '={{ $parameter["options"]["responseFormat"] === "json_object" }}',
      '={{ !!$parameter["switchyardOptions"]["promptId"] }}',
    ]);
  });

  it('declares every model option with its default', () => {
    const options = optionsOf(chatModel.description, 'options');
    expect(Object.fromEntries(Object.entries(options).map(([name, option]) => [name, option.default]))).toEqual({
      frequencyPenalty: 0,
      maxTokens: -1,
      responseFormat: 'text',
      presencePenalty: 0,
      temperature: 0.7,
      timeout: 360000,
      maxRetries: 2,
      topP: 1,
    });
    expect((options.responseFormat!.options as Array<{ value: string }>).map((option) => option.value)).toEqual(['text', 'json_object']);
    expect(options.temperature!.typeOptions).toMatchObject({ minValue: 0, maxValue: 2 });
    expect(options.topP!.typeOptions).toMatchObject({ minValue: 0, maxValue: 1 });
  });

  it('declares the Switchyard options with their defaults', () => {
    const options = optionsOf(chatModel.description, 'switchyardOptions');
    expect(Object.fromEntries(Object.entries(options).map(([name, option]) => [name, [option.type, option.default]]))).toEqual({
      sessionId: ['string', ''],
      sessionName: ['string', ''],
      sessionPath: ['string', ''],
      userId: ['string', ''],
      customProperties: ['json', '{}'],
      enableCaching: ['boolean', false],
      cacheTtl: ['number', 604800],
      promptId: ['string', ''],
      promptEnvironment: ['string', ''],
      promptVersionId: ['string', ''],
      promptInputs: ['json', '{}'],
      rateLimitPolicy: ['string', ''],
    });
    expect(options.cacheTtl!.displayOptions).toEqual({ show: { enableCaching: [true] } });
    expect(options.sessionId!.description).toContain("this execution's ID");
  });

  it('lists the gateway’s models for the model picker', async () => {
    const { context } = standIn(chatModel, 'lmChatSwitchyard', { parameters: {} });
    const search = chatModel.methods!.listSearch!.searchModels!;
    const all = (await search.call(context as unknown as ILoadOptionsFunctions)) as INodeListSearchResult;
    expect(all.results.length).toBeGreaterThan(10);
    expect(all.results).toContainEqual({ name: 'mock', value: 'mock' });
    const found = (await search.call(context as unknown as ILoadOptionsFunctions, 'MOCK')) as INodeListSearchResult;
    expect(found.results.map((result) => result.value)).toContain('mock');
    expect(found.results.every((result) => String(result.value).toLowerCase().includes('mock'))).toBe(true);
  });
});

describe('Switchyard Chat Model: supplyData', () => {
  it('returns the host’s ChatOpenAI; a call carries the execution as its session and every option', async () => {
    const { model, recorded, executionId } = await supplyModel({
      parameters: {
        model: { __rl: true, mode: 'id', value: 'mock' },
        options: { temperature: 0.3, maxTokens: 50, topP: 0.9, frequencyPenalty: 0.5, presencePenalty: -0.5, responseFormat: 'json_object', timeout: 20000, maxRetries: 1 },
        switchyardOptions: { userId: 'user-42', customProperties: '{"Environment": "test", "Run": 7, "Beta": true}' },
      },
    });
    expect(model).toBeInstanceOf(ChatOpenAI);
    expect(model.model).toBe('mock');

    const answer = await model.invoke('hi json');
    expect(answer.content).toBe('Mock reply to: hi json');

    const rows = await rowsOf(executionId);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      status: 200,
      model: 'mock',
      session_id: executionId,
      session_name: 'Support Bot',
      session_path: '/Switchyard Chat Model',
      user_id: 'user-42',
    });
    expect(lowerKeys(row!.properties)).toEqual({ environment: 'test', run: '7', beta: 'true' });
    const body = JSON.parse(row!.request_body!) as IDataObject;
    expect(body).toMatchObject({
      model: 'mock',
      temperature: 0.3,
      max_tokens: 50,
      top_p: 0.9,
      frequency_penalty: 0.5,
      presence_penalty: -0.5,
      response_format: { type: 'json_object' },
      messages: [{ role: 'user', content: 'hi json' }],
    });

    // The run data n8n shows for the sub-node: the prompt in, the generations and usage out.
    expect(recorded.inputs).toHaveLength(1);
    expect(recorded.inputs[0]).toMatchObject({ type: 'ai_languageModel', data: [[{ json: { messages: ['Human: hi json'] } }]] });
    const inputOptions = (recorded.inputs[0]!.data as Array<Array<{ json: { options: IDataObject } }>>)[0]![0]!.json.options;
    expect(JSON.stringify(inputOptions)).not.toMatch(/api_?key|switchyard-no-key|Helicone-/i);
    expect(recorded.outputs).toHaveLength(1);
    expect(recorded.outputs[0]).toMatchObject({
      type: 'ai_languageModel',
      index: 0,
      data: [[{ json: { response: { generations: [[{ text: 'Mock reply to: hi json' }]] }, tokenUsage: { promptTokens: expect.any(Number), completionTokens: expect.any(Number) } } }]],
    });
    expect(recorded.events.map((event) => event.event)).toEqual(['ai-llm-generated-output']);
  });

  it('without options: the session defaults, the model’s own sampling defaults, the UI’s timeout and retries', async () => {
    const { model, executionId } = await supplyModel({
      parameters: { model: { __rl: true, mode: 'list', value: 'mock' } },
      workflowName: 'Nightly Report ✓',
      nodeName: 'Writer/Model',
    });
    expect(model.timeout).toBe(360000);
    expect((model as unknown as { caller: { maxRetries: number } }).caller.maxRetries).toBe(2);
    await model.invoke('hello');
    const [row] = await rowsOf(executionId);
    // Names that are not header-safe are encoded, not refused; a "/" in the node name does not split the path.
    expect(row).toMatchObject({ status: 200, session_id: executionId, session_name: 'Nightly Report %E2%9C%93', session_path: '/Writer-Model', user_id: null });
    const body = JSON.parse(row!.request_body!) as IDataObject;
    for (const unset of ['temperature', 'max_tokens', 'top_p', 'frequency_penalty', 'presence_penalty', 'response_format']) expect(body).not.toHaveProperty(unset);
    expect(row!.properties).toEqual({});
  });

  it('takes a session ID, name and path; maxTokens -1 is left to the model; response format text is sent', async () => {
    const sessionId = `ticket-${randomUUID()}`;
    const { model, executionId } = await supplyModel({
      parameters: {
        model: { __rl: true, mode: 'id', value: 'mock' },
        options: { maxTokens: -1, responseFormat: 'text' },
        switchyardOptions: { sessionId: '={{ "ticket-" + $execution.id }}', sessionName: 'Support', sessionPath: '/support/answer' },
      },
      executionId: sessionId.slice('ticket-'.length),
    });
    await model.invoke('where is my order?');
    expect(await rowsOf(executionId)).toEqual([]);
    const [row] = await rowsOf(sessionId);
    expect(row).toMatchObject({ session_id: sessionId, session_name: 'Support', session_path: '/support/answer' });
    const body = JSON.parse(row!.request_body!) as IDataObject;
    expect(body).not.toHaveProperty('max_tokens');
    expect(body.response_format).toEqual({ type: 'text' });
  });

  it('works as the AI Agent uses it: bound tools and streaming, in the same session', async () => {
    const { model, executionId, recorded } = await supplyModel({ parameters: { model: { __rl: true, mode: 'id', value: 'mock' } } });
    const weather = { type: 'function', function: { name: 'get_weather', description: 'The weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } };
    const answer = await model.bindTools([weather]).invoke('mock:arg=Paris What is the weather?');
    expect(answer.tool_calls).toEqual([expect.objectContaining({ name: 'get_weather', args: { city: 'Paris' } })]);
    const deltas: string[] = [];
    for await (const chunk of await model.stream('mock:reply=one_two_three')) if (typeof chunk.content === 'string' && chunk.content) deltas.push(chunk.content);
    expect(deltas.join('')).toBe('one two three');
    const rows = await rowsOf(executionId);
    expect(rows.map((row) => [row.status, row.is_stream, row.session_path])).toEqual([
      [200, 0, '/Switchyard Chat Model'],
      [200, 1, '/Switchyard Chat Model'],
    ]);
    expect((JSON.parse(rows[0]!.request_body!) as { tools: Array<{ function: { name: string } }> }).tools[0]!.function.name).toBe('get_weather');
    expect(recorded.outputs.map((output) => output.index)).toEqual([0, 1]);
  });

  it('applies maxRetries: a failing call is tried 1 + maxRetries times, and the failure shows on the node', async () => {
    const once = await supplyModel({ parameters: { model: { __rl: true, mode: 'id', value: 'mock' }, options: { maxRetries: 0 } } });
    const error = await failure(once.model.invoke('mock:error=500 fail'));
    expect(error.message).toMatch(/500/);
    expect(await rowsOf(once.executionId)).toHaveLength(1);
    expect(once.recorded.outputs).toHaveLength(1);
    expect(once.recorded.outputs[0]!.data).toBeInstanceOf(n8n.NodeOperationError);
    expect(once.recorded.events.map((event) => event.event)).toEqual(['ai-llm-errored']);

    const twice = await supplyModel({ parameters: { model: { __rl: true, mode: 'id', value: 'mock' }, options: { maxRetries: 1 } } });
    await failure(twice.model.invoke('mock:error=500 fail'));
    expect((await rowsOf(twice.executionId)).map((row) => row.status)).toEqual([500, 500]);
  }, 20_000);

  it('applies the timeout', async () => {
    const { model, executionId } = await supplyModel({ parameters: { model: { __rl: true, mode: 'id', value: 'mock' }, options: { timeout: 300, maxRetries: 0 } } });
    const started = Date.now();
    const error = await failure(model.invoke('mock:latency=3000 slow'));
    expect(Date.now() - started).toBeLessThan(2500);
    expect(error.message).toMatch(/timed? ?out/i);
    // The gateway saw the client go away: it logs the call as cancelled once the provider call stops.
    let rows = await rowsOf(executionId);
    for (let waited = 0; rows.length === 0 && waited < 5000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      rows = await rowsOf(executionId);
    }
    expect(rows.map((row) => row.status)).toEqual([-3]);
  });

  it('sends the caching, rate-limit and key headers, and a managed prompt as Helicone’s body fields', async () => {
    const capture = await captureServer();
    try {
      const { model, executionId } = await supplyModel({
        parameters: {
          model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
          switchyardOptions: {
            enableCaching: true,
            cacheTtl: 3600,
            rateLimitPolicy: '100;w=3600;u=request;s=user',
            userId: 'ada',
            promptId: 'support-prompt',
            promptEnvironment: 'staging',
            promptVersionId: 'v-7',
            promptInputs: '{"customer_name": "Ada", "tier": 2}',
          },
        },
        credentials: { apiKey: 'sk-switchyard-secret', baseUrl: `${capture.url}/v1/` },
      });
      expect((await model.invoke('Where is my refund?')).content).toBe('captured');
      expect(capture.received).toHaveLength(1);
      const [{ url, headers, body }] = capture.received as [(typeof capture.received)[number]];
      expect(url).toBe('/v1/chat/completions');
      expect(headers).toMatchObject({
        authorization: 'Bearer sk-switchyard-secret',
        'helicone-cache-enabled': 'true',
        'cache-control': 'max-age=3600',
        'helicone-ratelimit-policy': '100;w=3600;u=request;s=user',
        'helicone-user-id': 'ada',
        'helicone-session-id': executionId,
        'helicone-session-name': 'Support Bot',
        'helicone-session-path': '/Switchyard Chat Model',
      });
      expect(body).toMatchObject({
        model: 'gpt-4o-mini',
        prompt_id: 'support-prompt',
        environment: 'staging',
        version_id: 'v-7',
        inputs: { customer_name: 'Ada', tier: 2 },
        messages: [{ role: 'user', content: 'Where is my refund?' }],
      });

      // No key in the credential: LangChain needs one, the keyless gateway ignores it.
      const keyless = await supplyModel({ parameters: { model: { __rl: true, mode: 'id', value: 'mock' } }, credentials: { baseUrl: capture.url } });
      await keyless.model.invoke('hi');
      expect(capture.received[1]!.headers.authorization).toBe('Bearer switchyard-no-key');
      expect(capture.received[1]!.headers).not.toHaveProperty('helicone-cache-enabled');
    } finally {
      await capture.close();
    }
  });

  it('a managed prompt reaches a Switchyard gateway, which answers an unknown one with a clear 404', async () => {
    const { model, executionId } = await supplyModel({
      parameters: { model: { __rl: true, mode: 'id', value: 'mock' }, switchyardOptions: { promptId: 'support-prompt' } },
    });
    const error = await failure(model.invoke('hi'));
    expect(error.message).toContain('Prompt not found: support-prompt');
    const [row] = await rowsOf(executionId);
    expect(row!.status).toBe(404);
  });

  it('refuses invalid options with a NodeOperationError naming the field', async () => {
    const cases: Array<[INodeParameters, INodeParameters, RegExp]> = [
      [{ customProperties: '{"environment": "test",}' }, {}, /^Custom Properties is not valid JSON: /],
      [{ customProperties: '["a"]' }, {}, /^Custom Properties must be a JSON object, got an array/],
      [{ customProperties: '{"team": {"name": "x"}}' }, {}, /^Custom Properties: "team" must be a string, number or boolean/],
      [{ customProperties: '{"my team": "x"}' }, {}, /^Custom Properties: properties: "my team" is not a valid property name/],
      [{ promptId: 'p', promptInputs: '{nope}' }, {}, /^Prompt Inputs is not valid JSON/],
      [{ promptInputs: '{"a": 1}' }, {}, /^Prompt Environment, Prompt Version ID and Prompt Inputs need a Prompt ID/],
      [{ rateLimitPolicy: 'lots' }, {}, /^Rate Limit Policy must look like "1000;w=3600"/],
      [{ rateLimitPolicy: '10;w=30' }, {}, /^Rate Limit Policy: rateLimit.windowSeconds must be at least 60/],
      [{ rateLimitPolicy: '10;w=60;u=dollars' }, {}, /^Rate Limit Policy: rateLimit.unit must be "request" or "cents"/],
      [{ enableCaching: true, cacheTtl: 0 }, {}, /^Cache TTL \(Seconds\) must be a whole number from 1 to 31536000/],
      [{ userId: 'line\nbreak' }, {}, /^User ID: userId must not contain line breaks/],
      [{}, { temperature: 3 }, /^Sampling Temperature must be between 0 and 2, got 3/],
      [{}, { topP: -0.1 }, /^Top P must be between 0 and 1/],
    ];
    for (const [switchyardOptions, options, message] of cases) {
      const error = await failure(supplyModel({ parameters: { model: { __rl: true, mode: 'id', value: 'mock' }, switchyardOptions, options } }));
      expect(error, JSON.stringify(switchyardOptions)).toBeInstanceOf(n8n.NodeOperationError);
      expect(error.message).toMatch(message);
    }
    const badUrl = await failure(supplyModel({ parameters: { model: { __rl: true, mode: 'id', value: 'mock' } }, credentials: { baseUrl: 'localhost:8585' } }));
    expect(badUrl).toBeInstanceOf(n8n.NodeOperationError);
    expect(badUrl.message).toBe('The credential\'s Base URL must be an http:// or https:// URL, got "localhost:8585"');
  });

  it('installed from its tarball as n8n installs it, is built from n8n’s own LangChain, and says what to install when there is none', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'switchyard-n8n-host-'));
    try {
      const write = (path: string, text: string) => {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      };
      const link = (target: string, path: string) => {
        mkdirSync(dirname(path), { recursive: true });
        symlinkSync(target, path);
      };
      const workflowPackage = dirname(requireCjs.resolve('n8n-workflow/package.json'));

      // A host laid out as n8n is, reached through NODE_PATH as n8n sets it for community packages:
      // n8n-workflow, and @n8n/n8n-nodes-langchain with its own @langchain/openai and @langchain/core
      // (wrappers of the real ones that mark their classes).
      const host = join(scratch, 'n8n/node_modules');
      link(workflowPackage, join(host, 'n8n-workflow'));
      const aiNodes = join(host, '@n8n/n8n-nodes-langchain');
      write(join(aiNodes, 'package.json'), JSON.stringify({ name: '@n8n/n8n-nodes-langchain', version: '1.99.0' }));
      write(join(aiNodes, 'node_modules/@langchain/openai/package.json'), JSON.stringify({ name: '@langchain/openai', version: '0.5.0', main: 'index.js' }));
      write(
        join(aiNodes, 'node_modules/@langchain/openai/index.js'),
        `const real = require(${JSON.stringify(requireCjs.resolve('@langchain/openai'))});\nclass HostChatOpenAI extends real.ChatOpenAI {}\nmodule.exports = { ChatOpenAI: HostChatOpenAI };\n`,
      );
      write(join(aiNodes, 'node_modules/@langchain/core/package.json'), JSON.stringify({ name: '@langchain/core', version: '0.3.0', exports: { './callbacks/base': './callbacks/base.js' } }));
      write(
        join(aiNodes, 'node_modules/@langchain/core/callbacks/base.js'),
        `const real = require(${JSON.stringify(requireCjs.resolve('@langchain/core/callbacks/base'))});\nclass HostBaseCallbackHandler extends real.BaseCallbackHandler {}\nmodule.exports = { BaseCallbackHandler: HostBaseCallbackHandler };\n`,
      );
      // A host without the AI nodes: n8n-workflow only.
      const bareHost = join(scratch, 'bare/node_modules');
      link(workflowPackage, join(bareHost, 'n8n-workflow'));

      // The package as n8n's community-package installer leaves it: the packed tarball, extracted
      // into <n8n folder>/nodes/node_modules, without its peer dependencies.
      const { stdout: tarball } = await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch], { cwd: packageDir });
      const installed = join(scratch, 'home/.n8n/nodes/node_modules/n8n-nodes-switchyard');
      mkdirSync(installed, { recursive: true });
      execFileSync('tar', ['-xzf', join(scratch, tarball.trim()), '-C', installed, '--strip-components=1']);

      const script = (nodeFile: string) => `
        const { SwitchyardChatModel } = require(${JSON.stringify(nodeFile)});
        const node = { id: 'n', name: 'Switchyard Chat Model', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };
        const parameters = { model: 'mock', options: {}, switchyardOptions: {} };
        const context = {
          getNode: () => node, getExecutionId: () => process.env.EXECUTION_ID, getWorkflow: () => ({ name: 'Host test' }),
          getCredentials: async () => ({ baseUrl: process.env.GATEWAY_URL }),
          getNodeParameter: (name) => parameters[name],
          addInputData: () => ({ index: 0 }), addOutputData: () => {},
        };
        new SwitchyardChatModel().supplyData.call(context, 0).then(async ({ response }) => {
          const handler = response.callbacks[0];
          const answer = await response.invoke('from the host');
          console.log(JSON.stringify({ model: response.constructor.name, handlerBase: Object.getPrototypeOf(handler.constructor).name, answer: answer.content }));
        }, (error) => console.log(JSON.stringify({ error: error.constructor.name, message: error.message })));`;
      const runNode = async (nodeFile: string, nodePath: string) => {
        const executionId = randomUUID();
        const env = { ...process.env, NODE_PATH: nodePath, GATEWAY_URL: gw.url, EXECUTION_ID: executionId };
        const { stdout } = await run(process.execPath, ['-e', script(nodeFile)], { env, cwd: scratch });
        return { result: JSON.parse(stdout) as IDataObject, executionId };
      };
      const hostCopy = { model: 'HostChatOpenAI', handlerBase: 'HostBaseCallbackHandler', answer: 'Mock reply to: from the host' };

      const inN8n = await runNode(join(installed, pkg.n8n.nodes[0]!), host);
      expect(inN8n.result).toEqual(hostCopy);
      expect((await rowsOf(inN8n.executionId)).map((row) => [row.status, row.session_name])).toEqual([[200, 'Host test']]);

      // n8n's copy wins over one installed beside the package (this checkout's node_modules).
      expect((await runNode(join(packageDir, pkg.n8n.nodes[0]!), host)).result).toEqual(hostCopy);

      const withoutLangChain = await runNode(join(installed, pkg.n8n.nodes[0]!), bareHost);
      expect(withoutLangChain.result.error).toBe('NodeOperationError');
      expect(withoutLangChain.result.message).toMatch(/^@langchain\/openai and @langchain\/core could not be loaded \(from this package: Cannot find module '@langchain\/openai'/);
      expect(withoutLangChain.result.message).toContain('npm install @langchain/openai @langchain/core');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 60_000);
});

// ── the action node ──────────────────────────────────────────────────────────────────────────────

describe('Switchyard (action node): description', () => {
  it('has the request and session operations', () => {
    const description = actionNode.description;
    expect(description).toMatchObject({
      displayName: 'Switchyard',
      name: 'switchyard',
      icon: 'file:switchyard.svg',
      version: 1,
      inputs: ['main'],
      outputs: ['main'],
      usableAsTool: true,
      credentials: [{ name: 'switchyardApi', required: true }],
      defaults: { name: 'Switchyard' },
    });
    const operations = description.properties.filter((property) => property.name === 'operation');
    expect(operations.map((property) => [property.displayOptions?.show?.resource, property.default, (property.options as Array<{ value: string; action: string }>).map((option) => `${option.value}: ${option.action}`)])).toEqual([
      [['request'], 'getAll', ['addFeedback: Add feedback to a request', 'get: Get a request', 'getAll: Get many requests', 'score: Score a request']],
      [['session'], 'getTrace', ['getAll: Get many sessions', 'getTrace: Get the trace of a session']],
    ]);
    const sessionId = description.properties.find((property) => property.name === 'sessionId')!;
    expect(sessionId).toMatchObject({ default: '={{ $execution.id }}', displayOptions: { show: { resource: ['session'], operation: ['getTrace'] } } });
  });
});

describe('Switchyard (action node): operations against the gateway', () => {
  let executionId: string;
  let requestIds: string[];

  beforeAll(async () => {
    // A workflow run: two model calls through the chat model, in the execution's session.
    const supplied = await supplyModel({
      parameters: { model: { __rl: true, mode: 'id', value: 'mock' }, switchyardOptions: { customProperties: '{"environment": "test"}' } },
    });
    executionId = supplied.executionId;
    await supplied.model.invoke('first question');
    await supplied.model.invoke('second question');
    requestIds = (await rowsOf(executionId)).map((row) => row.request_id);
    expect(requestIds).toHaveLength(2);
  });

  it('Session › Get Trace reads back this execution’s own session by default', async () => {
    const [trace, ...rest] = await execute({ parameters: { resource: 'session', operation: 'getTrace' }, executionId });
    expect(rest).toEqual([]);
    expect(trace).toMatchObject({ session_id: executionId, session_name: 'Support Bot', request_count: 2, errors: 0 });
    const tree = trace!.tree as IDataObject & { children: Array<IDataObject & { requests: IDataObject[] }> };
    expect(tree.children.map((child) => [child.path, child.request_count])).toEqual([['/Switchyard Chat Model', 2]]);
    expect(tree.children[0]!.requests.map((request) => request.request_id)).toEqual(requestIds);

    const requests = await execute({ parameters: { resource: 'session', operation: 'getTrace', output: 'requests' }, executionId });
    expect(requests.map((request) => [request.request_id, request.session_id, request.path, request.status, request.model])).toEqual(
      requestIds.map((id) => [id, executionId, '/Switchyard Chat Model', 200, 'mock']),
    );
  });

  it('Request › Get Many filters, sorts, limits and pages', async () => {
    const bySession = { resource: 'request', operation: 'getAll', returnAll: true, filters: { sessionId: '={{ $execution.id }}' } };
    const newest = await execute({ parameters: bySession, executionId });
    expect(newest.map((row) => row.request_id)).toEqual([...requestIds].reverse());
    expect(newest[0]).toMatchObject({ model: 'mock', response_status: 200 });
    expect(lowerKeys(newest[0]!.request_properties as Record<string, string>)).toMatchObject({ environment: 'test', 'helicone-session-id': executionId });

    const oldest = await execute({ parameters: { ...bySession, options: { sort: 'oldest', includeBodies: true } }, executionId });
    expect(oldest.map((row) => row.request_id)).toEqual(requestIds);
    expect(oldest[0]!.request_body).toMatchObject({ messages: [{ role: 'user', content: 'first question' }] });
    expect(oldest[0]!.response_body).toMatchObject({ choices: [{ message: { content: 'Mock reply to: first question' } }] });

    const limited = await execute({ parameters: { resource: 'request', operation: 'getAll', limit: 1, filters: { sessionId: executionId } } });
    expect(limited.map((row) => row.request_id)).toEqual([requestIds[1]]);

    const combined = {
      resource: 'request',
      operation: 'getAll',
      returnAll: true,
      filters: {
        sessionId: executionId,
        model: 'moc',
        status: 'success',
        createdAfter: new Date(Date.now() - 3_600_000).toISOString(),
        properties: { property: [{ name: 'environment', value: 'test' }] },
        customFilter: '{"request_response_rmt": {"latency": {"gte": 0}}}',
      },
    };
    expect((await execute({ parameters: combined })).map((row) => row.request_id).sort()).toEqual([...requestIds].sort());
    expect(await execute({ parameters: { ...combined, filters: { ...combined.filters, status: 'error' } } })).toEqual([]);
    expect(await execute({ parameters: { ...combined, filters: { ...combined.filters, properties: { property: [{ name: 'environment', value: 'prod' }] } } } })).toEqual([]);

    const badJson = await failure(execute({ parameters: { ...combined, filters: { customFilter: '{"left": ' } } }));
    expect(badJson).toBeInstanceOf(n8n.NodeOperationError);
    expect(badJson.message).toMatch(/^Filter \(JSON\) is not valid JSON/);
    const badColumn = await failure(execute({ parameters: { ...combined, filters: { customFilter: '{"request_response_rmt": {"colour": {"equals": "red"}}}' } } }));
    expect(badColumn).toBeInstanceOf(n8n.NodeApiError);
    expect(badColumn.message).toMatch(/POST \/v1\/request\/query-clickhouse failed with 400: .*colour/);
  });

  it('Request › Get returns one request with its bodies', async () => {
    const [row, ...rest] = await execute({ parameters: { resource: 'request', operation: 'get', requestId: requestIds[0]! } });
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ request_id: requestIds[0], model: 'mock', response_status: 200 });
    expect(row!.request_body).toMatchObject({ model: 'mock', messages: [{ role: 'user', content: 'first question' }] });
  });

  it('Request › Add Feedback and Score grade a request', async () => {
    expect(await execute({ parameters: { resource: 'request', operation: 'addFeedback', requestId: requestIds[0]!, rating: 'negative' } })).toEqual([
      { request_id: requestIds[0], rating: false, success: true },
    ]);
    expect(await execute({ parameters: { resource: 'request', operation: 'addFeedback', requestId: requestIds[1]! } })).toEqual([
      { request_id: requestIds[1], rating: true, success: true },
    ]);
    const scored = await execute({
      parameters: { resource: 'request', operation: 'score', requestId: requestIds[1]!, scores: { score: [{ name: 'accuracy', value: 87 }, { name: 'on_topic', value: 1 }] } },
    });
    expect(scored).toEqual([{ request_id: requestIds[1], scores: { accuracy: 87, on_topic: 1 }, success: true }]);

    const [first] = await execute({ parameters: { resource: 'request', operation: 'get', requestId: requestIds[0]!, includeBodies: false } });
    const [second] = await execute({ parameters: { resource: 'request', operation: 'get', requestId: requestIds[1]!, includeBodies: false } });
    expect(first).toMatchObject({ feedback_rating: false, scores: { 'helicone-score-feedback': 0 } });
    expect(second).toMatchObject({ feedback_rating: true, scores: { 'helicone-score-feedback': 1, accuracy: 87, on_topic: 1 } });

    const noScores = await failure(execute({ parameters: { resource: 'request', operation: 'score', requestId: requestIds[1]! } }));
    expect(noScores).toBeInstanceOf(n8n.NodeOperationError);
    expect(noScores.message).toBe('Scores: add at least one score (a name and a number)');
  });

  it('Session › Get Many finds the session with its totals', async () => {
    const sessions = await execute({ parameters: { resource: 'session', operation: 'getAll', sessionFilters: { search: executionId } } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ session_id: executionId, session_name: 'Support Bot', total_requests: 2 });
    expect(sessions[0]!.total_tokens).toBeGreaterThan(0);
    const named = await execute({ parameters: { resource: 'session', operation: 'getAll', returnAll: true, sessionFilters: { nameEquals: 'Support Bot' } } });
    expect(named.map((session) => session.session_id)).toContain(executionId);
    const before = await execute({ parameters: { resource: 'session', operation: 'getAll', sessionFilters: { search: executionId, createdBefore: '2020-01-01T00:00:00Z' } } });
    expect(before).toEqual([]);
  });

  it('reports a failed call as a NodeApiError, or as an item with Continue On Fail', async () => {
    const unknown = randomUUID();
    const error = await failure(execute({ parameters: { resource: 'request', operation: 'get', requestId: unknown } }));
    expect(error).toBeInstanceOf(n8n.NodeApiError);
    expect(error.message).toMatch(new RegExp(`GET /v1/request/${unknown} failed with 404`));
    expect((error as InstanceType<typeof n8n.NodeApiError>).httpCode).toBe('404');

    const items = await execute({ parameters: { resource: 'request', operation: 'addFeedback', requestId: unknown }, continueOnFail: true });
    expect(items).toHaveLength(1);
    expect(String(items[0]!.error)).toMatch(/failed with 404/);

    const unreachable = await failure(execute({ parameters: { resource: 'session', operation: 'getTrace', sessionId: 'x' }, credentials: { baseUrl: 'http://127.0.0.1:9' } }));
    expect(unreachable).toBeInstanceOf(n8n.NodeApiError);
    expect(unreachable.message).toMatch(/could not reach http:\/\/127\.0\.0\.1:9\/v1\/session\/x\/trace/);
    expect((unreachable as InstanceType<typeof n8n.NodeApiError>).description).toMatch(/Check the Base URL/);
  });

  it('uses the Query API URL for the query API and the key of the credential', async () => {
    const capture = await captureServer();
    try {
      await execute({
        parameters: { resource: 'request', operation: 'addFeedback', requestId: 'r-1' },
        credentials: { apiKey: 'sk-helicone-test', baseUrl: 'http://127.0.0.1:9', queryApiUrl: `${capture.url}/` },
      });
      expect(capture.received).toHaveLength(1);
      expect(capture.received[0]).toMatchObject({ url: '/v1/request/r-1/feedback', body: { rating: true }, headers: { authorization: 'Bearer sk-helicone-test' } });
    } finally {
      await capture.close();
    }
  });
});

// ── the example workflows ────────────────────────────────────────────────────────────────────────

interface WorkflowJson {
  name: string;
  nodes: Array<INode & { executeOnce?: boolean }>;
  connections: Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }>>>>;
}

const example = (name: string) => JSON.parse(readFileSync(join(root, 'examples/n8n', name), 'utf8')) as WorkflowJson;
const nodeNamed = (workflow: WorkflowJson, name: string) => workflow.nodes.find((node) => node.name === name)!;

describe('the example workflows (examples/n8n)', () => {
  it('wire a chat trigger, a Basic LLM Chain with the Switchyard Chat Model, and an output; their parameters are valid', () => {
    for (const file of ['chat-with-switchyard.json', 'grade-own-run.json']) {
      const workflow = example(file);
      const names = new Set(workflow.nodes.map((node) => node.name));
      for (const [from, outputs] of Object.entries(workflow.connections)) {
        expect(names.has(from), `${file}: ${from}`).toBe(true);
        for (const [type, targets] of Object.entries(outputs)) for (const target of targets.flat()) expect([names.has(target.node), target.type]).toEqual([true, type]);
      }
      expect(nodeNamed(workflow, 'When chat message received').type).toBe('@n8n/n8n-nodes-langchain.chatTrigger');
      expect(nodeNamed(workflow, 'Basic LLM Chain').type).toBe('@n8n/n8n-nodes-langchain.chainLlm');
      expect(workflow.connections['Switchyard Chat Model']).toEqual({ ai_languageModel: [[{ node: 'Basic LLM Chain', type: 'ai_languageModel', index: 0 }]] });
      expect(workflow.connections['When chat message received']!.main).toEqual([[{ node: 'Basic LLM Chain', type: 'main', index: 0 }]]);
      for (const node of workflow.nodes.filter((candidate) => candidate.type.startsWith('n8n-nodes-switchyard.'))) {
        const type = node.type === 'n8n-nodes-switchyard.lmChatSwitchyard' ? chatModel : actionNode;
        expect(node.typeVersion).toBe(1);
        const description = type.description as INodeTypeDescription;
        // As n8n checks a node it has loaded: the exported parameters with their defaults.
        const parameters = n8n.NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description)!;
        expect(n8n.NodeHelpers.getNodeParametersIssues(description.properties, { ...node, parameters }, description), `${file}: ${node.name}`).toBeNull();
      }
    }
    const chat = example('chat-with-switchyard.json');
    const ends = Object.values(chat.connections).flatMap((outputs) => Object.values(outputs).flat(2)).map((target) => target.node);
    expect(ends).toContain('Chat Output');
  });

  it('grade-own-run: the chain’s call is read back, listed and scored by the Switchyard nodes, as configured', async () => {
    const workflow = example('grade-own-run.json');
    expect(Object.fromEntries(Object.entries(workflow.connections).map(([from, outputs]) => [from, Object.values(outputs).flat(2).map((target) => target.node)]))).toEqual({
      'When chat message received': ['Basic LLM Chain'],
      'Switchyard Chat Model': ['Basic LLM Chain'],
      'Basic LLM Chain': ['Read Own Session'],
      'Read Own Session': ['List Own Requests'],
      'List Own Requests': ['Score Requests'],
      'Score Requests': ['Chat Output'],
    });

    // The chain's model call, with the example's Switchyard Chat Model parameters.
    const { model, executionId } = await supplyModel({ parameters: nodeNamed(workflow, 'Switchyard Chat Model').parameters });
    expect((await model.invoke('Hello from the example')).content).toBe('Mock reply to: Hello from the example');

    // Then the Switchyard nodes in order, each given the previous one's items.
    const runNode = (name: string, items: INodeExecutionData[]) => execute({ parameters: nodeNamed(workflow, name).parameters, executionId, items });
    const trace = await runNode('Read Own Session', [{ json: { text: 'Mock reply to: Hello from the example' } }]);
    expect(trace).toHaveLength(1);
    expect(trace[0]).toMatchObject({ session_id: executionId, session_name: 'Graded chat', request_count: 1, errors: 0 });
    const listed = await runNode('List Own Requests', trace.map((json) => ({ json })));
    expect(listed).toHaveLength(1);
    expect(lowerKeys(listed[0]!.request_properties as Record<string, string>)).toMatchObject({ workflow: 'grade-own-run' });
    const scored = await runNode('Score Requests', listed.map((json) => ({ json })));
    expect(scored).toEqual([{ request_id: listed[0]!.request_id, scores: { fast: 1, succeeded: 1 }, success: true }]);
    const [row] = await execute({ parameters: { resource: 'request', operation: 'get', requestId: String(listed[0]!.request_id) } });
    expect(row!.scores).toEqual({ fast: 1, succeeded: 1 });
    expect(nodeNamed(workflow, 'Chat Output').executeOnce).toBe(true);
  });
});
