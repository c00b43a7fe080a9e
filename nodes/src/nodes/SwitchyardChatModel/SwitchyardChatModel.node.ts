/**
 * "Switchyard Chat Model": a LangChain chat model (the host's ChatOpenAI) for n8n's AI nodes,
 * pointed at a Switchyard gateway (or Helicone's AI Gateway) with the Helicone headers of its
 * options. Every option is applied: the model options go to ChatOpenAI (or its modelKwargs),
 * the Switchyard options become headers, and the managed prompt becomes Helicone's body fields.
 * Without a session ID, the session is the workflow execution: one run is one session.
 */
import type {
  IDataObject,
  ILoadOptionsFunctions,
  INode,
  INodeListSearchResult,
  INodeType,
  INodeTypeDescription,
  ISupplyDataFunctions,
  SupplyData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { GatewayClient } from '../../../../gateway/src/client/index.js';
import { promptFields } from '../../../../integrations/prompts/prompt-fields.js';
import { pathSegment } from '../../../../integrations/session/path-segment.js';
import { clientOptions, connectionFrom, credentialName } from '../../shared/connection.js';
import { hostLangChain } from '../../shared/host-langchain.js';
import { docs } from '../../shared/links.js';
import { headerSafe, headersFor, jsonObject, rateLimitHeaders } from '../../shared/parameters.js';
import { n8nRunDataHandler } from '../../shared/tracing.js';

/** The option defaults the UI shows, applied as well when an option is not set. */
const chatDefaults = { timeout: 360_000, maxRetries: 2, cacheTtl: 604_800 } as const;
const maxCacheTtl = 31_536_000;
/** Sent as the bearer token when the credential has no key (a Switchyard without keys ignores it; LangChain requires one). */
const keylessToken = 'switchyard-no-key';

interface ModelOptions {
  frequencyPenalty?: number;
  maxTokens?: number;
  presencePenalty?: number;
  responseFormat?: 'text' | 'json_object';
  temperature?: number;
  timeout?: number;
  maxRetries?: number;
  topP?: number;
}

interface SwitchyardOptions {
  sessionId?: string;
  sessionName?: string;
  sessionPath?: string;
  userId?: string;
  customProperties?: string | IDataObject;
  enableCaching?: boolean;
  cacheTtl?: number;
  promptId?: string;
  promptVersionId?: string;
  promptEnvironment?: string;
  promptInputs?: string | IDataObject;
  rateLimitPolicy?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The Helicone headers of the Switchyard options, each invalid one a NodeOperationError naming its field. */
function switchyardHeaders(context: Pick<ISupplyDataFunctions, 'getExecutionId' | 'getWorkflow'>, node: INode, options: SwitchyardOptions, itemIndex: number): Record<string, string> {
  const headers: Record<string, string> = {};
  const sessionId = text(options.sessionId) ?? text(context.getExecutionId());
  if (sessionId !== undefined) {
    const workflowName = text(context.getWorkflow().name);
    const name = text(options.sessionName) ?? (workflowName ? headerSafe(workflowName) : undefined);
    const path = text(options.sessionPath) ?? `/${pathSegment(node.name, 'model')}`;
    Object.assign(headers, headersFor(node, text(options.sessionId) ? 'Session ID' : 'Session (execution ID)', { session: { id: sessionId } }, itemIndex));
    if (name !== undefined) Object.assign(headers, headersFor(node, 'Session Name', { session: { id: sessionId, name } }, itemIndex));
    Object.assign(headers, headersFor(node, 'Session Path', { session: { id: sessionId, path } }, itemIndex));
  } else if (text(options.sessionName) || text(options.sessionPath)) {
    throw new NodeOperationError(node, 'Session Name and Session Path need a session: set Session ID (there is no execution ID to default to)', { itemIndex });
  }
  const userId = text(options.userId);
  if (userId !== undefined) Object.assign(headers, headersFor(node, 'User ID', { userId }, itemIndex));

  const properties = jsonObject(node, 'Custom Properties', options.customProperties, itemIndex, '{"environment": "production"}');
  if (properties) {
    for (const [key, value] of Object.entries(properties)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        throw new NodeOperationError(node, `Custom Properties: "${key}" must be a string, number or boolean, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`, { itemIndex });
      }
    }
    Object.assign(headers, headersFor(node, 'Custom Properties', { properties: properties as Record<string, string | number | boolean> }, itemIndex));
  }

  if (options.enableCaching) {
    const ttl = options.cacheTtl ?? chatDefaults.cacheTtl;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > maxCacheTtl) {
      throw new NodeOperationError(node, `Cache TTL (Seconds) must be a whole number from 1 to ${maxCacheTtl} (365 days), got ${ttl}`, { itemIndex });
    }
    Object.assign(headers, headersFor(node, 'Cache', { cache: { enabled: true, ttlSeconds: ttl } }, itemIndex));
  }
  const policy = text(options.rateLimitPolicy);
  if (policy !== undefined) Object.assign(headers, rateLimitHeaders(node, policy, itemIndex));
  return headers;
}

/** Body fields: the response format, and a managed prompt as Helicone's prompt_id/version_id/environment/inputs. */
function modelKwargs(node: INode, options: ModelOptions, switchyard: SwitchyardOptions, itemIndex: number): Record<string, unknown> {
  const kwargs: Record<string, unknown> = {};
  if (options.responseFormat) kwargs.response_format = { type: options.responseFormat };
  const promptId = text(switchyard.promptId);
  const inputs = jsonObject(node, 'Prompt Inputs', switchyard.promptInputs, itemIndex, '{"customer_name": "Ada"}');
  if (promptId !== undefined) {
    Object.assign(kwargs, promptFields({ id: promptId, version: text(switchyard.promptVersionId), environment: text(switchyard.promptEnvironment), inputs }));
  } else if (inputs || text(switchyard.promptEnvironment) || text(switchyard.promptVersionId)) {
    throw new NodeOperationError(node, 'Prompt Environment, Prompt Version ID and Prompt Inputs need a Prompt ID', { itemIndex });
  }
  return kwargs;
}

function checkRange(node: INode, field: string, value: number | undefined, min: number, max: number, itemIndex: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max) {
    throw new NodeOperationError(node, `${field} must be between ${min} and ${max}, got ${String(value)}`, { itemIndex });
  }
}

export class SwitchyardChatModel implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Switchyard Chat Model',
    name: 'lmChatSwitchyard',
    icon: 'file:switchyard.svg',
    group: ['transform'],
    version: [1],
    description: 'Chat model for AI chains and agents, routed through a Switchyard (or Helicone) AI gateway that logs every call with its session',
    defaults: { name: 'Switchyard Chat Model' },
    codex: {
      categories: ['AI'],
      subcategories: { AI: ['Language Models', 'Root Nodes'], 'Language Models': ['Chat Models (Recommended)'] },
      resources: { primaryDocumentation: [{ url: docs.chatModel }] },
      alias: ['LLM', 'OpenAI', 'Helicone', 'Gateway', 'Observability'],
    },
    inputs: [],
    outputs: ['ai_languageModel'],
    outputNames: ['Model'],
    credentials: [{ name: credentialName, required: true }],
    hints: [
      {
        message: 'With Response Format "JSON", the prompt of the chain or agent must contain the word "json" (OpenAI-compatible models refuse it otherwise).',
        type: 'info',
        location: 'ndv',
        whenToDisplay: 'always',
        displayCondition: '={{ $parameter["options"]["responseFormat"] === "json_object" }}',
      },
      {
        message: 'The gateway expands the managed prompt (Prompt ID) with the inputs; it must exist there (on Switchyard, created with POST /v1/prompt-2025): an unknown prompt is a 404, a missing input a 400.',
        type: 'info',
        location: 'ndv',
        whenToDisplay: 'always',
        displayCondition: '={{ !!$parameter["switchyardOptions"]["promptId"] }}',
      },
    ],
    properties: [
      {
        displayName:
          "This node must be connected to an AI chain or an AI agent. <a data-action='openSelectiveNodeCreator' data-action-parameter-connectiontype='ai_chain,ai_agent'>Insert one</a>",
        name: 'notice',
        type: 'notice',
        default: '',
        typeOptions: { containerClass: 'ndv-connection-hint-notice' },
      },
      {
        displayName: 'Model',
        name: 'model',
        type: 'resourceLocator',
        default: { mode: 'list', value: 'gpt-4.1-mini' },
        required: true,
        description:
          'The model, in the gateway\'s grammar: a registry model (<code>gpt-4.1-mini</code>, tried on every provider that serves it), one provider (<code>gpt-4o-mini/openai</code>), a fallback chain (<code>gpt-4o/openai,claude-sonnet-4-5/anthropic</code>), or <code>mock</code> for offline answers.',
        modes: [
          {
            displayName: 'From List',
            name: 'list',
            type: 'list',
            placeholder: 'Select a model…',
            typeOptions: { searchListMethod: 'searchModels', searchable: true },
          },
          {
            displayName: 'By ID',
            name: 'id',
            type: 'string',
            placeholder: 'e.g. gpt-4o-mini/openai or mock',
          },
        ],
      },
      {
        displayName: 'Options',
        name: 'options',
        placeholder: 'Add Option',
        description: 'Additional model options; each one set here is sent with every call',
        type: 'collection',
        default: {},
        options: [
          {
            displayName: 'Frequency Penalty',
            name: 'frequencyPenalty',
            default: 0,
            typeOptions: { maxValue: 2, minValue: -2, numberPrecision: 1 },
            description: "Positive values penalize new tokens based on their existing frequency in the text so far, decreasing the model's likelihood to repeat the same line verbatim",
            type: 'number',
          },
          {
            displayName: 'Maximum Number of Tokens',
            name: 'maxTokens',
            default: -1,
            description: 'The maximum number of tokens to generate in the completion; -1 leaves it to the model',
            type: 'number',
            typeOptions: { maxValue: 32768 },
          },
          {
            displayName: 'Response Format',
            name: 'responseFormat',
            default: 'text',
            type: 'options',
            options: [
              { name: 'Text', value: 'text', description: 'Regular text response' },
              { name: 'JSON', value: 'json_object', description: 'Enables JSON mode, which should guarantee the message the model generates is valid JSON' },
            ],
          },
          {
            displayName: 'Presence Penalty',
            name: 'presencePenalty',
            default: 0,
            typeOptions: { maxValue: 2, minValue: -2, numberPrecision: 1 },
            description: "Positive values penalize new tokens based on whether they appear in the text so far, increasing the model's likelihood to talk about new topics",
            type: 'number',
          },
          {
            displayName: 'Sampling Temperature',
            name: 'temperature',
            default: 0.7,
            typeOptions: { maxValue: 2, minValue: 0, numberPrecision: 1 },
            description: 'Controls randomness: lowering results in less random completions. As the temperature approaches zero, the model will become deterministic and repetitive.',
            type: 'number',
          },
          {
            displayName: 'Timeout',
            name: 'timeout',
            default: chatDefaults.timeout,
            description: 'Maximum amount of time a request is allowed to take in milliseconds (the default applies when this option is not set)',
            type: 'number',
          },
          {
            displayName: 'Max Retries',
            name: 'maxRetries',
            default: chatDefaults.maxRetries,
            description: 'Maximum number of retries to attempt (the default applies when this option is not set)',
            type: 'number',
          },
          {
            displayName: 'Top P',
            name: 'topP',
            default: 1,
            typeOptions: { maxValue: 1, minValue: 0, numberPrecision: 1 },
            description: 'Controls diversity via nucleus sampling: 0.5 means half of all likelihood-weighted options are considered. We generally recommend altering this or temperature but not both.',
            type: 'number',
          },
        ],
      },
      {
        displayName: 'Switchyard Options',
        name: 'switchyardOptions',
        placeholder: 'Add Switchyard Option',
        description: 'How the gateway logs and treats the calls: session, user, properties, caching, managed prompt, rate limit',
        type: 'collection',
        default: {},
        options: [
          {
            displayName: 'Session ID',
            name: 'sessionId',
            type: 'string',
            default: '',
            description: 'Groups the calls into one session (Helicone-Session-Id). Empty: this execution\'s ID, so each run of the workflow is one session that the Switchyard node can read back.',
            placeholder: 'e.g. {{ $json.sessionId }}',
          },
          {
            displayName: 'Session Name',
            name: 'sessionName',
            type: 'string',
            default: '',
            description: 'The session\'s name (Helicone-Session-Name). Empty: the workflow\'s name.',
          },
          {
            displayName: 'Session Path',
            name: 'sessionPath',
            type: 'string',
            default: '',
            description: 'Where the calls sit in the session\'s tree (Helicone-Session-Path), e.g. /support/answer. Empty: / and this node\'s name.',
            placeholder: 'e.g. /support/answer',
          },
          {
            displayName: 'User ID',
            name: 'userId',
            type: 'string',
            default: '',
            description: 'The end user the calls are for (Helicone-User-Id)',
            placeholder: 'e.g. {{ $json.userId }}',
          },
          {
            displayName: 'Custom Properties',
            name: 'customProperties',
            type: 'json',
            default: '{}',
            description: `A JSON object of properties logged with each call (Helicone-Property-&lt;name&gt;), to filter and group by. <a href="${docs.customProperties}">More info</a>.`,
            placeholder: '{"environment": "production", "workflow": "onboarding"}',
          },
          {
            displayName: 'Enable Caching',
            name: 'enableCaching',
            type: 'boolean',
            default: false,
            description: `Whether to ask the gateway to answer repeated identical requests from its cache (Helicone-Cache-Enabled). <a href="${docs.caching}">More info</a>.`,
          },
          {
            displayName: 'Cache TTL (Seconds)',
            name: 'cacheTtl',
            type: 'number',
            default: chatDefaults.cacheTtl,
            typeOptions: { minValue: 1, maxValue: maxCacheTtl },
            description: 'How long a cached answer is kept (Cache-Control: max-age), at most 31536000 (365 days)',
            displayOptions: { show: { enableCaching: [true] } },
          },
          {
            displayName: 'Prompt ID',
            name: 'promptId',
            type: 'string',
            default: '',
            description: `A managed prompt, expanded by the gateway (Switchyard or Helicone's AI Gateway) with the inputs below; the chain's messages are appended to it. <a href="${docs.prompts}">More info</a>.`,
          },
          {
            displayName: 'Prompt Environment',
            name: 'promptEnvironment',
            type: 'string',
            default: '',
            description: 'Which environment\'s version of the prompt to use (e.g. production, staging); production when empty',
          },
          {
            displayName: 'Prompt Version ID',
            name: 'promptVersionId',
            type: 'string',
            default: '',
            description: 'A specific version of the prompt; Prompt Environment wins when both are set',
          },
          {
            displayName: 'Prompt Inputs',
            name: 'promptInputs',
            type: 'json',
            default: '{}',
            description: 'A JSON object of the prompt\'s variables',
            placeholder: '{"customer_name": "Ada"}',
          },
          {
            displayName: 'Rate Limit Policy',
            name: 'rateLimitPolicy',
            type: 'string',
            default: '',
            description: `Helicone-RateLimit-Policy: quota;w=window seconds (at least 60)[;u=request|cents][;s=user|&lt;property&gt;]. <a href="${docs.rateLimits}">More info</a>.`,
            placeholder: 'e.g. 1000;w=3600;s=user',
          },
        ],
      },
    ],
  };

  methods = {
    listSearch: {
      async searchModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
        const connection = connectionFrom(this.getNode(), await this.getCredentials(credentialName));
        const models = await new GatewayClient(clientOptions(connection)).listModels();
        const needle = (filter ?? '').trim().toLowerCase();
        const results = models
          .map((model) => model.id)
          .filter((id) => needle === '' || id.toLowerCase().includes(needle))
          .sort((a, b) => a.localeCompare(b))
          .map((id) => ({ name: id, value: id }));
        return { results };
      },
    },
  };

  async supplyData(this: ISupplyDataFunctions, itemIndex: number): Promise<SupplyData> {
    const node = this.getNode();
    const connection = connectionFrom(node, await this.getCredentials(credentialName));
    const model = text(this.getNodeParameter('model', itemIndex, '', { extractValue: true }));
    if (model === undefined) throw new NodeOperationError(node, 'Model is required: pick one from the list or give its ID (e.g. gpt-4o-mini/openai, or mock)', { itemIndex });
    const options = this.getNodeParameter('options', itemIndex, {}) as ModelOptions;
    const switchyard = this.getNodeParameter('switchyardOptions', itemIndex, {}) as SwitchyardOptions;

    checkRange(node, 'Sampling Temperature', options.temperature, 0, 2, itemIndex);
    checkRange(node, 'Top P', options.topP, 0, 1, itemIndex);
    checkRange(node, 'Frequency Penalty', options.frequencyPenalty, -2, 2, itemIndex);
    checkRange(node, 'Presence Penalty', options.presencePenalty, -2, 2, itemIndex);
    checkRange(node, 'Timeout', options.timeout, 1, Number.MAX_SAFE_INTEGER, itemIndex);
    checkRange(node, 'Max Retries', options.maxRetries, 0, 100, itemIndex);

    const headers = switchyardHeaders(this, node, switchyard, itemIndex);
    const kwargs = modelKwargs(node, options, switchyard, itemIndex);

    let langchain;
    try {
      langchain = hostLangChain();
    } catch (error) {
      throw new NodeOperationError(node, (error as Error).message, { itemIndex });
    }
    const apiKey = connection.apiKey ?? keylessToken;
    const maxTokens = options.maxTokens !== undefined && options.maxTokens > 0 ? options.maxTokens : undefined;
    const fields: Record<string, unknown> = {
      // Both spellings, for every @langchain/openai release n8n has shipped (modelName/openAIApiKey before the aliases).
      model,
      modelName: model,
      apiKey,
      openAIApiKey: apiKey,
      configuration: { baseURL: `${connection.gatewayBaseUrl}/v1`, defaultHeaders: headers },
      timeout: options.timeout ?? chatDefaults.timeout,
      maxRetries: options.maxRetries ?? chatDefaults.maxRetries,
      callbacks: [n8nRunDataHandler(langchain.BaseCallbackHandler, this)],
    };
    if (options.temperature !== undefined) fields.temperature = options.temperature;
    if (maxTokens !== undefined) fields.maxTokens = maxTokens;
    if (options.topP !== undefined) fields.topP = options.topP;
    if (options.frequencyPenalty !== undefined) fields.frequencyPenalty = options.frequencyPenalty;
    if (options.presencePenalty !== undefined) fields.presencePenalty = options.presencePenalty;
    if (Object.keys(kwargs).length > 0) fields.modelKwargs = kwargs;

    return { response: new langchain.ChatOpenAI(fields) };
  }
}
