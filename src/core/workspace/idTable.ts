/**
 * The distinct customer IDs of one file and how often each appears, without making a string per
 * mention: an ID's 32 hex digits are read as four 32-bit words (so case does not matter), hashed,
 * and counted in an open-addressing table. Strings are made once per distinct ID, at the end.
 */

const HEX_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX_VALUE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX_VALUE[65 + i] = 10 + i;
  HEX_VALUE[97 + i] = 10 + i;
}

/** Eight hex digits at `at` as one unsigned 32-bit word. */
function word8(b: Uint8Array, at: number): number {
  return (
    ((HEX_VALUE[b[at]!]! << 28) |
      (HEX_VALUE[b[at + 1]!]! << 24) |
      (HEX_VALUE[b[at + 2]!]! << 20) |
      (HEX_VALUE[b[at + 3]!]! << 16) |
      (HEX_VALUE[b[at + 4]!]! << 12) |
      (HEX_VALUE[b[at + 5]!]! << 8) |
      (HEX_VALUE[b[at + 6]!]! << 4) |
      HEX_VALUE[b[at + 7]!]!) >>>
    0
  );
}
/** Four hex digits at `a` and four at `c` as one word. */
function word44(b: Uint8Array, a: number, c: number): number {
  return (
    ((HEX_VALUE[b[a]!]! << 28) |
      (HEX_VALUE[b[a + 1]!]! << 24) |
      (HEX_VALUE[b[a + 2]!]! << 20) |
      (HEX_VALUE[b[a + 3]!]! << 16) |
      (HEX_VALUE[b[c]!]! << 12) |
      (HEX_VALUE[b[c + 1]!]! << 8) |
      (HEX_VALUE[b[c + 2]!]! << 4) |
      HEX_VALUE[b[c + 3]!]!) >>>
    0
  );
}

export class IdTable {
  private slots = new Int32Array(1024).fill(-1);
  private words = new Uint32Array(4 * 256);
  private countsArr = new Uint32Array(256);
  private firstAt = new Float64Array(256);
  private out = Buffer.allocUnsafe(36 * 256);
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** Counts the ID at `s` in `b` (known to be one); returns its index, in order of first mention. */
  add(b: Uint8Array, s: number): number {
    const w0 = word8(b, s);
    const w1 = word44(b, s + 9, s + 14);
    const w2 = word44(b, s + 19, s + 24);
    const w3 = word8(b, s + 28);
    let h = Math.imul(w0 ^ Math.imul(w1, 0x9e3779b1) ^ Math.imul(w2, 0x85ebca6b) ^ Math.imul(w3, 0xc2b2ae35), 0x27d4eb2f);
    h ^= h >>> 15;
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const e = this.slots[i]!;
      if (e < 0) {
        const k = this.n++;
        if (k * 4 + 4 > this.words.length) this.grow();
        this.words[k * 4] = w0;
        this.words[k * 4 + 1] = w1;
        this.words[k * 4 + 2] = w2;
        this.words[k * 4 + 3] = w3;
        this.countsArr[k] = 1;
        this.firstAt[k] = s;
        if (this.n * 2 > this.slots.length) this.rehash();
        else this.slots[i] = k;
        return k;
      }
      const o = e * 4;
      if (this.words[o] === w0 && this.words[o + 1] === w1 && this.words[o + 2] === w2 && this.words[o + 3] === w3) {
        this.countsArr[e]!++;
        return e;
      }
    }
  }

  /**
   * The IDs, lower case, packed one after another (36 characters each) in order of first mention,
   * and their counts; empties the table for the next file. `b` is the buffer the IDs were added from.
   */
  take(b: Uint8Array): { ids: string; counts: number[] } {
    const n = this.n;
    if (this.out.length < n * 36) this.out = Buffer.allocUnsafe(Math.max(n * 36, this.out.length * 2));
    const out = this.out;
    const counts: number[] = new Array<number>(n);
    for (let k = 0; k < n; k++) {
      const from = this.firstAt[k]!;
      // Lower case: bit 0x20 turns A-F into a-f and leaves digits and dashes as they are.
      for (let i = 0; i < 36; i++) out[k * 36 + i] = b[from + i]! | 0x20;
      counts[k] = this.countsArr[k]!;
    }
    if (this.slots.length > 65536) this.slots = new Int32Array(1024).fill(-1);
    else if (n > 0) this.slots.fill(-1);
    this.n = 0;
    return { ids: n ? out.toString('latin1', 0, n * 36) : '', counts };
  }

  private grow(): void {
    const words = new Uint32Array(this.words.length * 2);
    words.set(this.words);
    this.words = words;
    const counts = new Uint32Array(this.countsArr.length * 2);
    counts.set(this.countsArr);
    this.countsArr = counts;
    const firstAt = new Float64Array(this.firstAt.length * 2);
    firstAt.set(this.firstAt);
    this.firstAt = firstAt;
  }

  /** Twice the slots, every entry placed again (the newest one included). */
  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let k = 0; k < this.n; k++) {
      const o = k * 4;
      let h = Math.imul(
        this.words[o]! ^
          Math.imul(this.words[o + 1]!, 0x9e3779b1) ^
          Math.imul(this.words[o + 2]!, 0x85ebca6b) ^
          Math.imul(this.words[o + 3]!, 0xc2b2ae35),
        0x27d4eb2f,
      );
      h ^= h >>> 15;
      let i = h & mask;
      while (this.slots[i]! >= 0) i = (i + 1) & mask;
      this.slots[i] = k;
    }
  }
}
