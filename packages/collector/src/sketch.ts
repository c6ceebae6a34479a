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

/** One distribution: counts per logarithmic bucket, plus the exact count, sum, min and max. */
export class Sketch {
  count = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  zeros = 0;
  readonly bins = new Map<number, number>();

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
    this.bins.set(index, (this.bins.get(index) ?? 0) + times);
  }

  merge(other: Sketch): void {
    if (other.count === 0) return;
    this.count += other.count;
    this.sum += other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    this.zeros += other.zeros;
    for (const [index, n] of other.bins) this.bins.set(index, (this.bins.get(index) ?? 0) + n);
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
    const indexes = [...this.bins.keys()].sort((a, b) => a - b);
    for (const index of indexes) {
      seen += this.bins.get(index) ?? 0;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, bucketValue(index)));
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
    const place = (value: number, n: number): void => {
      let i = 0;
      while (i < bounds.length - 1 && value > (bounds[i] ?? Number.POSITIVE_INFINITY)) i++;
      counts[i] = (counts[i] ?? 0) + n;
    };
    if (this.zeros > 0) place(0, this.zeros);
    for (const [index, n] of this.bins) place(bucketValue(index), n);
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
    for (const index of [...this.bins.keys()].sort((a, b) => a - b)) {
      const encoded = index + INDEX_OFFSET;
      varint(encoded - previous);
      varint(this.bins.get(index) ?? 0);
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
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    sketch.count = view.getFloat64(0, true);
    sketch.sum = view.getFloat64(8, true);
    sketch.min = view.getFloat64(16, true);
    sketch.max = view.getFloat64(24, true);
    sketch.zeros = view.getFloat64(32, true);
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
      sketch.bins.set(previous - INDEX_OFFSET, varint());
    }
    return sketch;
  }
}
