// Fills `words` with the Philox4x32-10 stream for key (k0, k1): block b (one invocation) writes
// words[4b .. 4b+3] = Philox((c0 + b, c1, c2, c3), (k0, k1)). For testing the WGSL generator against
// the Random123 known answers and the TypeScript one. Prepended with philox.wgsl.
// Bindings: 0 uniform FillParams, 1 words (storage, 4·blocks u32). Dispatch: ceil(blocks/64)
// workgroups, folded into (x, y) when over the per-dimension limit.

struct FillParams {
  blocks: u32,
  c0: u32,
  c1: u32,
  c2: u32,
  c3: u32,
  k0: u32,
  k1: u32,
}

@group(0) @binding(0) var<uniform> params: FillParams;
@group(0) @binding(1) var<storage, read_write> words: array<u32>;

const WORKGROUP_SIZE: u32 = 64u;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let b = gid.x + gid.y * nwg.x * WORKGROUP_SIZE;
  if (b >= params.blocks) {
    return;
  }
  let w = philox4x32_10(vec4<u32>(params.c0 + b, params.c1, params.c2, params.c3), vec2<u32>(params.k0, params.k1));
  words[4u * b] = w.x;
  words[4u * b + 1u] = w.y;
  words[4u * b + 2u] = w.z;
  words[4u * b + 3u] = w.w;
}
