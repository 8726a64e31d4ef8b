// A plain static file server for the built page (dist/web), with no dependencies: what any static host
// does. Without --isolated it sends no COOP/COEP headers (the fast CPU engine then runs on one thread
// until the service worker adds them); with --isolated it sends both, as `npm start` does. Use it to
// serve the page from a USB stick in a room without internet (docs/page.md#hosting-and-offline).
//   node scripts/static-server.js [folder, default dist/web] [--port 8080] [--isolated]
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml', '.mat': 'application/octet-stream',
};

/** Serve `folder` on 127.0.0.1:`port` (0: any free port); resolves to the listening server. */
export function serveStatic(folder, { port = 8080, host = '127.0.0.1', isolated = false } = {}) {
  const root = resolve(folder);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) { res.writeHead(403).end(); return; }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${path}`);
      return;
    }
    const headers = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' };
    if (isolated) Object.assign(headers, { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--port');
  const port = at >= 0 ? Number(args[at + 1]) : 8080;
  const folder = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--port') ?? 'dist/web';
  const server = await serveStatic(folder, { port, isolated: args.includes('--isolated') });
  const { port: bound } = server.address();
  console.log(`serving ${folder} at http://127.0.0.1:${bound}/ ${args.includes('--isolated') ? '(cross-origin isolated)' : '(no COOP/COEP headers: the fast CPU engine runs on one thread until the service worker adds them)'}`);
}
