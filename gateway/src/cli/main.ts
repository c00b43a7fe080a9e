#!/usr/bin/env node
/**
 * The `switchyard` command: `start` runs the gateway, `keys` manages gateway API keys.
 */
import { Command } from 'commander';
import { registerKeysCommand } from './keys-command.js';
import { registerMcpCommand } from './mcp-command.js';
import { registerStartCommand } from './start-command.js';

const program = new Command()
  .name('switchyard')
  .description('Self-hostable, Helicone-compatible AI gateway and observability store')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)');

registerStartCommand(program);
registerKeysCommand(program);
registerMcpCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`switchyard: ${(error as Error).message}`);
  process.exit(1);
});
