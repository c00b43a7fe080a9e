#!/usr/bin/env node
/**
 * The `switchyard` command: `start` runs the gateway, `keys` manages gateway API keys.
 */
import { Command, InvalidArgumentError } from 'commander';
import { registerKeysCommand } from './keys-command.js';
import { registerStartCommand } from './start-command.js';

const program = new Command()
  .name('switchyard')
  .description('Self-hostable, Helicone-compatible AI gateway and observability store')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)');

registerStartCommand(program);
registerKeysCommand(program);

export function parsePortOption(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('must be a port number 0-65535');
  return port;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`switchyard: ${(error as Error).message}`);
  process.exit(1);
});
