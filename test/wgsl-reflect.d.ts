// wgsl_reflect's ES module (its package "main" is a CommonJS build that Node cannot load as ESM),
// typed as the package's own declarations.
declare module 'wgsl_reflect/wgsl_reflect.module.js' {
  export * from 'wgsl_reflect';
}
