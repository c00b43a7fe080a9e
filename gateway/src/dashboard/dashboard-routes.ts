/**
 * Serves the web dashboard: the page at `/` and its hashed assets under `/dashboard/`. The files
 * are public (they hold no data); the page calls the query API, with the gateway key when keys exist.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '../server/router.js';
import { type DashboardAsset, dashboardAssets } from './dashboard-assets.js';

// Nothing from another origin: no fonts, scripts, styles or images fetched from elsewhere.
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

// Asset names carry a content hash, so they never change; the page itself is revalidated.
const immutable = 'public, max-age=31536000, immutable';
const revalidate = 'no-cache';

const notBuilt = `<!doctype html><meta charset="utf-8"><title>Switchyard</title>
<p>The dashboard has not been built. Run <code>npm run build</code>, then reload.</p>`;

function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

function sendAsset(req: IncomingMessage, res: ServerResponse, asset: DashboardAsset, cacheControl: string): void {
  const headers: Record<string, string | number> = { ...securityHeaders, 'content-type': asset.contentType, 'cache-control': cacheControl, etag: asset.etag, vary: 'accept-encoding' };
  if (req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gzip = asset.gzipped !== undefined && acceptsGzip(req);
  const body = gzip ? asset.gzipped! : asset.body;
  if (gzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = body.length;
  res.writeHead(200, headers);
  res.end(body);
}

function sendNotFound(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { ...securityHeaders, 'content-type': 'text/html; charset=utf-8', 'cache-control': revalidate });
  res.end(html);
}

export const dashboardRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/',
    public: true,
    handler: ({ req, res }) => {
      const page = dashboardAssets()?.get('index.html');
      if (!page) return sendNotFound(res, 503, notBuilt);
      sendAsset(req, res, page, revalidate);
    },
  },
  {
    method: 'GET',
    pattern: '/dashboard/:file',
    public: true,
    handler: ({ req, res, params }) => {
      const asset = params.file === 'index.html' ? undefined : dashboardAssets()?.get(params.file!);
      if (!asset) return sendNotFound(res, 404, '<!doctype html><title>Not found</title><p>No such dashboard file.</p>');
      sendAsset(req, res, asset, immutable);
    },
  },
];
