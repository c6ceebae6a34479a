/**
 * A mergeable quantile sketch with a relative-error guarantee (the DDSketch
 * construction: logarithmic buckets of ratio γ = (1 + α) / (1 − α)).
 *
 * Why this and not raw rows: exact percentiles need every value of the window
 * read and sorted, about 1.3 s for 1,000,000 values through `node:sqlite` on a
 * 2-core machine; summed sketches answer the same query from one row per
 * minute (or hour) and tag set. Why this and not t-digest: two sketches merge by
 * adding counts, exactly and in any order, so per-minute rows roll up into hours
 * and across tag sets with no loss beyond the bucket width.
 *
 * Accuracy: any quantile is within α = 1 % of the true value at that rank, for
 * values ≥ {@link MIN_TRACKED_VALUE}; smaller values (a CLS of 0.0004) count as 0.
 */

/** Relative accuracy of every quantile. */
export const RELATIVE_ACCURACY = 0.01;
/** Values below this are counted in the zero bucket. */
export const MIN_TRACKED_VALUE = 1e-3;

const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
// Keeps encoded indexes positive: the smallest index (at MIN_TRACKED_VALUE) is about −346.
const INDEX_OFFSET = 1024;
// count, sum, min, max, zeros: five little-endian doubles.
const HEADER_BYTES = 40;

/** The bucket index of a positive value ≥ MIN_TRACKED_VALUE. */
function bucketIndex(value: number): number {
  return Math.ceil(Math.log(value) / LOG_GAMMA);
}

/** The value a bucket stands for: within α of anything in (γ^(i−1), γ^i]. */
function bucketValue(index: number): number {
  return (2 * GAMMA ** index) / (GAMMA + 1);
}

/**
 * One distribution: counts per logarithmic bucket, plus the exact count, sum,
 * min and max. Buckets are a dense array over the span of indexes seen (a
 * latency distribution spans a few hundred), so merging thousands of cells is
 * array arithmetic rather than hash-map updates.
 */
export class Sketch {
  count = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  zeros = 0;
  // counts[i] is the count of bucket index offset + i.
  // A plain array rather than a Float64Array: V8 allocates it several times
  // faster, and a busy minute creates tens of thousands of small sketches.
  #counts: number[] = [];
  #offset = 0;

  add(value: number, times = 1): void {
    this.count += times;
    this.sum += value * times;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (value < MIN_TRACKED_VALUE) {
      this.zeros += times;
      return;
    }
    const index = bucketIndex(value);
    this.#cover(index, index);
    const counts = this.#counts;
    counts[index - this.#offset] = (counts[index - this.#offset] ?? 0) + times;
  }

  merge(other: Sketch): void {
    if (other.count === 0) return;
    this.#mergeHeader(other.count, other.sum, other.min, other.max, other.zeros);
    const counts = other.#counts;
    let first = 0;
    while (first < counts.length && counts[first] === 0) first++;
    if (first === counts.length) return;
    let last = counts.length - 1;
    while (counts[last] === 0) last--;
    this.#cover(other.#offset + first, other.#offset + last);
    const shift = other.#offset - this.#offset;
    const into = this.#counts;
    for (let i = first; i <= last; i++) into[i + shift] = (into[i + shift] ?? 0) + (counts[i] ?? 0);
  }

  /** Merges an {@link encode}d sketch without building it first (the read path merges thousands). */
  mergeEncoded(data: Uint8Array): void {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    this.#mergeHeader(
      view.getFloat64(0, true),
      view.getFloat64(8, true),
      view.getFloat64(16, true),
      view.getFloat64(24, true),
      view.getFloat64(32, true),
    );
    let offset = HEADER_BYTES;
    const varint = (): number => {
      let value = 0;
      let scale = 1;
      for (;;) {
        const byte = data[offset++] ?? 0;
        value += (byte & 0x7f) * scale;
        if (byte < 0x80) return value;
        scale *= 0x80;
      }
    };
    let previous = 0;
    while (offset < data.length) {
      previous += varint();
      const index = previous - INDEX_OFFSET;
      const n = varint();
      this.#cover(index, index);
      const counts = this.#counts;
      counts[index - this.#offset] = (counts[index - this.#offset] ?? 0) + n;
    }
  }

  /** Non-empty buckets as [index, count], ascending. */
  *entries(): IterableIterator<[index: number, count: number]> {
    for (let i = 0; i < this.#counts.length; i++) {
      const n = this.#counts[i] ?? 0;
      if (n > 0) yield [this.#offset + i, n];
    }
  }

  /**
   * The value at nearest rank ⌈q · count⌉ (q in 0..1), within α; clamped to the
   * exact min and max, so p0 and p100 are exact. NaN when empty.
   */
  quantile(q: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    if (rank >= this.count) return this.max;
    let seen = this.zeros;
    if (seen >= rank) return Math.max(0, this.min);
    for (let i = 0; i < this.#counts.length; i++) {
      seen += this.#counts[i] ?? 0;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, bucketValue(this.#offset + i)));
    }
    return this.max;
  }

  /**
   * Counts per display bucket: `le` bounds ascending (the last may be Infinity).
   * A sketch bucket is placed by the value it stands for, so a count may sit one
   * display bucket off when a bound falls inside its 2 % width.
   */
  histogram(bounds: readonly number[]): number[] {
    const counts = new Array<number>(bounds.length).fill(0);
    let i = 0;
    const place = (value: number, n: number): void => {
      // Values come in ascending order, so the bound index only moves forward.
      while (i < bounds.length - 1 && value > (bounds[i] ?? Number.POSITIVE_INFINITY)) i++;
      counts[i] = (counts[i] ?? 0) + n;
    };
    if (this.zeros > 0) place(0, this.zeros);
    for (const [index, n] of this.entries()) place(bucketValue(index), n);
    return counts;
  }

  /** A compact binary form: a header of doubles, then delta-encoded varint (index, count) pairs. */
  encode(): Uint8Array {
    const bytes: number[] = [];
    const varint = (n: number): void => {
      let rest = n;
      while (rest >= 0x80) {
        bytes.push((rest % 0x80) | 0x80);
        rest = Math.floor(rest / 0x80);
      }
      bytes.push(rest);
    };
    let previous = 0;
    for (const [index, n] of this.entries()) {
      const encoded = index + INDEX_OFFSET;
      varint(encoded - previous);
      varint(n);
      previous = encoded;
    }
    const out = new Uint8Array(HEADER_BYTES + bytes.length);
    const header = new DataView(out.buffer);
    const fields = [this.count, this.sum, this.min, this.max, this.zeros];
    for (const [i, value] of fields.entries()) header.setFloat64(i * 8, value, true);
    out.set(bytes, HEADER_BYTES);
    return out;
  }

  static decode(data: Uint8Array): Sketch {
    const sketch = new Sketch();
    sketch.mergeEncoded(data);
    return sketch;
  }

  #mergeHeader(count: number, sum: number, min: number, max: number, zeros: number): void {
    this.count += count;
    this.sum += sum;
    if (min < this.min) this.min = min;
    if (max > this.max) this.max = max;
    this.zeros += zeros;
  }

  /** Grows the dense array to cover bucket indexes low..high, doubling, toward the side exceeded. */
  #cover(low: number, high: number): void {
    const start = this.#offset;
    const end = start + this.#counts.length;
    if (low >= start && high < end) return;
    if (this.#counts.length === 0) {
      const size = Math.max(16, high - low + 1);
      this.#offset = low - ((size - (high - low + 1)) >> 1);
      this.#counts = new Array<number>(size).fill(0);
      return;
    }
    const newLow = Math.min(low, start);
    const newHigh = Math.max(high + 1, end);
    const need = newHigh - newLow;
    const size = Math.max(need, this.#counts.length * 2);
    const offset = low < start ? newLow - (size - need) : newLow;
    const counts = new Array<number>(size).fill(0);
    const shift = start - offset;
    const old = this.#counts;
    for (let i = 0; i < old.length; i++) counts[i + shift] = old[i] ?? 0;
    this.#offset = offset;
    this.#counts = counts;
  }
}
