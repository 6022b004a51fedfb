/**
 * The distinct customer IDs of one file and how often each appears, without making a string per
 * mention: an ID is its four 32-bit words (the 32 hex digits, case folded), counted in an open-addressing
 * table. What leaves the table is words and counts; strings are made by whoever shows an ID.
 */
export class IdTable {
  private slots = new Int32Array(1024).fill(-1);
  private words = new Uint32Array(4 * 256);
  private countsArr = new Uint32Array(256);
  private n = 0;

  /** Counts the ID of these words. */
  add(w0: number, w1: number, w2: number, w3: number): void {
    const mask = this.slots.length - 1;
    for (let i = hash(w0, w1, w2, w3) & mask; ; i = (i + 1) & mask) {
      const e = this.slots[i]!;
      if (e < 0) {
        const k = this.n++;
        if (k * 4 + 4 > this.words.length) this.grow();
        this.words[k * 4] = w0;
        this.words[k * 4 + 1] = w1;
        this.words[k * 4 + 2] = w2;
        this.words[k * 4 + 3] = w3;
        this.countsArr[k] = 1;
        if (this.n * 2 > this.slots.length) this.rehash();
        else this.slots[i] = k;
        return;
      }
      const o = e * 4;
      if (this.words[o] === w0 && this.words[o + 1] === w1 && this.words[o + 2] === w2 && this.words[o + 3] === w3) {
        this.countsArr[e]!++;
        return;
      }
    }
  }

  /** The IDs' words (four each) in order of first mention, and their counts; empties the table. */
  take(): { ids: Uint32Array; counts: Uint32Array } {
    const ids = this.words.slice(0, this.n * 4);
    const counts = this.countsArr.slice(0, this.n);
    if (this.slots.length > 65536) this.slots = new Int32Array(1024).fill(-1);
    else if (this.n > 0) this.slots.fill(-1);
    this.n = 0;
    return { ids, counts };
  }

  private grow(): void {
    const words = new Uint32Array(this.words.length * 2);
    words.set(this.words);
    this.words = words;
    const counts = new Uint32Array(this.countsArr.length * 2);
    counts.set(this.countsArr);
    this.countsArr = counts;
  }

  /** Twice the slots, every entry placed again (the newest one included). */
  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let k = 0; k < this.n; k++) {
      const o = k * 4;
      let i = hash(this.words[o]!, this.words[o + 1]!, this.words[o + 2]!, this.words[o + 3]!) & mask;
      while (this.slots[i]! >= 0) i = (i + 1) & mask;
      this.slots[i] = k;
    }
  }
}

function hash(w0: number, w1: number, w2: number, w3: number): number {
  const h = Math.imul(w0 ^ Math.imul(w1, 0x9e3779b1) ^ Math.imul(w2, 0x85ebca6b) ^ Math.imul(w3, 0xc2b2ae35), 0x27d4eb2f);
  return h ^ (h >>> 15);
}

/** The ID of four words, as the API writes it (lower case). */
export function idFromWords(w: Uint32Array, at: number): string {
  const h = (i: number): string => w[at + i]!.toString(16).padStart(8, '0');
  const a = h(0);
  const b = h(1);
  const c = h(2);
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${h(3)}`;
}
