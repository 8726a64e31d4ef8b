// How reglab launches Chromium for its page (the Playwright tests and `npm run bench:page`): Debian's
// build, WebGPU on — SwiftShader where there is no GPU.
export const CHROMIUM = process.env.REGLAB_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
  // WebGPU canvas rendering for screenshots without a GPU:
  '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];
