import type { Command } from 'commander';
import { createGatewayKey } from '../auth/gateway-keys.js';
import { defaults, loadConfig } from '../config.js';
import type { Store } from '../store/store.js';

async function openStore(options: { dataDir?: string; config?: string; store?: string }): Promise<Store> {
  // Loaded when a keys command runs, so that the CLI's other commands start without the store.
  const { openStore: open } = await import('../store/open-store.js');
  return open(loadConfig(options));
}

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

export function registerKeysCommand(program: Command): void {
  const keys = program
    .command('keys')
    .description('Manage gateway API keys (stored hashed; a key is shown once, when created)')
    .option('--data-dir <dir>', `folder of the SQLite store (env SWITCHYARD_DATA_DIR, default ${defaults.dataDir})`)
    .option('--store <url>', 'the PostgreSQL store instead, e.g. postgres://switchyard@127.0.0.1:5432/switchyard (env SWITCHYARD_STORE_URL)')
    .option('--config <file>', 'JSON config file (env SWITCHYARD_CONFIG)');

  keys
    .command('create')
    .description('Create a key and print it once; from then on every request needs a key')
    .option('--name <name>', 'a label to recognise the key by', 'default')
    .action(async (options: { name: string }, command: Command) => {
      const store = await openStore(command.parent!.opts());
      try {
        const { id, key } = await createGatewayKey(store, options.name);
        console.log(key);
        console.error(`Created key ${id} (${options.name}). Store it now: it cannot be shown again.`);
        console.error('Send it as "Authorization: Bearer <key>" or "Helicone-Auth: Bearer <key>".');
      } finally {
        await store.close();
      }
    });

  keys
    .command('list')
    .description('List keys: id, name, prefix, created, revoked')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const store = await openStore(command.parent!.opts());
      try {
        const rows = await store.listApiKeys();
        if (options.json) {
          console.log(JSON.stringify(rows, null, 2));
          return;
        }
        if (rows.length === 0) {
          console.log('No gateway keys. The gateway serves loopback only; create one with `switchyard keys create`.');
          return;
        }
        for (const row of rows) {
          console.log([row.id, row.name, `${row.keyPrefix}…`, `created ${iso(row.createdAt)}`, row.revokedAt ? `revoked ${iso(row.revokedAt)}` : 'active'].join('  '));
        }
      } finally {
        await store.close();
      }
    });

  keys
    .command('revoke')
    .description('Revoke a key by id; a running gateway refuses it within seconds')
    .argument('<id>', 'the key id shown by `switchyard keys list`')
    .action(async (id: string, _options: unknown, command: Command) => {
      const store = await openStore(command.parent!.opts());
      try {
        if (!(await store.revokeApiKey(id, Date.now()))) {
          console.error(`No active key with id ${id}; see \`switchyard keys list\`.`);
          process.exitCode = 1;
          return;
        }
        console.log(`Revoked key ${id}.`);
      } finally {
        await store.close();
      }
    });
}
