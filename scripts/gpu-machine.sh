#!/usr/bin/env bash
# The real-GPU measurements of the README's Performance section, as one short script for a machine
# that has a GPU but no npm registry (a lent device machine): the lesson's benchmark rows, the
# lesson's 30 000 iterations end to end on each GPU path (LESSON_PATHS), the plain-matmul
# micro-benchmark at sizes that fill a GPU (MATMUL_SIZES), the whole size sweep on the GPU, and the
# sweep lab's models per second (MODELS lesson models × 30 000 iterations side by side, and 64 of
# them one at a time for the ratio).
#
# It runs the prebuilt CLI bundle (dist/cli, from `npm install` or `npm run build:cli`) with
# node, dawn.node and the Vulkan loader taken from .devpack/ where the machine lacks them; make that
# folder on a machine with the registry with scripts/gpu-pack.sh. On any machine with node_modules
# installed it needs neither. Results land in $OUT (default gpu-results/): JSON per step and a log.
#
#   OUT=gpu-results bash scripts/gpu-machine.sh
# Sizes can be shrunk for a try on a CPU adapter: MATMUL_SIZES=256 SWEEP=small bash scripts/gpu-machine.sh
# STEPS picks steps (default: lesson-bench lesson matmul sweep models).
set -u
cd "$(dirname "$0")/.."
OUT=${OUT:-gpu-results}
MATMUL_SIZES=${MATMUL_SIZES:-1024,2048,4096}
SWEEP=${SWEEP:-full}
PACK=.devpack
mkdir -p "$OUT"
if ! command -v node >/dev/null 2>&1; then
  mkdir -p /tmp/reglab-node && tar xJf "$PACK/node.tar.xz" -C /tmp/reglab-node && export PATH=/tmp/reglab-node:$PATH
fi
[ -d node_modules/webgpu ] || tar xJf "$PACK/nm.tar.xz"
# the Vulkan loader, and the GL dispatch libraries that NVIDIA's Vulkan driver (libGLX_nvidia) loads
if ! ldconfig -p | grep -q 'libGLdispatch.so.0 '; then
  for f in "$PACK"/*.deb; do dpkg -x "$f" /; done
  ldconfig
fi
icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
if [ -f "$icd" ]; then
  export VK_DRIVER_FILES=$icd VK_ICD_FILENAMES=$icd
elif [ -z "${VK_ICD_FILENAMES:-}" ] && [ -f /usr/lib/chromium/libvk_swiftshader.so ]; then # a try without a GPU
  echo '{"file_format_version":"1.0.0","ICD":{"library_path":"/usr/lib/chromium/libvk_swiftshader.so","api_version":"1.0.5"}}' > /tmp/reglab-swiftshader-icd.json
  export VK_ICD_FILENAMES=/tmp/reglab-swiftshader-icd.json
fi
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
[ -d /usr/local/nvidia/lib64 ] && export LD_LIBRARY_PATH=/usr/local/nvidia/lib64${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv | tee "$OUT/gpu.txt"
node --version

# the CLI bundle itself (bin/reglab.js imports scripts/cli-bundle.js, which this machine does not need)
reglab=(node --input-type=module -e "const { main } = await import('./dist/cli/cli.js'); process.exitCode = await main(process.argv.slice(1));")
step() { # step NAME SECONDS COMMAND…: one measured step, logged, cut off at SECONDS
  local name=$1 secs=$2; shift 2
  echo "== $name" | tee -a "$OUT/log.txt"
  local t0=$SECONDS
  timeout "$secs" "$@" 2>&1 | tee -a "$OUT/log.txt"
  echo "== $name: $((SECONDS - t0)) s" | tee -a "$OUT/log.txt"
}
data=(--train "$PACK/data/football_train.csv" --test "$PACK/data/football_test.csv")
[ -f "$PACK/data/football_train.csv" ] || data=(--train ../shared/data/football_train.csv --test ../shared/data/football_test.csv)

# no adapter, no point going on
node --input-type=module -e "const { create, globals } = await import('webgpu'); Object.assign(globalThis, globals);
const a = await create([]).requestAdapter({ powerPreference: 'high-performance' });
if (!a) { console.error('no WebGPU adapter'); process.exit(1); }
console.log('adapter:', a.info.vendor, a.info.architecture, a.info.description); process.exit(0);" || exit 1
STEPS=${STEPS:-lesson-bench lesson matmul sweep models}
on() { [[ " $STEPS " == *" $1 "* ]]; }
on lesson-bench && step lesson-bench 90 "${reglab[@]}" bench --quick --workloads lesson --out "$OUT/lesson.json"
on lesson && for path in ${LESSON_PATHS:-auto fused layered}; do
  step "lesson-30000-$path" 60 "${reglab[@]}" compare --course "${data[@]}" --backend gpu --gpu-path "$path"
done
on matmul && step matmul 120 "${reglab[@]}" bench --workloads matmul --matmul-sizes "$MATMUL_SIZES" --out "$OUT/matmul.json"
# The whole sweep on the GPU; the CPU reference checks each row on as many examples as 10 s allow.
if ! on sweep; then
  :
elif [ "$SWEEP" = full ]; then
  step sweep 300 "${reglab[@]}" bench --workloads sweep --no-cpu --no-tfjs --max-ms 20000 --max-check-s 10 --out "$OUT/sweep.json"
else
  step sweep 150 "${reglab[@]}" bench --workloads sweep --widths 20,64 --sizes 256 --no-cpu --no-tfjs --max-check-s 1 --out "$OUT/sweep.json"
fi
# the sweep lab: 1 024 lesson models × 30 000 iterations side by side, and 64 one at a time for the ratio
on models && step models-side-by-side 120 "${reglab[@]}" sweep --course "${data[@]}" --backend gpu --l2 0,0.01,0.1,0.7 --keep-prob 1,0.95,0.86,0.7 --seeds "${MODEL_SEEDS:-64}" --json --no-progress > "$OUT/models-side-by-side.json"
on models && step models-bench 300 "${reglab[@]}" bench --workloads models --models 64 --model-iterations 30000 --no-cpu --out "$OUT/models.json"
