/**
 * After the handshake, nothing else may reach the real stdout uncontrolled:
 * writes to `process.stdout` are captured and streamed over GRPCStdio when
 * the client listens, or forwarded to stderr otherwise.
 * @internal
 */
import { type StdioData, StdioData_Channel } from "../gen/plugin.js";

/** A capture of process.stdout writes. */
export interface StdioCapture {
  /** Receives captured chunks until the returned function is called. */
  subscribe(listener: (data: StdioData) => void): () => void;
  /** Restores the original `process.stdout.write`. */
  restore(): void;
}

/** Replaces `process.stdout.write` with a capture. */
export function captureStdout(stdout: NodeJS.WriteStream, stderr: NodeJS.WritableStream): StdioCapture {
  const original = stdout.write;
  const listeners = new Set<(data: StdioData) => void>();
  const replacement = (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
    const done = typeof encoding === "function" ? encoding : callback;
    const bytes =
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : Buffer.from(chunk as Uint8Array);
    if (listeners.size === 0) {
      stderr.write(bytes);
    } else {
      for (const listener of listeners) listener({ channel: StdioData_Channel.STDOUT, data: bytes });
    }
    if (typeof done === "function") queueMicrotask(() => (done as (error?: Error | null) => void)(null));
    return true;
  };
  stdout.write = replacement as typeof stdout.write;
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    restore() {
      if (stdout.write === replacement) stdout.write = original;
    },
  };
}
