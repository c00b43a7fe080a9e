/**
 * The dashboard's built files (`npm run build` writes them to dist/dashboard), read once into
 * memory with a gzipped copy each: they are small, fixed while the gateway runs, and served often.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface DashboardAsset {
  body: Buffer;
  gzipped: Buffer | undefined;
  contentType: string;
  etag: string;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

// Compiled, this module sits in dist/gateway/src/dashboard; run from source, in gateway/src/dashboard.
const candidateDirs = [new URL('../../../dashboard/', import.meta.url), new URL('../../../dist/dashboard/', import.meta.url)].map((url) => fileURLToPath(url));

export function dashboardDir(): string | undefined {
  return candidateDirs.find((dir) => existsSync(join(dir, 'index.html')));
}

function loadAsset(path: string): DashboardAsset {
  const body = readFileSync(path);
  // Text compresses well; anything tiny is not worth a gzip header.
  const gzipped = body.length > 1024 ? gzipSync(body, { level: 9 }) : undefined;
  return {
    body,
    gzipped: gzipped && gzipped.length < body.length ? gzipped : undefined,
    contentType: contentTypes[extname(path)] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
  };
}

let cache: Map<string, DashboardAsset> | undefined;

/** Every built file by name, or undefined when the dashboard has not been built. */
export function dashboardAssets(): Map<string, DashboardAsset> | undefined {
  if (cache) return cache;
  const dir = dashboardDir();
  if (!dir) return undefined;
  cache = new Map(readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => [entry.name, loadAsset(join(dir, entry.name))]));
  return cache;
}
