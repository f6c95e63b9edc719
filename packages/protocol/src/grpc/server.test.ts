import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:http2";
import { connect as netConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, credentials, Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { afterEach, describe, expect, it } from "vitest";
import type { MethodDefinition, MethodHandler, ServerWriter } from "./call.js";
import { frameMessage } from "./framing.js";
import { GrpcServer, type GrpcServerOptions } from "./server.js";
import { GrpcStatus, RpcError } from "./status.js";

// A service whose messages are JSON, so the tests need no protobuf.
const toBytes = (value: unknown) => Buffer.from(JSON.stringify(value));
const fromBytes = (bytes: Buffer) => JSON.parse(bytes.toString()) as unknown;
const method = (name: string, requestStream: boolean, responseStream: boolean): MethodDefinition => ({
  path: `/test.Echo/${name}`,
  requestStream,
  responseStream,
  requestDeserialize: (bytes) => {
    if (bytes.toString() === "not json") throw new Error("not JSON");
    return fromBytes(bytes);
  },
  responseSerialize: ((value: unknown) => toBytes(value)) as (value: never) => Buffer,
});
const service = {
  unary: method("Unary", false, false),
  serverStream: method("ServerStream", false, true),
  clientStream: method("ClientStream", true, false),
  bidi: method("Bidi", true, true),
};

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function serve(
  implementation: Record<string, MethodHandler>,
  options: Partial<GrpcServerOptions> = {},
): Promise<{ server: GrpcServer; client: Client; socket: string }> {
  const dir = mkdtempSync(join(tmpdir(), "grpc-test-"));
  const socket = join(dir, "s.sock");
  const server = new GrpcServer({ maxMessageBytes: 4 << 20, ...options });
  server.addService(service, implementation);
  await server.listen({ path: socket });
  const client = new Client(`unix://${socket}`, credentials.createInsecure(), {
    "grpc.max_receive_message_length": 64 << 20,
    "grpc.max_send_message_length": 64 << 20,
  });
  cleanups.push(() => {
    client.close();
    server.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  return { server, client, socket };
}

function unary(
  client: Client,
  name: string,
  request: unknown,
  options: { deadline?: number; metadata?: Metadata } = {},
) {
  return new Promise<unknown>((resolve, reject) => {
    client.makeUnaryRequest(
      `/test.Echo/${name}`,
      toBytes,
      fromBytes,
      request,
      options.metadata ?? new Metadata(),
      options.deadline === undefined ? {} : { deadline: Date.now() + options.deadline },
      (error: ServiceError | null, response?: unknown) => (error ? reject(error) : resolve(response)),
    );
  });
}

async function failure(promise: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as ServiceError;
    return { code: e.code, details: e.details };
  }
  throw new Error("the call succeeded");
}

describe("GrpcServer", () => {
  it("answers unary calls with metadata and peer, and maps thrown errors to statuses", async () => {
    const { client } = await serve({
      unary: (request: { n: number; fail?: string }, call) => {
        if (request.fail === "rpc") throw new RpcError(GrpcStatus.FAILED_PRECONDITION, "not now: 100% ✓");
        if (request.fail === "plain") throw new Error("boom");
        return { twice: request.n * 2, trace: call.metadata.traceparent, path: call.path, peer: call.peer };
      },
    });
    const metadata = new Metadata();
    metadata.set("traceparent", "00-abc-def-01");
    expect(await unary(client, "Unary", { n: 21 }, { metadata })).toEqual({
      twice: 42,
      trace: ["00-abc-def-01"],
      path: "/test.Echo/Unary",
      peer: "unix",
    });
    expect(await failure(unary(client, "Unary", { n: 1, fail: "rpc" }))).toEqual({
      code: status.FAILED_PRECONDITION,
      details: "not now: 100% ✓",
    });
    expect(await failure(unary(client, "Unary", { n: 1, fail: "plain" }))).toEqual({
      code: status.UNKNOWN,
      details: "boom",
    });
    expect(await failure(unary(client, "ClientStream", {}))).toMatchObject({ code: status.UNIMPLEMENTED });
    expect(await failure(unary(client, "Missing", {}))).toEqual({
      code: status.UNIMPLEMENTED,
      details: "unknown method /test.Echo/Missing",
    });
  });

  it("refuses requests it cannot decode or that exceed the message limit", async () => {
    const { client } = await serve(
      { unary: (request: unknown) => ({ size: JSON.stringify(request).length }) },
      {
        maxMessageBytes: 1000,
      },
    );
    const raw = (bytes: Buffer) =>
      new Promise<unknown>((resolve, reject) =>
        client.makeUnaryRequest(
          "/test.Echo/Unary",
          (b: Buffer) => b,
          fromBytes,
          bytes,
          (e, r) => (e ? reject(e) : resolve(r)),
        ),
      );
    expect(await failure(raw(Buffer.from("not json")))).toEqual({
      code: status.INTERNAL,
      details: "cannot decode the /test.Echo/Unary request: not JSON",
    });
    expect(await failure(raw(toBytes("x".repeat(2000))))).toMatchObject({
      code: status.RESOURCE_EXHAUSTED,
      details: expect.stringContaining("larger than the maximum (2002 vs. 1000 bytes)"),
    });
    expect(await raw(toBytes("x".repeat(900)))).toEqual({ size: 902 });
  });

  it("carries one message of tens of MiB each way (HTTP/2 flow control)", async () => {
    const { client } = await serve(
      { unary: (request: { blob: string }) => ({ length: request.blob.length, blob: request.blob }) },
      { maxMessageBytes: 256 << 20 },
    );
    const blob = "x".repeat(48 << 20);
    const response = (await unary(client, "Unary", { blob })) as { length: number; blob: string };
    expect(response.length).toBe(48 << 20);
    expect(response.blob === blob).toBe(true);
  });

  it("streams many large responses in order (backpressure) and ends with the handler's status", async () => {
    const { client } = await serve({
      serverStream: async (request: { count: number; failAt?: number }, call: ServerWriter) => {
        for (let i = 0; i < request.count; i++) {
          if (i === request.failAt) throw new RpcError(GrpcStatus.DATA_LOSS, `stopped at ${i}`);
          await call.write({ i, pad: "p".repeat(1 << 20) });
        }
      },
    });
    const read = (request: unknown) =>
      new Promise<{ seen: number[]; error?: ServiceError }>((resolve) => {
        const seen: number[] = [];
        const stream = client.makeServerStreamRequest("/test.Echo/ServerStream", toBytes, fromBytes, request);
        stream.on("data", (m: { i: number }) => seen.push(m.i));
        stream.on("error", (error: ServiceError) => resolve({ seen, error }));
        stream.on("end", () => resolve({ seen }));
      });
    const all = await read({ count: 40 });
    expect(all.error).toBeUndefined();
    expect(all.seen).toEqual([...Array(40).keys()]);
    const cut = await read({ count: 10, failAt: 3 });
    expect(cut.seen).toEqual([0, 1, 2]);
    expect(cut.error?.code).toBe(status.DATA_LOSS);
    expect(cut.error?.details).toBe("stopped at 3");
  });

  it("reads client streams and answers bidirectional streams", async () => {
    const { client } = await serve({
      clientStream: async (requests: AsyncIterable<{ n: number }>) => {
        let sum = 0;
        let count = 0;
        for await (const r of requests) {
          sum += r.n;
          count++;
        }
        return { sum, count };
      },
      bidi: async (requests: AsyncIterable<{ n: number }>, call: ServerWriter) => {
        for await (const r of requests) await call.write({ echo: r.n });
      },
    });
    const total = await new Promise<unknown>((resolve, reject) => {
      const stream = client.makeClientStreamRequest("/test.Echo/ClientStream", toBytes, fromBytes, (e, r) =>
        e ? reject(e) : resolve(r),
      );
      for (let n = 1; n <= 1000; n++) stream.write({ n });
      stream.end();
    });
    expect(total).toEqual({ sum: 500_500, count: 1000 });
    const echoes = await new Promise<number[]>((resolve, reject) => {
      const got: number[] = [];
      const stream = client.makeBidiStreamRequest("/test.Echo/Bidi", toBytes, fromBytes);
      stream.on("data", (m: { echo: number }) => got.push(m.echo));
      stream.on("error", reject);
      stream.on("end", () => resolve(got));
      for (const n of [3, 1, 4, 1, 5]) stream.write({ n });
      stream.end();
    });
    expect(echoes).toEqual([3, 1, 4, 1, 5]);
  });

  it("aborts the handler's signal on a deadline and on client cancellation", async () => {
    const reasons: string[] = [];
    const waitForAbort = (call: ServerWriter) =>
      new Promise<never>((_, reject) =>
        call.signal.addEventListener("abort", () => {
          reasons.push(String((call.signal.reason as Error).message));
          reject(call.signal.reason);
        }),
      );
    const { client } = await serve({
      unary: (_r, call) => waitForAbort(call),
      serverStream: (_r, call) => waitForAbort(call),
    });
    expect(await failure(unary(client, "Unary", {}, { deadline: 150 }))).toMatchObject({
      code: status.DEADLINE_EXCEEDED,
    });
    const stream = client.makeServerStreamRequest("/test.Echo/ServerStream", toBytes, fromBytes, {});
    stream.on("error", () => {});
    await new Promise((r) => setTimeout(r, 100));
    stream.cancel();
    await expect.poll(() => reasons.length).toBe(2);
    expect(reasons[0]).toBe("/test.Echo/Unary: deadline exceeded");
    expect(reasons[1]).toBe("/test.Echo/ServerStream was cancelled by the client");
  });

  it("refuses unauthorized clients and requests that are not gRPC", async () => {
    const { client, socket } = await serve(
      { unary: () => ({}) },
      { authorize: () => false, unauthorizedMessage: "go away" },
    );
    expect(await failure(unary(client, "Unary", {}))).toEqual({
      code: status.UNAUTHENTICATED,
      details: "go away",
    });
    const session = connect("http://localhost", { path: socket } as never);
    cleanups.push(() => session.close());
    const request = session.request({
      ":method": "POST",
      ":path": "/test.Echo/Unary",
      "content-type": "text/plain",
    });
    const [headers] = (await once(request, "response")) as [Record<string, unknown>];
    expect(headers[":status"]).toBe(415);
    request.close();
  });

  it("close() does not wait for the client to close: it resolves once the answers are flushed", async () => {
    const big = "x".repeat(3 << 20);
    const { server, socket } = await serve({ unary: () => ({ big }) });
    // a client whose own end of the connection is held back, like a client slow to close
    let heldEnd: (() => void) | undefined;
    const session = connect("http://localhost", {
      createConnection: () => {
        const raw = netConnect(socket);
        const end = raw.end.bind(raw);
        raw.end = ((...args: Parameters<typeof raw.end>) => {
          heldEnd = () => end(...args);
          return raw;
        }) as typeof raw.end;
        cleanups.push(() => raw.destroy());
        return raw;
      },
    });
    cleanups.push(() => session.destroy());
    const request = session.request({
      ":method": "POST",
      ":path": "/test.Echo/Unary",
      "content-type": "application/grpc",
      te: "trailers",
    });
    request.end(frameMessage(toBytes({})));
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    const trailers = once(request, "trailers");
    await once(request, "response");
    // resolves although the client has not closed its side (it would time out otherwise)
    await server.close();
    // and everything we sent arrives
    const [grpcTrailers] = (await trailers) as [Record<string, unknown>];
    expect(grpcTrailers["grpc-status"]).toBe("0");
    const received = Buffer.concat(chunks);
    expect(received.readUInt32BE(1)).toBe(received.length - 5);
    expect((fromBytes(received.subarray(5)) as { big: string }).big.length).toBe(big.length);
    heldEnd?.();
  });

  it("lets in-flight calls finish on close() and cancels them on destroy()", async () => {
    let release: () => void = () => {};
    const aborted: boolean[] = [];
    const { server, client } = await serve({
      unary: (request: { wait: boolean }, call) =>
        request.wait
          ? new Promise((resolve) => {
              release = () => resolve({ done: true });
              call.signal.addEventListener("abort", () => aborted.push(true));
            })
          : { done: false },
    });
    const pending = unary(client, "Unary", { wait: true });
    await new Promise((r) => setTimeout(r, 50));
    let closed = false;
    const closing = server.close().then(() => {
      closed = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    release();
    expect(await pending).toEqual({ done: true });
    await closing;
    expect(aborted).toEqual([]);

    const second = await serve({
      unary: (_r, call) =>
        new Promise((_, reject) =>
          call.signal.addEventListener("abort", () => {
            aborted.push(true);
            reject(new Error("x"));
          }),
        ),
    });
    const hanging = failure(unary(second.client, "Unary", {}));
    await new Promise((r) => setTimeout(r, 50));
    second.server.destroy();
    // the connection is gone: the client sees a transport failure, the handler its signal
    expect((await hanging).code).not.toBe(status.OK);
    expect(aborted).toEqual([true]);
  });
});
