/**
 * The LangChain classes of the host, loaded at run time (never bundled): n8n hands the chat model
 * to its own AI nodes (Basic LLM Chain, AI Agent, …), which run it with n8n's copies of
 * `@langchain/core`; a model built from another copy would carry foreign message and runnable
 * classes. So the model is built from the `@langchain/openai` that n8n's own AI nodes use
 * (`@n8n/n8n-nodes-langchain`, found through the module paths n8n sets for community packages),
 * else from the one this package resolves (a peer dependency installed beside it), and the
 * callback base class from the `@langchain/core` that this `@langchain/openai` itself uses.
 *
 * Only long-standing API is used, so the same code runs with the 0.x releases n8n 1.x ships and
 * with 1.x: `ChatOpenAI` from `@langchain/openai`, `BaseCallbackHandler` from
 * `@langchain/core/callbacks/base`.
 */
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The package n8n's own AI nodes live in: its dependencies are the host's LangChain. */
export const hostAiNodesPackage = '@n8n/n8n-nodes-langchain';

// The parts of the host classes this package uses (typed loosely: their versions vary).
export type ChatOpenAIConstructor = new (fields: Record<string, unknown>) => ChatModelLike;
export interface ChatModelLike {
  invoke(input: unknown, options?: unknown): Promise<unknown>;
}
export type CallbackHandlerConstructor = new (...args: never[]) => { name: string; awaitHandlers?: boolean };

export interface HostLangChain {
  ChatOpenAI: ChatOpenAIConstructor;
  BaseCallbackHandler: CallbackHandlerConstructor;
  /** Where `@langchain/openai` was loaded from, for messages and tests. */
  openaiPath: string;
  /** "n8n" when it is the copy n8n's own AI nodes use, "package" when resolved from this package. */
  source: 'n8n' | 'package';
}

let cached: HostLangChain | undefined;

/** The directories in which `require` looks for packages: from this file up, then NODE_PATH and the main module's. */
function searchDirectories(): string[] {
  const dirs = [...(require.resolve.paths(hostAiNodesPackage) ?? []), ...(require.main?.paths ?? [])];
  return [...new Set(dirs)];
}

/** A require rooted in n8n's own AI nodes package, when the host has one. */
function hostAiNodesRequire(): NodeRequire | undefined {
  for (const dir of searchDirectories()) {
    const manifest = join(dir, hostAiNodesPackage, 'package.json');
    // Resolve links first (pnpm-style installs): packages are found beside the real folder.
    if (existsSync(manifest)) return createRequire(realpathSync(manifest));
  }
  return undefined;
}

function loadWith(from: NodeRequire, source: HostLangChain['source']): HostLangChain {
  const openaiPath = from.resolve('@langchain/openai');
  const openai = from(openaiPath) as { ChatOpenAI?: ChatOpenAIConstructor };
  // The @langchain/core that this @langchain/openai uses, whatever the layout (hoisted, nested, pnpm).
  const core = createRequire(openaiPath)('@langchain/core/callbacks/base') as { BaseCallbackHandler?: CallbackHandlerConstructor };
  if (typeof openai.ChatOpenAI !== 'function') throw new Error(`${openaiPath} has no ChatOpenAI export`);
  if (typeof core.BaseCallbackHandler !== 'function') throw new Error(`the @langchain/core beside ${openaiPath} has no BaseCallbackHandler export`);
  return { ChatOpenAI: openai.ChatOpenAI, BaseCallbackHandler: core.BaseCallbackHandler, openaiPath, source };
}

/** The host's LangChain, loaded once; throws an Error that says what to install when there is none. */
export function hostLangChain(): HostLangChain {
  if (cached) return cached;
  const failures: string[] = [];
  const candidates: Array<[NodeRequire | undefined, HostLangChain['source']]> = [
    [hostAiNodesRequire(), 'n8n'],
    [require, 'package'],
  ];
  for (const [from, source] of candidates) {
    if (!from) continue;
    try {
      cached = loadWith(from, source);
      return cached;
    } catch (error) {
      failures.push(`${source === 'n8n' ? `from ${hostAiNodesPackage}` : 'from this package'}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(
    `@langchain/openai and @langchain/core could not be loaded (${failures.join('; ') || `no ${hostAiNodesPackage} and nothing beside this package`}). ` +
      `In n8n they come with the AI nodes (n8n 1.x or later); elsewhere install them beside n8n-nodes-switchyard: npm install @langchain/openai @langchain/core`,
  );
}
