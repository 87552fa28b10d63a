// A plain static file host for e2e tests, like GitHub Pages or any web server a school has:
// it serves a built folder under a sub-path (e.g. /dslab/), answers 404 for anything else
// and has no fallback to index.html, so a root-relative URL in the build shows up as an error.

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticHost {
  /** The served folder's address, ending in the mount path, e.g. http://127.0.0.1:40123/dslab/ */
  url: string;
  /** Every path asked for, in order. */
  requests: string[];
  /** Every path asked for that was not found, in order. */
  misses: string[];
  close(): Promise<void>;
}

/** Serves `folder` at `mount` (which starts and ends with "/") on a free loopback port. */
export async function serveStatic(folder: string, mount: string, headers: Record<string, string> = {}): Promise<StaticHost> {
  const root = normalize(folder);
  const requests: string[] = [];
  const misses: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
    requests.push(path);
    let file: string | null = null;
    if (path.startsWith(mount)) {
      const rel = path.slice(mount.length);
      const candidate = normalize(join(root, rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel));
      if ((candidate === root || candidate.startsWith(root + sep)) && existsSync(candidate) && statSync(candidate).isFile())
        file = candidate;
    }
    if (!file) {
      misses.push(path);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...headers });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${mount}`,
    requests,
    misses,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
