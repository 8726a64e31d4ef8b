// Activations and their derivatives (a library, prepended to matmul.wgsl, whose forward epilogue
// applies g and whose input-gradient epilogue multiplies by g'). Codes match src/gpu/codes.ts.
// g'(z) is computed from the pre-activation z, as the CPU reference does; relu'(0) = 0.

const ACT_RELU: u32 = 0u;
const ACT_TANH: u32 = 1u;
const ACT_SIGMOID: u32 = 2u;

fn sigmoid(z: f32) -> f32 {
  return 1.0 / (1.0 + exp(-z));
}

fn activate(act: u32, z: f32) -> f32 {
  switch act {
    case ACT_RELU: { return max(z, 0.0); }
    case ACT_TANH: { return tanh(z); }
    default: { return sigmoid(z); }
  }
}

fn activate_grad(act: u32, z: f32) -> f32 {
  switch act {
    case ACT_RELU: { return select(0.0, 1.0, z > 0.0); }
    case ACT_TANH: { let t = tanh(z); return 1.0 - t * t; }
    default: { let s = sigmoid(z); return s * (1.0 - s); }
  }
}
