/**
 * The gRPC conformance service (`pyvider.conformance.Test`), served by the package's gRPC server
 * and called by @grpc/grpc-js (conformance.test.ts) and Go gRPC (go-client/) clients. Messages
 * are raw bytes, so both clients need no generated code:
 *
 * - `Echo` (unary) answers the request; metadata `x-status`/`x-message` make it fail with that
 *   status instead, `x-sleep-ms` makes it wait that long (or until the call is aborted).
 * - `Big` (unary) answers a message of the size the request names (4-byte big-endian).
 * - `Repeat` (server stream): request = count and size (4 bytes each); writes `count` messages of
 *   `size` bytes, then fails with `x-status`/`x-message` if given (status trailers after data).
 * - `Sum` (client stream) answers `"<messages>,<bytes>"`.
 * - `Chat` (bidirectional) echoes every message as it arrives.
 * - `Stats` (unary) answers `{"aborted":n,"active":n}`: handlers whose call was aborted (deadline,
 *   cancellation, lost connection) and handlers still running.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { MethodDefinition, MethodHandler, ServerWriter } from "../../src/grpc/call.js";
import { RpcError } from "../../src/grpc/status.js";

/** The service name. */
export const SERVICE = "pyvider.conformance.Test";

const raw = (name: string, requestStream: boolean, responseStream: boolean) => ({
  path: `/${SERVICE}/${name}`,
  requestStream,
  responseStream,
  originalName: name,
  requestSerialize: (value: Buffer): Buffer => value,
  requestDeserialize: (bytes: Buffer): Buffer => bytes,
  responseSerialize: ((value: Buffer): Buffer => value) as (value: never) => Buffer,
  responseDeserialize: (bytes: Buffer): Buffer => bytes,
});

/** The method definitions (usable by this package's server and by grpc-js). */
export const conformanceService = {
  echo: raw("Echo", false, false),
  big: raw("Big", false, false),
  repeat: raw("Repeat", false, true),
  sum: raw("Sum", true, false),
  chat: raw("Chat", true, true),
  stats: raw("Stats", false, false),
} satisfies Record<string, MethodDefinition>;

/** Counters the handlers keep. */
export interface ConformanceStats {
  aborted: number;
  active: number;
}

/** Throws the status metadata `x-status` asks for, with `x-message` (percent-encoded: metadata holds no newlines). */
function failIfAsked(metadata: Record<string, string[]>): void {
  const code = metadata["x-status"]?.[0];
  if (code === undefined) return;
  throw new RpcError(Number(code) as never, decodeURIComponent(metadata["x-message"]?.[0] ?? ""));
}

/** Runs a handler body, counting it as active and counting an abort of its call. */
async function counted<T>(stats: ConformanceStats, call: ServerWriter, body: () => Promise<T>): Promise<T> {
  stats.active++;
  const onAbort = () => stats.aborted++;
  call.signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await body();
  } finally {
    stats.active--;
  }
}

/** The handlers, keeping `stats`. */
export function conformanceImplementation(stats: ConformanceStats): Record<string, MethodHandler> {
  return {
    echo: (request: Buffer, call: ServerWriter) =>
      counted(stats, call, async () => {
        const sleepMs = Number(call.metadata["x-sleep-ms"]?.[0] ?? 0);
        if (sleepMs > 0) await sleep(sleepMs, undefined, { signal: call.signal }).catch(() => undefined);
        failIfAsked(call.metadata);
        return request;
      }),
    big: (request: Buffer, call: ServerWriter) =>
      counted(stats, call, async () => Buffer.alloc(request.readUInt32BE(0), 0x5a)),
    repeat: (request: Buffer, call: ServerWriter) =>
      counted(stats, call, async () => {
        const count = request.readUInt32BE(0);
        const size = request.readUInt32BE(4);
        for (let i = 0; i < count; i++) {
          if (call.signal.aborted) return;
          await call.write(Buffer.alloc(size, i % 256));
        }
        failIfAsked(call.metadata);
      }),
    sum: (requests: AsyncIterable<Buffer>, call: ServerWriter) =>
      counted(stats, call, async () => {
        let messages = 0;
        let bytes = 0;
        for await (const r of requests) {
          messages++;
          bytes += r.length;
        }
        return Buffer.from(`${messages},${bytes}`);
      }),
    chat: (requests: AsyncIterable<Buffer>, call: ServerWriter) =>
      counted(stats, call, async () => {
        for await (const r of requests) await call.write(r);
      }),
    stats: () => Buffer.from(JSON.stringify(stats)),
  };
}
