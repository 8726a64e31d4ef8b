#!/usr/bin/env bash
# Packs what scripts/gpu-machine.sh needs on a GPU machine that cannot reach npm or Debian: node,
# the CLI's runtime packages (commander, papaparse, long for tfjs, dawn.node for linux-x64), Debian's Vulkan loader
# and the lesson's data set (from ../shared/data, never committed), into .devpack/ (git-ignored via
# .git/info/exclude), and builds the CLI bundle (dist/cli). Run after `npm install`, on x86-64.
set -eu
cd "$(dirname "$0")/.."
grep -qx '/.devpack/' .git/info/exclude 2>/dev/null || echo '/.devpack/' >> .git/info/exclude
mkdir -p .devpack/data /tmp/reglab-apt/partial
npm run build:cli # dist/cli
[ -f .devpack/node.tar.xz ] || tar cJf .devpack/node.tar.xz -C "$(dirname "$(readlink -f "$(command -v node)")")" node
tar cJf .devpack/nm.tar.xz node_modules/commander node_modules/papaparse node_modules/long node_modules/webgpu/package.json \
  node_modules/webgpu/index.js node_modules/webgpu/dist/linux-x64
o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/reglab-apt'
# the Vulkan loader and the GL dispatch libraries NVIDIA's Vulkan driver needs
ls .devpack/libglvnd0_*.deb >/dev/null 2>&1 || (cd .devpack && apt-get $o update -qq \
  && apt-get $o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
cp ../shared/data/football_*.csv .devpack/data/ 2>/dev/null || echo 'no ../shared/data: the lesson-30000 steps will fail'
du -sh .devpack dist/cli
