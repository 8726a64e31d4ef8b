// Binary cross-entropy from the logit (a library, prepended to cost.wgsl, fused.wgsl and
// landscape.wgsl): max(z, 0) − z·y + log(1 + e^{−|z|}), never log 0 and never NaN for finite z —
// the same formula, in the same order, as crossEntropyFromLogit in src/reference/ops.ts.

// log(1 + x) for x ∈ [0, 1] with the log(u)·x/(u − 1) correction: WGSL has no log1p.
fn log1p_small(x: f32) -> f32 {
  let u = 1.0 + x;
  if (u == 1.0) {
    return x;
  }
  return log(u) * (x / (u - 1.0));
}

fn cross_entropy_from_logit(z: f32, y: f32) -> f32 {
  return (max(z, 0.0) - z * y) + log1p_small(exp(-abs(z)));
}
