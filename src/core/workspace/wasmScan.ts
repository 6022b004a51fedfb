import kernelBytes from './idScan.wat';

/** Byte classes (see idScan.wat), then the results. */
const OUT = 1024;
/** Results per call of the kernel: five 32-bit words each (start, then the ID's four words). */
const OUT_IDS = 4096;
/**
 * Where the text starts in the kernel's memory: after 64 bytes that stay zero, so that what comes
 * before the text reads as its start (not as the last result written).
 */
const IN = OUT + OUT_IDS * 20 + 64;
/** Zeros after the text: the kernel reads up to 60 bytes past its end. */
const PAD = 64;
const PAGE = 65536;

interface Kernel {
  readonly memory: WebAssembly.Memory;
  scan(pos: number, end: number, out: number, max: number): number;
  hasNul(pos: number, end: number): number;
}

let compiled: WebAssembly.Module | undefined;

/**
 * The customer IDs of a text given as bytes (UTF-8 or any ASCII-compatible encoding), found by the
 * WebAssembly kernel in idScan.wat with exactly the boundaries of the text scanner in customerId.ts
 * (its regex is the property tests' oracle). One per thread: its memory holds one text at a time,
 * read straight into it (`input`), so a file is never copied.
 */
export class IdScanner {
  private readonly kernel: Kernel;
  private bytes!: Uint8Array;
  private words!: Uint32Array;
  private len = 0;
  private pos = IN;
  private done = true;

  constructor() {
    compiled ??= new WebAssembly.Module(kernelBytes);
    this.kernel = new WebAssembly.Instance(compiled).exports as unknown as Kernel;
    this.views();
    const b = this.bytes;
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      const hex = /[0-9a-fA-F]/.test(ch);
      b[c] = (hex ? 2 : 0) | (/\w/.test(ch) ? 4 : 0);
    }
  }

  /** Room for a text of `size` bytes: write it into the array returned, from 0, then call `scan`. */
  input(size: number): Uint8Array {
    const need = IN + size + PAD;
    const have = this.kernel.memory.buffer.byteLength;
    if (need > have) {
      // At least double, so a growing file costs few copies.
      this.kernel.memory.grow(Math.ceil(Math.max(need - have, have) / PAGE));
      this.views();
    }
    return this.bytes.subarray(IN, IN + size);
  }

  /** The capacity `input` gave, for a file that grew while it was read. */
  get capacity(): number {
    return this.kernel.memory.buffer.byteLength - IN - PAD;
  }

  /** Copies a text in (for text that is not read from a file) and returns the input holding it. */
  set(text: Uint8Array, len = text.length): Uint8Array {
    const input = this.input(len);
    input.set(text.subarray(0, len));
    return input;
  }

  /**
   * Scans the first `len` bytes of the input: then each `next()` finds the next IDs, in order, and
   * says how many (0 when there are no more). Each is five words of `results` from `at`: the byte
   * offset where it starts, then its four words (the 32 hex digits, case folded: see idFromWords).
   */
  start(len: number): void {
    this.len = len;
    this.bytes.fill(0, IN + len, IN + len + PAD);
    this.pos = IN;
    this.done = false;
  }

  next(): number {
    if (this.done) return 0;
    const n = this.kernel.scan(this.pos, IN + this.len, OUT, OUT_IDS);
    if (n < OUT_IDS) this.done = true;
    else this.pos = this.words[OUT / 4 + (n - 1) * 5]! + 36;
    return n;
  }

  /** Where `next()` puts the IDs: see there. */
  get results(): Uint32Array {
    return this.words;
  }

  /** The results' first word in `results`. */
  readonly at = OUT / 4;

  /**
   * Calls `found` for each ID of the first `len` bytes of the input (see `next`). The counting loop
   * in scanFile.ts reads `results` itself: one call site per use keeps each loop monomorphic.
   */
  scan(len: number, found: (start: number, w0: number, w1: number, w2: number, w3: number) => void): void {
    this.start(len);
    for (let n = this.next(); n > 0; n = this.next()) {
      const w = this.words;
      for (let i = 0, o = this.at; i < n; i++, o += 5) found(w[o]! - IN, w[o + 1]!, w[o + 2]!, w[o + 3]!, w[o + 4]!);
    }
  }

  /** Whether the first `len` bytes of the input hold a NUL. */
  hasNul(len: number): boolean {
    return this.kernel.hasNul(IN, IN + len) !== 0;
  }

  private views(): void {
    this.bytes = new Uint8Array(this.kernel.memory.buffer);
    this.words = new Uint32Array(this.kernel.memory.buffer);
  }
}
