// Set-up that `npm start` and `npm test` do for themselves on a fresh clone: npm dependencies when
// they are missing or older than the lockfile, and Debian's Chromium (for the Playwright tests)
// when it is missing — installed with apt when we are root, otherwise named exactly.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
import { CHROMIUM } from './chromium.js';

export { CHROMIUM };

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

export function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.error('reglab: installing npm dependencies (npm ci)…');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
    console.error('reglab: `npm ci` failed; see above');
    process.exit(1);
  }
}

function hasVulkanLoader() {
  const r = spawnSync('ldconfig', ['-p'], { encoding: 'utf8' });
  return r.status === 0 && /libvulkan\.so\.1\b/.test(r.stdout);
}

/**
 * Chromium (the Playwright tests; its SwiftShader also gives dawn.node a Vulkan device without a
 * GPU) and the Vulkan loader libvulkan1 (dawn.node's GPU tests).
 */
export function ensureChromium() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!hasVulkanLoader()) missing.push('libvulkan1');
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`reglab: the tests need Debian's ${missing.join(' and ')} (Chromium at ${CHROMIUM}, the Vulkan loader for dawn.node). Install with:\n  sudo apt-get install -y ${missing.join(' ')}\n(or set REGLAB_CHROMIUM to another Chromium binary)`);
    process.exit(1);
  }
  console.error(`reglab: installing Debian's ${missing.join(' ')} for the tests (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0 || run('apt-get', ['install', '-y', '-qq', ...missing], { env }) !== 0) {
    console.error(`reglab: could not install ${missing.join(' ')} with apt-get; install by hand: apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
}
