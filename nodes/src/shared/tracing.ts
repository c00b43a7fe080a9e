/**
 * What n8n's own chat-model nodes record for each model call, so that the Switchyard Chat Model
 * shows its input (the prompt) and output (the generations and token usage) in the execution
 * view, and an error on the node when a call fails: a LangChain callback handler built on the
 * host's BaseCallbackHandler that writes n8n's sub-node run data (addInputData/addOutputData on
 * the `ai_languageModel` connection) and AI events, as n8n's N8nLlmTracing does.
 */
import type { IDataObject, ISupplyDataFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { CallbackHandlerConstructor } from './host-langchain.js';

const connectionType = 'ai_languageModel';

interface Serialized {
  type?: string;
  kwargs?: Record<string, unknown>;
}

interface Generation {
  text?: string;
  generationInfo?: Record<string, unknown>;
}

interface LlmResult {
  generations: Generation[][];
  llmOutput?: Record<string, unknown>;
}

/** The constructor options of a serialized model, without its client configuration (headers, keys). */
function modelOptions(llm: Serialized): IDataObject {
  const kwargs = llm.type === 'constructor' && llm.kwargs ? llm.kwargs : {};
  const options: IDataObject = {};
  for (const [key, value] of Object.entries(kwargs)) {
    if (key === 'configuration' || key === 'callbacks' || /api_?key/i.test(key)) continue;
    if (value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'secret') continue;
    options[key] = value as IDataObject[string];
  }
  return options;
}

function tokenUsage(llmOutput: Record<string, unknown> | undefined): IDataObject | undefined {
  const usage = (llmOutput?.tokenUsage ?? llmOutput?.estimatedTokenUsage) as Record<string, unknown> | undefined;
  if (!usage || typeof usage !== 'object') return undefined;
  const promptTokens = typeof usage.promptTokens === 'number' ? usage.promptTokens : 0;
  const completionTokens = typeof usage.completionTokens === 'number' ? usage.completionTokens : 0;
  return { promptTokens, completionTokens, totalTokens: typeof usage.totalTokens === 'number' ? usage.totalTokens : promptTokens + completionTokens };
}

function logAiEvent(context: ISupplyDataFunctions, event: 'ai-llm-generated-output' | 'ai-llm-errored', payload: IDataObject): void {
  try {
    context.logAiEvent?.(event, JSON.stringify(payload));
  } catch {
    // Event logging is best effort: it must never fail a model call.
  }
}

/** A callback handler (an instance of the host's BaseCallbackHandler) writing n8n's run data for `context`. */
export function n8nRunDataHandler(BaseCallbackHandler: CallbackHandlerConstructor, context: ISupplyDataFunctions): object {
  const Base = BaseCallbackHandler as unknown as new () => { name: string; awaitHandlers?: boolean };

  class SwitchyardN8nTracing extends Base {
    override name = 'SwitchyardN8nTracing';
    /** Run inline, so the run data is written before the chain or agent moves on. */
    override awaitHandlers = true;
    private readonly runs = new Map<string, { index: number; messages: string[]; options: IDataObject }>();

    handleLLMStart(llm: Serialized, prompts: string[], runId: string): void {
      const options = modelOptions(llm);
      const json: IDataObject = { messages: prompts, options };
      const index = typeof context.addInputData === 'function' ? context.addInputData(connectionType, [[{ json }]]).index : this.runs.size;
      this.runs.set(runId, { index, messages: prompts, options });
    }

    handleLLMEnd(output: LlmResult, runId: string): void {
      const run = this.runs.get(runId) ?? { index: this.runs.size, messages: [], options: {} };
      const generations = output.generations.map((candidates) =>
        candidates.map(({ text, generationInfo }) => ({ text, ...(generationInfo ? { generationInfo } : {}) })),
      );
      const response: IDataObject = { response: { generations } as unknown as IDataObject };
      const usage = tokenUsage(output.llmOutput);
      if (usage) response.tokenUsage = usage;
      if (typeof context.addOutputData === 'function') context.addOutputData(connectionType, run.index, [[{ json: response }]]);
      logAiEvent(context, 'ai-llm-generated-output', { messages: run.messages, options: run.options, response });
    }

    handleLLMError(error: unknown, runId: string): void {
      const run = this.runs.get(runId) ?? { index: this.runs.size };
      const failure = error instanceof Error ? error : new Error(String(error));
      if (typeof context.addOutputData === 'function') {
        const nodeError = new NodeOperationError(context.getNode(), failure, { functionality: 'configuration-node' });
        context.addOutputData(connectionType, run.index, nodeError);
      }
      logAiEvent(context, 'ai-llm-errored', { error: failure.message, runId });
    }
  }

  return new SwitchyardN8nTracing();
}
