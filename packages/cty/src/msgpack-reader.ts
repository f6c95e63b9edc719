/**
 * A bounds-checked msgpack reader with the lenient primitive readers of vmihailenco/msgpack v5
 * that go-cty's decoder relies on (strings from str or bin, integers from any width, nil read as
 * an empty string or zero where that library does so).
 *
 * Every read checks the remaining bytes first, so truncated input and huge declared lengths fail
 * with a {@link CtyCodecError} instead of allocating or reading past the end.
 *
 * @module
 * @internal
 */
import { CtyCodecError } from "./msgpack-error.js";

const fatalDecoder = new TextDecoder("utf-8", { fatal: true });
/** Node's `Buffer.prototype.utf8Slice` (works on any Uint8Array), when running on Node. */
const utf8Slice = (globalThis as { Buffer?: { prototype: { utf8Slice?: unknown } } }).Buffer?.prototype
  .utf8Slice as ((this: Uint8Array, start: number, end: number) => string) | undefined;

/** Reads msgpack items from a byte range. */
export class MsgpackReader {
  readonly buf: Uint8Array;
  private readonly view: DataView;
  pos: number;
  readonly end: number;
  /** Current nesting of containers and dynamic wrappers (bounded by `MAX_VALUE_DEPTH`). */
  depth = 0;
  /** UTF-8 byte length of the last string read by {@link MsgpackReader.string} (equal to its JS length iff it is ASCII). */
  lastTextBytes = 0;

  constructor(buf: Uint8Array, start = 0, end = buf.length) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = start;
    this.end = end;
  }

  /** Fails with a codec error at the root path (callers add path steps while unwinding). */
  fail(reason: string): never {
    throw new CtyCodecError(reason);
  }

  /** Ensures `n` more bytes exist. */
  need(n: number): void {
    if (n > this.end - this.pos) {
      this.fail(
        `unexpected end of msgpack data (need ${n} more bytes at offset ${this.pos}, have ${this.end - this.pos})`,
      );
    }
  }

  /** The next type code without consuming it. */
  peek(): number {
    if (this.pos >= this.end) this.fail(`unexpected end of msgpack data at offset ${this.pos}`);
    return this.buf[this.pos]!;
  }

  /** Consumes one byte. */
  u8(): number {
    if (this.pos >= this.end) this.fail(`unexpected end of msgpack data at offset ${this.pos}`);
    return this.buf[this.pos++]!;
  }
  /** Consumes a big-endian uint16. */
  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos);
    this.pos += 2;
    return v;
  }
  /** Consumes a big-endian uint32. */
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }
  /** Consumes a big-endian uint64. */
  u64(): bigint {
    this.need(8);
    const v = this.view.getBigUint64(this.pos);
    this.pos += 8;
    return v;
  }
  /** Consumes a big-endian int64. */
  i64(): bigint {
    this.need(8);
    const v = this.view.getBigInt64(this.pos);
    this.pos += 8;
    return v;
  }
  /** Consumes a float32 (widened). */
  f32(): number {
    this.need(4);
    const v = this.view.getFloat32(this.pos);
    this.pos += 4;
    return v;
  }
  /** Consumes a float64. */
  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos);
    this.pos += 8;
    return v;
  }

  /** Length of a str/bin item whose code `c` was consumed; -1 for nil; undefined if not a string code. */
  strLen(c: number): number | undefined {
    if (c >= 0xa0 && c <= 0xbf) return c & 0x1f;
    switch (c) {
      case 0xc0:
        return -1;
      case 0xd9:
      case 0xc4:
        return this.u8();
      case 0xda:
      case 0xc5:
        return this.u16();
      case 0xdb:
      case 0xc6:
        return this.u32();
      default:
        return undefined;
    }
  }

  /** Reads `n` bytes as UTF-8 text (rejecting invalid UTF-8). */
  text(n: number): string {
    this.need(n);
    const start = this.pos;
    const buf = this.buf;
    this.pos += n;
    if (n <= 16) {
      // Short ASCII strings (names, ids, regions) in JS, avoiding a native call.
      const s = asciiShort(buf, start, n);
      if (s !== undefined) return s;
    }
    if (utf8Slice !== undefined) {
      // Node's native slice is much faster than TextDecoder for short strings; it replaces
      // invalid sequences with U+FFFD, so only then is the strict decoder consulted.
      const s = utf8Slice.call(buf, start, start + n);
      if (!s.includes("\ufffd")) return s;
    }
    try {
      return fatalDecoder.decode(buf.subarray(start, start + n));
    } catch {
      this.pos = start;
      return this.fail("string is not valid UTF-8");
    }
  }

  /** vmihailenco `DecodeString`: str or bin, nil reads as "". Undefined when the item is not one of those. */
  string(): string | undefined {
    const save = this.pos;
    const c = this.u8();
    const n = this.strLen(c);
    if (n === undefined) {
      this.pos = save;
      return undefined;
    }
    this.lastTextBytes = Math.max(n, 0);
    return n <= 0 ? "" : this.text(n);
  }

  /** vmihailenco `DecodeBytes`: raw bytes of a str or bin item (nil gives undefined as well). */
  bytes(): Uint8Array | undefined {
    const c = this.u8();
    const n = this.strLen(c);
    if (n === undefined || n < 0) return undefined;
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  /** vmihailenco `int()`: any integer code as a bigint (nil reads as 0); undefined for other codes. */
  int(): bigint | undefined {
    const c = this.u8();
    if (c <= 0x7f) return BigInt(c);
    if (c >= 0xe0) return BigInt(c - 0x100);
    switch (c) {
      case 0xc0:
        return 0n;
      case 0xcc:
        return BigInt(this.u8());
      case 0xcd:
        return BigInt(this.u16());
      case 0xce:
        return BigInt(this.u32());
      case 0xcf:
      case 0xd3:
        return this.i64();
      case 0xd0:
        return BigInt((this.u8() << 24) >> 24);
      case 0xd1:
        return BigInt((this.u16() << 16) >> 16);
      case 0xd2:
        return BigInt(this.u32() | 0);
      default:
        return undefined;
    }
  }

  /** Array length of the item (nil gives -1); undefined when it is not an array. */
  arrayLen(): number | undefined {
    const c = this.u8();
    if (c >= 0x90 && c <= 0x9f) return c & 0x0f;
    if (c === 0xdc) return this.u16();
    if (c === 0xdd) return this.u32();
    if (c === 0xc0) return -1;
    this.pos--;
    return undefined;
  }

  /** Map length of the item (nil gives -1); undefined when it is not a map. */
  mapLen(): number | undefined {
    const c = this.u8();
    if (c >= 0x80 && c <= 0x8f) return c & 0x0f;
    if (c === 0xde) return this.u16();
    if (c === 0xdf) return this.u32();
    if (c === 0xc0) return -1;
    this.pos--;
    return undefined;
  }
}

/**
 * `n` (1–16) bytes at `p` as a string when they are all ASCII, else undefined. One
 * `String.fromCharCode` call with the codes as arguments builds a flat string at once.
 */
function asciiShort(b: Uint8Array, p: number, n: number): string | undefined {
  let or = 0;
  for (let i = p; i < p + n; i++) or |= b[i]!;
  if (or >= 0x80) return undefined;
  const c = String.fromCharCode;
  switch (n) {
    case 1:
      return c(b[p]!);
    case 2:
      return c(b[p]!, b[p + 1]!);
    case 3:
      return c(b[p]!, b[p + 1]!, b[p + 2]!);
    case 4:
      return c(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!);
    case 5:
      return c(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!);
    case 6:
      return c(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!);
    case 7:
      return c(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!, b[p + 6]!);
    case 8:
      return c(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!, b[p + 6]!, b[p + 7]!);
    default: {
      // 9–16: the first eight, then the rest.
      const head = c(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!, b[p + 6]!, b[p + 7]!);
      const q = p + 8;
      switch (n - 8) {
        case 1:
          return head + c(b[q]!);
        case 2:
          return head + c(b[q]!, b[q + 1]!);
        case 3:
          return head + c(b[q]!, b[q + 1]!, b[q + 2]!);
        case 4:
          return head + c(b[q]!, b[q + 1]!, b[q + 2]!, b[q + 3]!);
        case 5:
          return head + c(b[q]!, b[q + 1]!, b[q + 2]!, b[q + 3]!, b[q + 4]!);
        case 6:
          return head + c(b[q]!, b[q + 1]!, b[q + 2]!, b[q + 3]!, b[q + 4]!, b[q + 5]!);
        case 7:
          return head + c(b[q]!, b[q + 1]!, b[q + 2]!, b[q + 3]!, b[q + 4]!, b[q + 5]!, b[q + 6]!);
        default:
          return head + c(b[q]!, b[q + 1]!, b[q + 2]!, b[q + 3]!, b[q + 4]!, b[q + 5]!, b[q + 6]!, b[q + 7]!);
      }
    }
  }
}

/** True for the msgpack extension codes (fixext 1–16, ext 8/16/32). */
export function isExtCode(c: number): boolean {
  return (c >= 0xd4 && c <= 0xd8) || (c >= 0xc7 && c <= 0xc9);
}

/** Describes a type code for error messages. */
export function describeCode(c: number): string {
  if (c <= 0x7f || c >= 0xe0) return "an integer";
  if (c <= 0x8f || c === 0xde || c === 0xdf) return "a map";
  if (c <= 0x9f || c === 0xdc || c === 0xdd) return "an array";
  if (c <= 0xbf || (c >= 0xd9 && c <= 0xdb)) return "a string";
  if (c === 0xc0) return "nil";
  if (c === 0xc2 || c === 0xc3) return "a bool";
  if (c >= 0xc4 && c <= 0xc6) return "binary data";
  if (c === 0xca || c === 0xcb) return "a float";
  if (c >= 0xcc && c <= 0xd3) return "an integer";
  if (isExtCode(c)) return "an extension";
  return `an invalid code 0x${c.toString(16).padStart(2, "0")}`;
}
