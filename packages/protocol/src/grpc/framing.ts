/**
 * gRPC message framing on an HTTP/2 stream: each message is a 1-byte
 * compressed flag, a 4-byte big-endian length and the protobuf bytes.
 * @internal
 */
import { OWNED_REQUEST_MIN_BYTES, ownRequestBuffer } from "../wire/request-buffer.js";
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
 *
 * Memory: a message is copied once, into a buffer of its exact size allocated
 * when its 5-byte head arrives; the HTTP/2 chunks are let go as they are
 * copied (never gathered first and joined afterwards, which held every
 * message twice). A message that fits in one chunk is a view of it.
 */
export class MessageReader {
  /** The head of the next frame, while fewer than 5 bytes of it arrived. */
  private head = Buffer.alloc(5);
  private headFilled = 0;
  /** The message being filled, once its head is known. */
  private body: Buffer | undefined;
  private bodyFilled = 0;

  /**
   * @param maxBytes the largest message accepted
   * @param reserve called before a buffer for a message arriving in pieces is allocated, with
   *   its size; throws to refuse it
   */
  constructor(
    private readonly maxBytes: number,
    private readonly reserve?: (bytes: number) => void,
  ) {}

  /** True while part of a frame is waiting for more bytes. */
  get partial(): boolean {
    return this.headFilled > 0 || this.body !== undefined;
  }

  /** Adds bytes; returns the messages they complete. */
  push(chunk: Buffer): Buffer[] {
    const messages: Buffer[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (this.body === undefined) {
        if (this.headFilled === 0 && chunk.length - at >= 5) {
          const length = this.checkHead(chunk, at);
          at += 5;
          if (chunk.length - at >= length) {
            // the whole message is in this chunk: no copy
            messages.push(chunk.subarray(at, at + length));
            at += length;
            continue;
          }
          this.reserve?.(length);
          this.body = this.allocate(length);
          this.bodyFilled = 0;
        } else {
          const n = Math.min(5 - this.headFilled, chunk.length - at);
          chunk.copy(this.head, this.headFilled, at, at + n);
          this.headFilled += n;
          at += n;
          if (this.headFilled < 5) break;
          this.headFilled = 0;
          const length = this.checkHead(this.head, 0);
          this.reserve?.(length);
          this.body = this.allocate(length);
          this.bodyFilled = 0;
        }
      }
      const body = this.body;
      const n = Math.min(body.length - this.bodyFilled, chunk.length - at);
      chunk.copy(body, this.bodyFilled, at, at + n);
      this.bodyFilled += n;
      at += n;
      if (this.bodyFilled === body.length) {
        messages.push(body);
        this.body = undefined;
      }
    }
    return messages;
  }

  /** A buffer of exactly `length` bytes for one message; the server owns a large one (see request-buffer). */
  private allocate(length: number): Buffer {
    const body = Buffer.allocUnsafe(length);
    // own memory, not a slice of Node's shared pool (which a raised Buffer.poolSize could give)
    if (length >= OWNED_REQUEST_MIN_BYTES && body.byteOffset === 0 && body.buffer.byteLength === length)
      ownRequestBuffer(body.buffer);
    return body;
  }

  /** Validates a frame head at `at` and returns the message length. */
  private checkHead(bytes: Buffer, at: number): number {
    const flag = bytes[at]!;
    if (flag !== 0) {
      throw new RpcError(
        GrpcStatus.INTERNAL,
        flag === 1
          ? "received a compressed message, but no message encoding was negotiated"
          : `invalid gRPC frame flag ${flag}`,
      );
    }
    const length = bytes.readUInt32BE(at + 1);
    if (length > this.maxBytes) {
      throw new RpcError(
        GrpcStatus.RESOURCE_EXHAUSTED,
        `received a message larger than the maximum (${length} vs. ${this.maxBytes} bytes)`,
      );
    }
    return length;
  }
}

/**
 * How many bytes of request messages the calls in flight may hold together. A message is always
 * admitted when nothing else is held (so any message up to the size limit can be served); past
 * the budget, further large requests are refused with RESOURCE_EXHAUSTED instead of running the
 * process out of memory.
 */
export class RequestBudget {
  private used = 0;

  /** @param limit the budget in bytes */
  constructor(readonly limit: number) {}

  /** Bytes held now. */
  get held(): number {
    return this.used;
  }

  /** Takes `bytes` from the budget. @throws RpcError RESOURCE_EXHAUSTED when it does not fit */
  take(bytes: number, path: string): void {
    if (this.used > 0 && this.used + bytes > this.limit) {
      const mib = (n: number) => `${Math.ceil(n / 2 ** 20)} MiB`;
      throw new RpcError(
        GrpcStatus.RESOURCE_EXHAUSTED,
        `${path}: the provider is already holding ${mib(this.used)} of requests in flight and a ${mib(bytes)} request would exceed its budget of ${mib(this.limit)}; retry with less parallelism (e.g. -parallelism=1) or start the provider with more memory (NODE_OPTIONS=--max-old-space-size=...)`,
      );
    }
    this.used += bytes;
  }

  /** Gives `bytes` back. */
  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}
