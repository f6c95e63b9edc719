/**
 * Encodes a response straight into its gRPC frame, in a buffer of the exact size: a first pass
 * measures every length-delimited field, a second writes. The usual protobuf writer grows by
 * doubling (a 100 MiB state sat in a 128–256 MiB buffer), copies the result out of it, and the
 * framing copied it once more. Here the small fields are written once into the frame, and a
 * large `bytes` field (an encoded state) is not copied at all: the frame is a list of buffers
 * with that field's own bytes between them.
 * @internal
 */
import { BinaryWriter } from "@bufbuild/protobuf/wire";
import { GrpcStatus, RpcError } from "../grpc/status.js";

/** A generated message codec's encoder, which takes the writer to encode into. */
export type EncodeInto<T> = (message: T, writer: BinaryWriter) => unknown;

/** `bytes` fields at least this long are sent as they are, not copied into the frame. */
const EXTERNAL_MIN = 256 * 1024;

function varintSize(v: number): number {
  if (v < 0x80) return 1;
  if (v < 0x4000) return 2;
  if (v < 0x200000) return 3;
  if (v < 0x10000000) return 4;
  return 5;
}

/**
 * The subset of {@link BinaryWriter} generated code calls, in two modes: measuring (only `pos`
 * advances and the length of each fork is recorded) and writing (into the exact buffer).
 * Rarely used scalar encodings go through a small scratch BinaryWriter.
 */
class TwoPassWriter {
  /** Where the next byte goes in the buffer (measuring: the message length so far). */
  pos: number;
  /** Bytes of large fields left out of the buffer so far (writing only). */
  private shift = 0;
  /** Bytes of large fields (measuring only). */
  external = 0;
  /** The frame's pieces so far (writing only). */
  private readonly pieces: Buffer[] = [];
  private pieceStart: number;
  private readonly lengths: number[] = [];
  private readonly stack: number[] = [];
  private forks = 0;
  private readonly scratch = new BinaryWriter();

  constructor(
    private readonly buf: Buffer | undefined,
    start: number,
    lengths?: number[],
  ) {
    this.pos = start;
    this.pieceStart = 0;
    if (lengths) this.lengths = lengths;
  }

  /** The frame's pieces: the buffer cut around the large fields, and those fields. */
  finishPieces(): Buffer[] {
    const buf = this.buf!;
    if (this.pieceStart < this.pos || this.pieces.length === 0) {
      this.pieces.push(buf.subarray(this.pieceStart, this.pos));
    }
    return this.pieces;
  }

  /** The fork lengths a measuring pass recorded. */
  get measured(): number[] {
    return this.lengths;
  }

  uint32(value: number): this {
    const v = value >>> 0;
    const buf = this.buf;
    if (buf === undefined) {
      this.pos += varintSize(v);
      return this;
    }
    let x = v;
    while (x > 0x7f) {
      buf[this.pos++] = (x & 0x7f) | 0x80;
      x >>>= 7;
    }
    buf[this.pos++] = x;
    return this;
  }

  tag(fieldNo: number, type: number): this {
    return this.uint32(((fieldNo << 3) | type) >>> 0);
  }

  bool(value: boolean): this {
    if (this.buf !== undefined) this.buf[this.pos] = value ? 1 : 0;
    this.pos++;
    return this;
  }

  raw(chunk: Uint8Array): this {
    this.buf?.set(chunk, this.pos);
    this.pos += chunk.length;
    return this;
  }

  bytes(value: Uint8Array): this {
    this.uint32(value.byteLength);
    if (value.byteLength < EXTERNAL_MIN) return this.raw(value);
    if (this.buf === undefined) {
      this.external += value.byteLength;
      this.pos += value.byteLength;
      return this;
    }
    this.pieces.push(this.buf.subarray(this.pieceStart, this.pos));
    this.pieces.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    this.pieceStart = this.pos;
    this.shift += value.byteLength;
    return this;
  }

  string(value: string): this {
    const s = typeof value === "string" ? value : String(value);
    const n = Buffer.byteLength(s, "utf8");
    this.uint32(n);
    if (this.buf !== undefined && this.buf.write(s, this.pos, "utf8") !== n) {
      throw new Error("string encoding changed length between the two passes");
    }
    this.pos += n;
    return this;
  }

  fork(): this {
    if (this.buf === undefined) {
      this.stack.push(this.lengths.length, this.pos);
      this.lengths.push(0);
      return this;
    }
    const length = this.lengths[this.forks++];
    if (length === undefined) throw new Error("the writing pass forked more often than the measuring pass");
    this.uint32(length);
    this.stack.push(this.pos + this.shift + length);
    return this;
  }

  join(): this {
    if (this.buf === undefined) {
      const start = this.stack.pop()!;
      const index = this.stack.pop()!;
      const length = this.pos - start;
      this.lengths[index] = length;
      this.pos += varintSize(length);
      return this;
    }
    const end = this.stack.pop();
    if (end !== this.pos + this.shift)
      throw new Error("a nested message changed length between the two passes");
    return this;
  }

  private via(write: (w: BinaryWriter) => BinaryWriter): this {
    return this.raw(write(this.scratch).finish());
  }

  int32(v: number): this {
    return v >= 0 ? this.uint32(v) : this.via((w) => w.int32(v));
  }
  int64(v: bigint | number | string): this {
    return this.via((w) => w.int64(v));
  }
  uint64(v: bigint | number | string): this {
    return this.via((w) => w.uint64(v));
  }
  sint32(v: number): this {
    return this.via((w) => w.sint32(v));
  }
  sint64(v: bigint | number | string): this {
    return this.via((w) => w.sint64(v));
  }
  fixed32(v: number): this {
    return this.via((w) => w.fixed32(v));
  }
  fixed64(v: bigint | number | string): this {
    return this.via((w) => w.fixed64(v));
  }
  sfixed32(v: number): this {
    return this.via((w) => w.sfixed32(v));
  }
  sfixed64(v: bigint | number | string): this {
    return this.via((w) => w.sfixed64(v));
  }
  float(v: number): this {
    return this.via((w) => w.float(v));
  }
  double(v: number): this {
    return this.via((w) => w.double(v));
  }
}

/**
 * Encodes `message` as one gRPC frame (flag, big-endian length, protobuf bytes): the buffers to
 * send in order. Small fields are written into one buffer of exactly their size; large `bytes`
 * fields are passed through as views of their own memory, never copied.
 * @throws RpcError RESOURCE_EXHAUSTED when the message is larger than `maxBytes`, before
 *   anything of its size is allocated
 */
export function encodeFrame<T>(encode: EncodeInto<T>, message: T, maxBytes: number): Buffer[] {
  const measure = new TwoPassWriter(undefined, 0);
  encode(message, measure as unknown as BinaryWriter);
  const size = measure.pos;
  if (size > maxBytes) {
    throw new RpcError(
      GrpcStatus.RESOURCE_EXHAUSTED,
      `the response is larger than the maximum (${size} vs. ${maxBytes} bytes)`,
    );
  }
  const frame = Buffer.allocUnsafe(5 + size - measure.external);
  frame[0] = 0;
  frame.writeUInt32BE(size, 1);
  const write = new TwoPassWriter(frame, 5, measure.measured);
  encode(message, write as unknown as BinaryWriter);
  if (write.pos !== frame.length) throw new Error("the message changed size between the two passes");
  return write.finishPieces();
}
