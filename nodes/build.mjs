#!/usr/bin/env node
/**
 * Builds the n8n community package into nodes/dist: each node and credential bundled as its own
 * CommonJS file (the project's own modules, such as gateway/src/client, bundled in; n8n-workflow,
 * LangChain and openai left to the host), the icon beside each, and each node's codex file
 * (<Node>.node.json, which n8n reads for the node's categories and documentation link).
 *
 *   node nodes/build.mjs
 */
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const src = join(here, 'src');
const dist = join(here, 'dist');
const icon = join(src, 'icons', 'switchyard.svg');
const packageName = 'n8n-nodes-switchyard';

/** Entry points, at the paths the package.json `n8n` block names. */
const entries = [
  { in: 'credentials/SwitchyardApi.credentials.ts', out: 'credentials/SwitchyardApi.credentials' },
  { in: 'nodes/SwitchyardChatModel/SwitchyardChatModel.node.ts', out: 'nodes/SwitchyardChatModel/SwitchyardChatModel.node', node: true },
  { in: 'nodes/Switchyard/Switchyard.node.ts', out: 'nodes/Switchyard/Switchyard.node', node: true },
];

/** Only these may be bundled: the package's own code and the project's modules it reuses. */
const bundledRoots = ['nodes/src/', 'gateway/src/', 'integrations/'];

rmSync(dist, { recursive: true, force: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: entries.map((entry) => ({ in: join(src, entry.in), out: entry.out })),
  outdir: dist,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // The host's copies: n8n's own n8n-workflow, and the LangChain its AI nodes run the model with.
  external: ['n8n-workflow', '@langchain/*', 'openai'],
  sourcemap: false,
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  banner: { js: `// ${packageName}: built by nodes/build.mjs from nodes/src; do not edit.` },
});

const foreign = Object.keys(result.metafile.inputs).filter((input) => !bundledRoots.some((prefix) => input.startsWith(prefix)));
if (foreign.length > 0) {
  throw new Error(`nodes/build.mjs: these modules would be bundled but belong to the host or to third parties; mark them external or avoid them:\n  ${foreign.join('\n  ')}`);
}

const require = createRequire(import.meta.url);
/** As n8n loads a node or credential file: the class named like the file. */
const load = (entry) => {
  const className = entry.out.split('/').pop().split('.')[0];
  return new (require(join(dist, `${entry.out}.js`))[className])();
};
const credentialDocs = load(entries[0]).documentationUrl;
for (const entry of entries) {
  const outFile = join(dist, `${entry.out}.js`);
  copyFileSync(icon, join(dirname(outFile), 'switchyard.svg'));
  if (!entry.node) continue;
  const { description } = load(entry);
  const codex = {
    node: `${packageName}.${description.name}`,
    nodeVersion: '1.0',
    codexVersion: '1.0',
    categories: description.codex.categories,
    subcategories: description.codex.subcategories,
    alias: description.codex.alias,
    resources: { primaryDocumentation: description.codex.resources.primaryDocumentation, credentialDocumentation: [{ url: credentialDocs }] },
  };
  writeFileSync(`${outFile.slice(0, -'.js'.length)}.json`, `${JSON.stringify(codex, null, 2)}\n`);
}

console.log(`Built ${entries.length} files into ${relative(root, dist)}/ (${Object.keys(result.metafile.inputs).length} modules bundled)`);
