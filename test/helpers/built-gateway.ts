/**
 * The built `switchyard` command (dist/, from `npm run build`) as a child process: started on an
 * ephemeral loopback port with a clean environment (only what the test passes, plus PATH), its
 * standard output and error captured.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const builtCli = join(import.meta.dirname, '../../dist/gateway/src/cli/main.js');

function cliEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!existsSync(builtCli)) throw new Error(`${builtCli} is missing: run \`npm run build\` first`);
  return { PATH: process.env.PATH, ...env };
}

export interface BuiltGateway {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** Everything the process wrote to standard output and standard error so far. */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `switchyard start --port 0 …`, resolving with the URL of its "listening" line. */
export async function startBuiltGateway(args: string[], env: NodeJS.ProcessEnv = {}): Promise<BuiltGateway> {
  const child = spawn(process.execPath, [builtCli, 'start', '--port', '0', ...args], { env: cliEnv(env) });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.stderr.on('data', (data) => (output += data));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (data) => {
      stdout += data;
      output += data;
      const match = /^Switchyard listening on (http:\/\/\S+)$/m.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exited.then(({ code, signal }) => reject(new Error(`switchyard exited (${code ?? signal}) before listening: ${output}`)));
  });
  return { child, url, output: () => output, exited };
}

/** Runs another switchyard command (e.g. `keys create`) to its end. */
export function runBuiltCli(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [builtCli, ...args], { encoding: 'utf8', env: cliEnv(env) });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
