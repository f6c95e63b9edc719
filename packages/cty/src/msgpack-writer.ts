/**
 * A growable byte writer with the msgpack primitives go-cty's encoder (vmihailenco/msgpack v5
 * with compact ints) produces: smallest integer forms, float64 for floats, shortest str/bin/array/
 * map headers.
 *
 * @module
 * @internal
 */

const encoder = new TextEncoder();
/** Node's exact UTF-8 length of a string, when running on Node. */
const byteLength = (globalThis as { Buffer?: { byteLength?: (s: string, e: "utf8") => number } }).Buffer
  ?.byteLength;
/** Node's `Buffer.prototype.utf8Write` (works on any Uint8Array, no view to allocate), when running on Node. */
const utf8Write = (globalThis as { Buffer?: { prototype: { utf8Write?: unknown } } }).Buffer?.prototype
  .utf8Write as ((this: Uint8Array, s: string, offset: number, length: number) => number) | undefined;
/** Above this many bytes, buffers grow by a bounded step and results are handed over without a copy. */
const LARGE = 4 * 1024 * 1024;

/** Appends msgpack items to a growing buffer. */
export class MsgpackWriter {
  private buf: Uint8Array;
  private view: DataView;
  /** Number of bytes written so far. */
  pos = 0;

  constructor(initial = 256) {
    this.buf = new Uint8Array(initial);
    this.view = new DataView(this.buf.buffer);
  }

  /** Current buffer size in bytes. */
  get capacity(): number {
    return this.buf.length;
  }

  /**
   * The bytes written so far. Small results are a copy, so the writer's buffer can be reused;
   * a large one that fills most of the buffer is handed over without a copy (the writer starts
   * a fresh buffer), so a big value is not held twice.
   */
  finish(): Uint8Array {
    if (this.pos >= LARGE && this.buf.length - this.pos <= this.pos / 4) {
      const out = this.buf.subarray(0, this.pos);
      this.buf = new Uint8Array(256);
      this.view = new DataView(this.buf.buffer);
      return out;
    }
    return this.buf.slice(0, this.pos);
  }

  private grow(need: number): void {
    const target = this.pos + need;
    // Doubling, but past a few MiB at most an eighth more than needed: a 100 MiB value must not
    // sit in a 256 MiB buffer.
    let size = this.buf.length * 2;
    while (size < target) size *= 2;
    if (size > LARGE) size = Math.max(target, Math.min(size, target + Math.max(LARGE, target >>> 3)));
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Writes one raw byte. */
  byte(b: number): void {
    if (this.pos + 1 > this.buf.length) this.grow(1);
    this.buf[this.pos++] = b;
  }

  /** Writes raw bytes. */
  bytes(b: Uint8Array): void {
    if (this.pos + b.length > this.buf.length) this.grow(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Writes raw bytes, copying short runs (an attribute name item) without a native call. */
  raw(b: Uint8Array): void {
    const n = b.length;
    if (n > 24) {
      this.bytes(b);
      return;
    }
    if (this.pos + n > this.buf.length) this.grow(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = b[i]!;
    this.pos = p;
  }

  private head(code: number, n: number, size: 1 | 2 | 4): void {
    if (this.pos + 1 + size > this.buf.length) this.grow(1 + size);
    this.buf[this.pos] = code;
    if (size === 1) this.buf[this.pos + 1] = n;
    else if (size === 2) this.view.setUint16(this.pos + 1, n);
    else this.view.setUint32(this.pos + 1, n);
    this.pos += 1 + size;
  }

  /** `nil`. */
  nil(): void {
    this.byte(0xc0);
  }
  /** `true` / `false`. */
  bool(b: boolean): void {
    this.byte(b ? 0xc3 : 0xc2);
  }

  /** An integer within ±2^53, in the smallest form (vmihailenco `EncodeInt`). */
  int(n: number): void {
    if (n >= 0) {
      if (n <= 0x7f) this.byte(n);
      else if (n <= 0xff) this.head(0xcc, n, 1);
      else if (n <= 0xffff) this.head(0xcd, n, 2);
      else if (n <= 0xffffffff) this.head(0xce, n, 4);
      else this.u64Parts(0xcf, Math.floor(n / 4294967296), n >>> 0);
    } else if (n >= -32) this.byte(n & 0xff);
    else if (n >= -0x80) this.head(0xd0, n & 0xff, 1);
    else if (n >= -0x8000) this.head(0xd1, n & 0xffff, 2);
    else if (n >= -0x80000000) this.head(0xd2, n >>> 0, 4);
    else this.u64(0xd3, BigInt.asUintN(64, BigInt(n)));
  }

  /** Any int64, in the smallest form. */
  int64(n: bigint): void {
    if (n >= -9007199254740991n && n <= 9007199254740991n) this.int(Number(n));
    else this.u64(n >= 0n ? 0xcf : 0xd3, BigInt.asUintN(64, n));
  }

  /** A 64-bit item from its high and low 32-bit words (an integer within ±2^53 needs no bigint). */
  private u64Parts(code: number, hi: number, lo: number): void {
    if (this.pos + 9 > this.buf.length) this.grow(9);
    this.buf[this.pos] = code;
    this.view.setUint32(this.pos + 1, hi);
    this.view.setUint32(this.pos + 5, lo);
    this.pos += 9;
  }

  private u64(code: number, n: bigint): void {
    if (this.pos + 9 > this.buf.length) this.grow(9);
    this.buf[this.pos] = code;
    this.view.setBigUint64(this.pos + 1, n);
    this.pos += 9;
  }

  /** A float64 (`cb`). */
  float64(f: number): void {
    if (this.pos + 9 > this.buf.length) this.grow(9);
    this.buf[this.pos] = 0xcb;
    this.view.setFloat64(this.pos + 1, f);
    this.pos += 9;
  }

  /** An array header. */
  arrayHeader(n: number): void {
    if (n < 16) this.byte(0x90 | n);
    else if (n <= 0xffff) this.head(0xdc, n, 2);
    else this.head(0xdd, n, 4);
  }
  /** A map header. */
  mapHeader(n: number): void {
    if (n < 16) this.byte(0x80 | n);
    else if (n <= 0xffff) this.head(0xde, n, 2);
    else this.head(0xdf, n, 4);
  }
  /** A bin item. */
  bin(b: Uint8Array): void {
    const n = b.length;
    if (n <= 0xff) this.head(0xc4, n, 1);
    else if (n <= 0xffff) this.head(0xc5, n, 2);
    else this.head(0xc6, n, 4);
    this.bytes(b);
  }
  /** An ext header (fixext when the length allows, as vmihailenco `EncodeExtHeader`). */
  extHeader(type: number, n: number): void {
    switch (n) {
      case 1:
        this.byte(0xd4);
        break;
      case 2:
        this.byte(0xd5);
        break;
      case 4:
        this.byte(0xd6);
        break;
      case 8:
        this.byte(0xd7);
        break;
      case 16:
        this.byte(0xd8);
        break;
      default:
        if (n <= 0xff) this.head(0xc7, n, 1);
        else if (n <= 0xffff) this.head(0xc8, n, 2);
        else this.head(0xc9, n, 4);
    }
    this.byte(type);
  }

  /** A str item with the shortest header, UTF-8 (lone surrogates become U+FFFD). */
  str(s: string): void {
    const len = s.length;
    if (len < 11) {
      // At most 30 UTF-8 bytes: a fixstr header is certain.
      if (this.pos + 1 + len * 3 > this.buf.length) this.grow(1 + len * 3);
      const start = this.pos + 1;
      const end = this.utf8Short(s, start);
      this.buf[this.pos] = 0xa0 | (end - start);
      this.pos = end;
      return;
    }
    // A long string's exact UTF-8 length (not the 3-bytes-per-unit bound) sizes the buffer.
    const max = len >= 4096 && byteLength !== undefined ? byteLength(s, "utf8") : len * 3;
    if (this.pos + 5 + max > this.buf.length) this.grow(5 + max);
    // The header is sized for the UTF-16 length, a lower bound of the UTF-8 length (exact for
    // ASCII): the bytes move only when the UTF-8 length needs a longer header.
    const hdr = len < 32 ? 1 : len <= 0xff ? 2 : len <= 0xffff ? 3 : 5;
    const start = this.pos + hdr;
    const written =
      len < 64
        ? this.utf8Short(s, start) - start
        : utf8Write !== undefined
          ? utf8Write.call(this.buf, s, start, this.buf.length - start)
          : encoder.encodeInto(s, this.buf.subarray(start)).written;
    const need = written < 32 ? 1 : written <= 0xff ? 2 : written <= 0xffff ? 3 : 5;
    if (need !== hdr) this.buf.copyWithin(this.pos + need, start, start + written);
    if (need === 1) this.buf[this.pos] = 0xa0 | written;
    else if (need === 2) {
      this.buf[this.pos] = 0xd9;
      this.buf[this.pos + 1] = written;
    } else if (need === 3) {
      this.buf[this.pos] = 0xda;
      this.view.setUint16(this.pos + 1, written);
    } else {
      this.buf[this.pos] = 0xdb;
      this.view.setUint32(this.pos + 1, written);
    }
    this.pos += need + written;
  }

  /** Writes UTF-8 of `s` at `at` (capacity already ensured); returns the end offset. */
  private utf8Short(s: string, at: number): number {
    const buf = this.buf;
    let p = at;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        buf[p++] = c;
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 63);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
          if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
            const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            buf[p++] = 0xf0 | (cp >> 18);
            buf[p++] = 0x80 | ((cp >> 12) & 63);
            buf[p++] = 0x80 | ((cp >> 6) & 63);
            buf[p++] = 0x80 | (cp & 63);
            i++;
            continue;
          }
          c = 0xfffd;
        }
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 63);
        buf[p++] = 0x80 | (c & 63);
      }
    }
    return p;
  }
}

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}
