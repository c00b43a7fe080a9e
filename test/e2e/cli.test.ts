import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

const cli = join(import.meta.dirname, '../../gateway/src/cli/main.ts');
const node = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-cli-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts `switchyard start`, resolving with the URL from its "listening" line. */
async function start(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'start', '--port', '0', ...args], { env: { ...process.env, OPENAI_API_KEY: 'sk-never-printed-1234' } });
  let output = '';
  child.stderr.on('data', (data) => (output += data));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (data) => {
      stdout += data;
      output += data;
      const match = /^Switchyard listening on (http:\/\/\S+)$/m.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  return { child, url, output: () => output };
}

describe('the switchyard command', () => {
  it('has --help on every command', () => {
    for (const args of [['--help'], ['start', '--help'], ['keys', '--help'], ['keys', 'create', '--help'], ['keys', 'list', '--help'], ['keys', 'revoke', '--help']]) {
      const result = node(args);
      expect(result.status, args.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^Usage: switchyard/);
    }
    expect(node(['start', '--help']).stdout).toContain('--data-dir <dir>');
  });

  it('runs `mcp` for a gateway elsewhere without loading the gateway’s store drivers', () => {
    const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'cli-test', version: '1.0.0' } } };
    // NODE_DEBUG=module names every CommonJS module loaded; both store drivers are CommonJS.
    const result = spawnSync(process.execPath, ['--import', 'tsx', cli, 'mcp'], {
      encoding: 'utf8',
      input: `${JSON.stringify(initialize)}\n`,
      env: { ...process.env, SWITCHYARD_URL: 'http://127.0.0.1:9', NODE_DEBUG: 'module' },
      timeout: 20_000,
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.split('\n')[0]!).result.serverInfo.name).toBeTruthy();
    expect(result.stderr).toContain('MODULE');
    expect(result.stderr).not.toMatch(/better-sqlite3|node_modules\/pg\//);
  });

  it('starts, prints one listening line, and on SIGTERM finishes the streams in flight and writes every log before exiting', async () => {
    const dir = dataDir();
    const { child, url, output } = await start(['--data-dir', dir]);
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    const sent = 10;
    // Each answer streams slowly; once its headers are here, the request is in flight.
    const responses = await Promise.all(
      Array.from({ length: sent }, (_, i) =>
        fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'helicone-session-id': 'cli-test' },
          body: JSON.stringify({ model: 'mock', stream: true, messages: [{ role: 'user', content: `mock:chunk-delay=60 request number ${i}` }] }),
        }),
      ),
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const bodies = await Promise.all(responses.map((response) => response.text()));
    expect(await exited).toBe(0);
    for (const body of bodies) expect(body.trimEnd().endsWith('data: [DONE]')).toBe(true);

    const db = new Database(join(dir, 'switchyard.db'), { readonly: true });
    expect(db.prepare("SELECT status, COUNT(*) AS n FROM requests WHERE session_id = 'cli-test' GROUP BY status").all()).toEqual([{ status: 200, n: sent }]);
    db.close();
    expect(output()).toContain('SIGTERM: finishing requests in flight and writing queued logs');
    expect(output()).toContain('Switchyard stopped.');
    expect(output()).not.toContain('sk-never-printed-1234');
  });

  it('explains a port that is taken', async () => {
    const dir = dataDir();
    const first = await start(['--data-dir', dir]);
    const port = new URL(first.url).port;
    const second = node(['start', '--port', port, '--data-dir', dataDir()]);
    first.child.kill('SIGINT');
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
  });

  it('refuses to listen on a public address without keys', () => {
    const result = node(['start', '--host', '0.0.0.0', '--port', '0', '--data-dir', dataDir()]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Refusing to listen on 0\.0\.0\.0/);
  });

  it('creates, lists and revokes keys, storing only hashes', async () => {
    const dir = dataDir();
    const created = node(['keys', '--data-dir', dir, 'create', '--name', 'ci']);
    expect(created.status).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^sk-switchyard-[\w-]{32}$/);
    const id = /Created key (\S+) \(ci\)/.exec(created.stderr)![1]!;

    const listed = node(['keys', '--data-dir', dir, 'list']);
    expect(listed.stdout).toContain(`${id}  ci  ${key.slice(0, 18)}…`);
    expect(listed.stdout).toContain('active');
    expect(listed.stdout).not.toContain(key);

    const db = new Database(join(dir, 'switchyard.db'), { readonly: true });
    expect(JSON.stringify(db.prepare('SELECT * FROM api_keys').all())).not.toContain(key);
    db.close();

    // The gateway now wants the key (and the demo, which has none, stands aside).
    const { child, url, output } = await start(['--data-dir', dir, '--demo']);
    try {
      const body = JSON.stringify({ model: 'mock', messages: [{ role: 'user', content: 'hi' }] });
      const headers = { 'content-type': 'application/json' };
      expect((await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers, body })).status).toBe(401);
      expect((await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${key}` }, body })).status).toBe(200);
      expect(output()).toContain('demo: skipped: this gateway has keys');
    } finally {
      child.kill('SIGTERM');
    }

    expect(node(['keys', '--data-dir', dir, 'revoke', id]).stdout).toContain(`Revoked key ${id}.`);
    expect(node(['keys', '--data-dir', dir, 'list', '--json']).stdout).toContain('"revokedAt": 1');
    const again = node(['keys', '--data-dir', dir, 'revoke', id]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`No active key with id ${id}`);
  });
});
