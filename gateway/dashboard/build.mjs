// Bundles the dashboard into dist/dashboard: one script and one stylesheet with content-hashed
// names (cached for good by browsers), and the page that names them (revalidated on each load).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, '..', '..', 'dist', 'dashboard');

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const result = await build({
  entryPoints: [join(here, 'src', 'main.tsx'), join(here, 'src', 'styles.css')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  entryNames: '[name]-[hash]',
  outdir,
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
const script = outputs.find((name) => name.endsWith('.js'));
const style = outputs.find((name) => name.endsWith('.css'));
if (!script || !style) throw new Error(`dashboard build produced ${outputs.join(', ')}`);

const page = readFileSync(join(here, 'index.html'), 'utf8').replace('%SCRIPT%', `/dashboard/${script}`).replace('%STYLE%', `/dashboard/${style}`);
writeFileSync(join(outdir, 'index.html'), page);
