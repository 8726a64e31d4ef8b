// `npm start`: the main job. Builds the lab page and serves it on http://127.0.0.1 (WebGPU needs a
// secure context: localhost counts), printing the URL to open. `npm start -- --port 8080` picks the port.
import { ensureNodeModules, root, run } from './ensure.js';
import { join } from 'node:path';

ensureNodeModules();
const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? args[portArg + 1] : process.env.PORT ?? '4173';
const vite = join(root, 'node_modules', '.bin', 'vite');
if (run(vite, ['build', '--logLevel', 'warn']) !== 0) process.exit(1);
console.log(`\nreglab: open http://127.0.0.1:${port}/ in a WebGPU-capable browser (Chrome, Edge; Ctrl+C stops)\n`);
process.exitCode = run(vite, ['preview', '--host', '127.0.0.1', '--strictPort', '--port', port]);
