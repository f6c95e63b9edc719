/**
 * One gRPC call on one HTTP/2 stream: reads the request messages, runs the
 * handler, writes the response messages and ends with the status trailers.
 * Whatever happens (a throwing handler, a cancelled stream, a deadline) the
 * call ends exactly once and nothing escapes as an uncaught error.
 * @internal
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerHttp2Stream } from "node:http2";
import { frameMessage, MessageReader, type RequestBudget } from "./framing.js";
import { encodeGrpcMessage, GrpcStatus, RpcError, statusOf } from "./status.js";

/** A method of a generated service definition (the shape ts-proto emits). */
export interface MethodDefinition {
  readonly path: string;
  readonly requestStream: boolean;
  readonly responseStream: boolean;
  requestDeserialize(bytes: Buffer): unknown;
  responseSerialize(value: never): Buffer;
  /**
   * Encodes a response directly as its gRPC frame (5-byte head and message) when present: one
   * buffer, or the pieces to send in order (large fields are not copied); throws
   * RESOURCE_EXHAUSTED past `maxBytes` before allocating.
   */
  responseFrame?(value: never, maxBytes: number): Buffer | readonly Buffer[];
}

/** What a handler learns about its call. */
export interface ServerCall {
  /** The method path, e.g. `/tfplugin6.Provider/GetSchema`. */
  readonly path: string;
  /** Request metadata (custom headers), keys lower-case. */
  readonly metadata: Record<string, string[]>;
  /** The client's address. */
  readonly peer: string;
  /** Aborted when the client cancels, the deadline passes or the connection goes away. */
  readonly signal: AbortSignal;
}

/** A call whose handler sends messages (server or bidirectional streaming). */
export interface ServerWriter<Res = unknown> extends ServerCall {
  /** Sends one message; resolves once the stream can take more. Rejects when the call is over. */
  write(message: Res): Promise<void>;
}

/** A handler for any of the four call kinds (the method definition says which). */
export type MethodHandler = (requestOrRequests: any, call: ServerWriter) => unknown;

const RESERVED_HEADERS = new Set([
  "content-type",
  "te",
  "grpc-timeout",
  "grpc-encoding",
  "grpc-accept-encoding",
  "user-agent",
]);

const TIMEOUT_UNITS: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 1e-3, n: 1e-6 };

/** Parses a `grpc-timeout` header (e.g. `100m`) to milliseconds. */
export function parseGrpcTimeout(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^(\d{1,8})([HMSmun])$/.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * TIMEOUT_UNITS[match[2]!]!;
}

/** Answers a stream with a status and no messages (a "trailers-only" response). */
export function respondWithStatus(
  stream: ServerHttp2Stream,
  code: GrpcStatus,
  message: string,
  extra: OutgoingHttpHeaders = {},
): void {
  if (stream.destroyed || stream.closed || stream.headersSent) return;
  try {
    stream.respond(
      {
        ":status": 200,
        "content-type": "application/grpc",
        "grpc-status": String(code),
        "grpc-message": encodeGrpcMessage(message),
        ...extra,
      },
      { endStream: true },
    );
  } catch {
    // the stream went away meanwhile
  }
}

/** Runs one call to its end. */
export class ActiveCall implements ServerWriter {
  readonly path: string;
  readonly peer: string;
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private metadataRecord: Record<string, string[]> | undefined;
  private finished = false;
  private timer: NodeJS.Timeout | undefined;
  /** Bytes of request buffers this call took from the budget. */
  private reserved = 0;

  constructor(
    private readonly stream: ServerHttp2Stream,
    private readonly headers: IncomingHttpHeaders,
    private readonly definition: MethodDefinition,
    private readonly handler: MethodHandler,
    private readonly maxMessageBytes: number,
    peer: string,
    private readonly budget?: RequestBudget,
  ) {
    this.path = definition.path;
    this.peer = peer;
    this.signal = this.controller.signal;
    stream.on("close", () => {
      if (this.timer) clearTimeout(this.timer);
      this.release();
      if (!this.finished) {
        this.finished = true;
        this.controller.abort(new RpcError(GrpcStatus.CANCELLED, `${this.path} was cancelled by the client`));
      }
    });
    const timeout = parseGrpcTimeout(headers["grpc-timeout"] as string | undefined);
    if (timeout !== undefined) {
      this.timer = setTimeout(
        () => this.end(GrpcStatus.DEADLINE_EXCEEDED, `${this.path}: deadline exceeded`),
        Math.max(0, timeout),
      );
      this.timer.unref();
    }
  }

  /** Request metadata: every non-reserved header; `-bin` values stay base64. */
  get metadata(): Record<string, string[]> {
    if (this.metadataRecord) return this.metadataRecord;
    const record: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(this.headers)) {
      if (key.startsWith(":") || RESERVED_HEADERS.has(key) || value === undefined) continue;
      record[key] = Array.isArray(value) ? value : String(value).split(/,\s*/);
    }
    this.metadataRecord = record;
    return record;
  }

  /** Reads the requests, runs the handler and ends the call. */
  async run(): Promise<void> {
    const requests = this.requestMessages();
    try {
      const input = this.definition.requestStream ? requests : await single(requests, this.path);
      const result = await this.handler(input, this);
      if (!this.definition.responseStream) await this.write(result);
      this.end(GrpcStatus.OK, "");
    } catch (error) {
      const { code, message } = statusOf(error);
      this.end(code, message);
    }
  }

  async write(message: unknown): Promise<void> {
    if (this.finished) throw this.signal.reason ?? new RpcError(GrpcStatus.CANCELLED, "the call is over");
    let frame: Buffer | readonly Buffer[];
    try {
      frame = this.encodeFrame(message);
    } catch (error) {
      if (error instanceof RpcError) throw error;
      throw new RpcError(
        GrpcStatus.INTERNAL,
        `cannot encode the ${this.path} response: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const stream = this.stream;
    if (stream.destroyed || stream.closed) {
      throw this.signal.reason ?? new RpcError(GrpcStatus.CANCELLED, "the stream is closed");
    }
    if (!stream.headersSent) {
      stream.respond(
        { ":status": 200, "content-type": "application/grpc", "grpc-accept-encoding": "identity" },
        { waitForTrailers: true },
      );
    }
    let ready = true;
    for (const piece of Buffer.isBuffer(frame) ? [frame] : frame) ready = stream.write(piece);
    if (!ready) await drained(stream, this.signal);
  }

  /** The response as one gRPC frame (one buffer or its pieces), refused past the message size limit. */
  private encodeFrame(message: unknown): Buffer | readonly Buffer[] {
    const definition = this.definition;
    if (definition.responseFrame) {
      try {
        return definition.responseFrame(message as never, this.maxMessageBytes);
      } catch (error) {
        if (error instanceof RpcError && error.code === GrpcStatus.RESOURCE_EXHAUSTED) {
          throw new RpcError(error.code, `the ${this.path} ${error.message.replace(/^the /, "")}`);
        }
        throw error;
      }
    }
    const bytes = definition.responseSerialize(message as never);
    if (bytes.length > this.maxMessageBytes) {
      throw new RpcError(
        GrpcStatus.RESOURCE_EXHAUSTED,
        `the ${this.path} response is larger than the maximum (${bytes.length} vs. ${this.maxMessageBytes} bytes)`,
      );
    }
    return frameMessage(bytes);
  }

  /** Returns the request bytes this call held to the budget. */
  private release(): void {
    if (this.reserved > 0) this.budget?.give(this.reserved);
    this.reserved = 0;
  }

  /** Ends the call with a status, once; later calls do nothing. */
  end(code: GrpcStatus, message: string): void {
    if (this.finished) return;
    this.finished = true;
    this.release();
    if (this.timer) clearTimeout(this.timer);
    if (code !== GrpcStatus.OK) this.controller.abort(new RpcError(code, message));
    const stream = this.stream;
    if (stream.destroyed || stream.closed) return;
    if (!stream.headersSent) {
      respondWithStatus(stream, code, message);
      return;
    }
    stream.once("wantTrailers", () => {
      try {
        stream.sendTrailers({ "grpc-status": String(code), "grpc-message": encodeGrpcMessage(message) });
      } catch {
        // the stream went away meanwhile
      }
    });
    stream.end();
  }

  /** The request messages, decoded, as the client sends them (with backpressure). */
  private requestMessages(): AsyncIterable<unknown> {
    const stream = this.stream;
    const reader = new MessageReader(this.maxMessageBytes, (bytes) => {
      this.budget?.take(bytes, this.path);
      if (this.budget) this.reserved += bytes;
    });
    const queue: unknown[] = [];
    let done = false;
    let failure: unknown;
    let wake: (() => void) | undefined;
    const notify = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    const fail = (error: unknown) => {
      if (failure === undefined && !done) failure = error;
      stream.pause();
      notify();
    };
    stream.on("data", (chunk: Buffer) => {
      if (failure !== undefined) return;
      try {
        for (const bytes of reader.push(chunk)) {
          try {
            queue.push(this.definition.requestDeserialize(bytes));
          } catch (error) {
            throw new RpcError(
              GrpcStatus.INTERNAL,
              `cannot decode the ${this.path} request: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
        }
      } catch (error) {
        fail(error);
        return;
      }
      if (queue.length >= 16) stream.pause();
      notify();
    });
    stream.on("end", () => {
      if (reader.partial)
        fail(new RpcError(GrpcStatus.INTERNAL, "the request stream ended inside a message"));
      else {
        done = true;
        notify();
      }
    });
    stream.on("close", () => {
      if (!done) fail(new RpcError(GrpcStatus.CANCELLED, `${this.path} was cancelled by the client`));
    });
    return {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          if (queue.length > 0) {
            const next = queue.shift();
            if (queue.length < 4 && failure === undefined) stream.resume();
            yield next;
            continue;
          }
          if (failure !== undefined) throw failure;
          if (done) return;
          stream.resume();
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
      },
    };
  }
}

async function single(requests: AsyncIterable<unknown>, path: string): Promise<unknown> {
  let request: unknown;
  let count = 0;
  for await (const message of requests) {
    request = message;
    count++;
  }
  if (count !== 1) {
    throw new RpcError(GrpcStatus.INTERNAL, `${path} expects exactly one request message, got ${count}`);
  }
  return request;
}

function drained(stream: ServerHttp2Stream, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      stream.off("drain", onDrain);
      stream.off("close", onClose);
      signal.removeEventListener("abort", onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(signal.reason ?? new RpcError(GrpcStatus.CANCELLED, "the stream closed"));
    };
    if (signal.aborted || stream.destroyed) {
      onClose();
      return;
    }
    stream.on("drain", onDrain);
    stream.on("close", onClose);
    signal.addEventListener("abort", onClose);
  });
}
