/** The package's entry points resolve from its built files, as `import 'switchyard/<name>'` will. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };

const run = promisify(execFile);

describe('package exports', () => {
  it.each(Object.keys(packageJson.exports))('switchyard%s loads', async (entry) => {
    const specifier = `switchyard${entry === '.' ? '' : entry.slice(1)}`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `const m = await import('${specifier}'); console.log(Object.keys(m).length)`], { cwd: process.cwd() });
    expect(Number(stdout.trim())).toBeGreaterThan(0);
  });
});
