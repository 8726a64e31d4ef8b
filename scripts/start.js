// `npm start`: the main job. Builds the lab page and serves it on http://127.0.0.1 (WebGPU needs a
// secure context: localhost counts), printing the URL to open. `npm start -- --port 8080` picks the port.
import { ensureNodeModules, root, run } from './ensure.js';
import { join } from 'node:path';
import { createServer } from 'node:net';

ensureNodeModules();
const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? args[portArg + 1] : process.env.PORT ?? '4173';
if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  console.error(`reglab: --port: expected a port number in [1, 65535], got ${JSON.stringify(port)}`);
  process.exit(2);
}
// A busy port is said before building, in one line (not "open …" followed by a server's stack trace).
const free = await new Promise((resolve) => {
  const probe = createServer().once('error', (e) => resolve(e.code)).once('listening', () => probe.close(() => resolve(null)));
  probe.listen(Number(port), '127.0.0.1');
});
if (free !== null) {
  console.error(`reglab: port ${port} on 127.0.0.1 is ${free === 'EADDRINUSE' ? 'in use by another program' : `not available (${free})`}; choose another: npm start -- --port ${Number(port) + 1}`);
  process.exit(1);
}
const vite = join(root, 'node_modules', '.bin', 'vite');
if (run(vite, ['build', '--logLevel', 'warn']) !== 0) process.exit(1);
console.log(`\nreglab: open http://127.0.0.1:${port}/ in a WebGPU-capable browser (Chrome, Edge; Ctrl+C stops)\n`);
process.exitCode = run(vite, ['preview', '--host', '127.0.0.1', '--strictPort', '--port', port]);
