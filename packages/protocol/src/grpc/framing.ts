/**
 * gRPC message framing on an HTTP/2 stream: each message is a 1-byte
 * compressed flag, a 4-byte big-endian length and the protobuf bytes.
 * @internal
 */
import { GrpcStatus, RpcError } from "./status.js";

/** The length-prefixed frame of one message. */
export function frameMessage(message: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(5 + message.byteLength);
  frame[0] = 0;
  frame.writeUInt32BE(message.byteLength, 1);
  frame.set(message, 5);
  return frame;
}

/**
 * Cuts a byte stream into messages. Chunks may split or join frames
 * anywhere; a frame longer than `maxBytes` or marked compressed (this server
 * only speaks the identity encoding) is an error.
 */
export class MessageReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** @param maxBytes the largest message accepted */
  constructor(private readonly maxBytes: number) {}

  /** True while part of a frame is waiting for more bytes. */
  get partial(): boolean {
    return this.buffered > 0;
  }

  /** Adds bytes; returns the messages they complete. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: Buffer[] = [];
    while (this.buffered >= 5) {
      const head = this.peek(5);
      if (head[0] !== 0) {
        throw new RpcError(
          GrpcStatus.INTERNAL,
          head[0] === 1
            ? "received a compressed message, but no message encoding was negotiated"
            : `invalid gRPC frame flag ${head[0]}`,
        );
      }
      const length = head.readUInt32BE(1);
      if (length > this.maxBytes) {
        throw new RpcError(
          GrpcStatus.RESOURCE_EXHAUSTED,
          `received a message larger than the maximum (${length} vs. ${this.maxBytes} bytes)`,
        );
      }
      if (this.buffered < 5 + length) break;
      messages.push(this.take(5 + length).subarray(5));
    }
    return messages;
  }

  private peek(n: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= n) return first.subarray(0, n);
    // gather only the first n bytes: a frame head split over tiny chunks must not copy the rest
    const head = Buffer.allocUnsafe(n);
    let filled = 0;
    for (const chunk of this.chunks) {
      filled += chunk.copy(head, filled, 0, Math.min(chunk.length, n - filled));
      if (filled === n) break;
    }
    return head;
  }

  private take(n: number): Buffer {
    const first = this.chunks[0]!;
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.chunks);
      out = all.subarray(0, n);
      this.chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.buffered -= n;
    return out;
  }
}
