/** The package's entry points resolve from its built files, as `import 'switchyard/<name>'` will. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };

const run = promisify(execFile);

/** One name each entry must export (the built files come from `npm run build`, part of `npm test`). */
const expected: Record<string, string> = {
  '.': 'GatewayClient',
  './client': 'heliconeHeaders',
  './session': 'withSession',
  './prompts': 'PromptManager',
  './manual-logger': 'ManualLogger',
  './langchain': 'switchyardChatModel',
  './langgraph': 'switchyardGraph',
  './openai-agents': 'connectAgentsToGateway',
  './ai-sdk': 'createSwitchyard',
  './mcp': 'createMcpServer',
};

describe('package exports', () => {
  it('cover every entry', () => {
    expect(Object.keys(packageJson.exports).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.keys(expected))('switchyard%s loads and exports what it should', async (entry) => {
    const specifier = `switchyard${entry === '.' ? '' : entry.slice(1)}`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `const m = await import('${specifier}'); console.log(typeof m[${JSON.stringify(expected[entry])}])`], { cwd: process.cwd() });
    expect(stdout.trim()).toBe('function');
  });
});
