/** WebAssembly text, bundled as the module's bytes (esbuild.mjs assembles it). */
declare module '*.wat' {
  const bytes: Uint8Array;
  export default bytes;
}

/**
 * The part of the WebAssembly JavaScript API the scanner uses. Node has it all; the project's
 * libraries (ES2022 and @types/node, no DOM) do not declare it.
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports?: object);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
}
