/**
 * gRPC conformance of this package's gRPC server (src/grpc/), driven by the two clients that
 * matter: @grpc/grpc-js and Go gRPC (google.golang.org/grpc, inside Terraform and OpenTofu; the Go
 * program in go-client/ is built once into ~/.cache/pyvider-ts). Covered: the four call kinds,
 * status codes and messages in trailers (trailers-only and after messages), deadlines and
 * cancellation (the handler's signal aborts), messages at the size limit and one byte over it
 * (RESOURCE_EXHAUSTED, both directions; 256 MiB with the Go client), many concurrent streams.
 */
import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  Client,
  type ClientDuplexStream,
  credentials,
  Metadata,
  type ServiceError,
  status,
} from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GrpcServer } from "../../src/grpc/server.js";
import { MAX_MESSAGE_BYTES } from "../../src/handshake/constants.js";
import { type ConformanceStats, conformanceImplementation, conformanceService, SERVICE } from "./service.js";

const here = dirname(fileURLToPath(import.meta.url));

/** A conformance server on a unix socket in a fresh directory. */
async function startServer(maxMessageBytes: number) {
  const dir = mkdtempSync(join(tmpdir(), "grpc-conformance-"));
  const socket = join(dir, "s.sock");
  const stats: ConformanceStats = { aborted: 0, active: 0 };
  const server = new GrpcServer({ maxMessageBytes });
  server.addService(conformanceService, conformanceImplementation(stats));
  await server.listen({ path: socket });
  return {
    socket,
    stats,
    stop: () => {
      server.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const u32s = (...xs: number[]) => {
  const b = Buffer.alloc(4 * xs.length);
  xs.forEach((x, i) => {
    b.writeUInt32BE(x, 4 * i);
  });
  return b;
};
const id = (b: Buffer) => b;
const path = (name: string) => `/${SERVICE}/${name}`;
const MESSAGE = "bad thing,\nsecond line: é 100% ✓";

function failing(code: number, message = MESSAGE): Metadata {
  const m = new Metadata();
  m.set("x-status", String(code));
  m.set("x-message", encodeURIComponent(message));
  return m;
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("gRPC conformance with @grpc/grpc-js", () => {
  const LIMIT = 4 << 20;
  let server: Awaited<ReturnType<typeof startServer>>;
  let client: Client;
  beforeAll(async () => {
    server = await startServer(LIMIT);
    client = new Client(`unix://${server.socket}`, credentials.createInsecure(), {
      "grpc.max_receive_message_length": 2 * LIMIT,
      "grpc.max_send_message_length": 2 * LIMIT,
    });
  });
  afterAll(() => {
    client.close();
    server.stop();
  });

  const unary = (name: string, request: Buffer, metadata = new Metadata(), deadlineMs?: number) =>
    new Promise<Buffer>((resolve, reject) =>
      client.makeUnaryRequest(
        path(name),
        id,
        id,
        request,
        metadata,
        deadlineMs === undefined ? {} : { deadline: Date.now() + deadlineMs },
        (error: ServiceError | null, response?: Buffer) => (error ? reject(error) : resolve(response!)),
      ),
    );
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => ({ code: status.OK, details: "" }),
      (e: ServiceError) => ({ code: e.code, details: e.details }),
    );
  const chat = (): ClientDuplexStream<Buffer, Buffer> =>
    client.makeBidiStreamRequest(path("Chat"), id, id, new Metadata());
  const next = (stream: ClientDuplexStream<Buffer, Buffer>) =>
    new Promise<Buffer>((resolve, reject) => {
      stream.once("data", resolve);
      stream.once("error", reject);
    });

  it("unary: answers, and fails with the status and message in trailers-only", async () => {
    expect((await unary("Echo", Buffer.from("hello"))).toString()).toBe("hello");
    expect(await failure(unary("Echo", Buffer.from("x"), failing(status.FAILED_PRECONDITION)))).toEqual({
      code: status.FAILED_PRECONDITION,
      details: MESSAGE,
    });
  });

  it("server streaming: every message, then the OK or error status trailers", async () => {
    const read = (metadata: Metadata) =>
      new Promise<{ messages: Buffer[]; code: number; details: string }>((resolve) => {
        const messages: Buffer[] = [];
        const stream = client.makeServerStreamRequest(path("Repeat"), id, id, u32s(5, 1000), metadata);
        stream.on("data", (m: Buffer) => messages.push(m));
        stream.on("error", (e: ServiceError) => resolve({ messages, code: e.code, details: e.details }));
        stream.on("status", (s) => {
          if (s.code === status.OK) resolve({ messages, code: s.code, details: s.details });
        });
      });
    const ok = await read(new Metadata());
    expect(ok.code).toBe(status.OK);
    expect(ok.messages.map((m) => [m.length, m[0]])).toEqual([0, 1, 2, 3, 4].map((i) => [1000, i]));
    expect(await read(failing(status.ABORTED))).toMatchObject({ code: status.ABORTED, details: MESSAGE });
    expect((await read(failing(status.ABORTED))).messages).toHaveLength(5);
  });

  it("client streaming: reads the whole stream", async () => {
    const result = await new Promise<Buffer>((resolve, reject) => {
      const stream = client.makeClientStreamRequest(path("Sum"), id, id, new Metadata(), (e, r) =>
        e ? reject(e) : resolve(r!),
      );
      for (let i = 0; i < 10; i++) stream.write(Buffer.alloc(100 + i));
      stream.end();
    });
    expect(result.toString()).toBe("10,1045");
  });

  it("bidirectional streaming: answers each message as it arrives", async () => {
    const stream = chat();
    for (let i = 0; i < 5; i++) {
      const answer = next(stream);
      stream.write(Buffer.from(`message ${i}`));
      expect((await answer).toString()).toBe(`message ${i}`);
    }
    const ended = new Promise((r) => stream.on("status", r));
    stream.end();
    expect(await ended).toMatchObject({ code: status.OK });
  });

  it("deadlines: DEADLINE_EXCEEDED for the client and an aborted handler", async () => {
    const before = server.stats.aborted;
    const slow = new Metadata();
    slow.set("x-sleep-ms", "20000");
    const started = Date.now();
    expect((await failure(unary("Echo", Buffer.from("slow"), slow, 200))).code).toBe(
      status.DEADLINE_EXCEEDED,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitFor(() => server.stats.aborted > before, "the handler to be aborted");
  });

  it("cancellation: the handler of a cancelled server stream is aborted and stops", async () => {
    const before = server.stats.aborted;
    const stream = client.makeServerStreamRequest(
      path("Repeat"),
      id,
      id,
      u32s(1_000_000, 1000),
      new Metadata(),
    );
    await new Promise((r) => stream.once("data", r));
    const ended = new Promise<ServiceError>((r) => stream.on("error", r));
    stream.cancel();
    expect((await ended).code).toBe(status.CANCELLED);
    await waitFor(() => server.stats.aborted > before, "the handler to be aborted");
    await waitFor(() => server.stats.active === 0, "the handler to stop");
  });

  it("messages at the size limit pass; one byte over is RESOURCE_EXHAUSTED, both ways", async () => {
    const atLimit = Buffer.alloc(LIMIT, 7);
    expect((await unary("Echo", atLimit)).equals(atLimit)).toBe(true);
    expect((await failure(unary("Echo", Buffer.alloc(LIMIT + 1)))).code).toBe(status.RESOURCE_EXHAUSTED);
    expect((await unary("Big", u32s(LIMIT))).length).toBe(LIMIT);
    expect((await failure(unary("Big", u32s(LIMIT + 1)))).code).toBe(status.RESOURCE_EXHAUSTED);
    // and the connection still serves
    expect((await unary("Echo", Buffer.from("after"))).toString()).toBe("after");
  });

  it("many concurrent streams: 500 unary calls and 100 bidirectional streams at once", async () => {
    const calls = Array.from({ length: 500 }, (_, i) =>
      unary("Echo", Buffer.from(`call ${i}`)).then((r) => r.toString()),
    );
    const streams = Array.from({ length: 100 }, async (_, i) => {
      const stream = chat();
      const got: string[] = [];
      for (let j = 0; j < 3; j++) {
        const answer = next(stream);
        stream.write(Buffer.from(`stream ${i} message ${j}`));
        got.push((await answer).toString());
      }
      stream.end();
      return got;
    });
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 500 }, (_, i) => `call ${i}`));
    expect(await Promise.all(streams)).toEqual(
      Array.from({ length: 100 }, (_, i) => [0, 1, 2].map((j) => `stream ${i} message ${j}`)),
    );
  });
});

/** Builds the Go client once per content hash into the cache outside the work tree. */
function buildGoClient(): string {
  const source = join(here, "go-client");
  const hash = createHash("sha256");
  for (const file of ["main.go", "go.mod", "go.sum"]) hash.update(readFileSync(join(source, file)));
  const cacheDir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "pyvider-ts");
  const binary = join(cacheDir, `grpc-conformance-client-${hash.digest("hex").slice(0, 16)}`);
  if (!existsSync(binary)) {
    mkdirSync(cacheDir, { recursive: true });
    execFileSync("go", ["build", "-o", binary, "."], {
      cwd: source,
      stdio: ["ignore", "inherit", "inherit"],
    });
  }
  return binary;
}

describe("gRPC conformance with Go gRPC (google.golang.org/grpc)", () => {
  let binary = "";
  beforeAll(() => {
    binary = buildGoClient();
  }, 600_000);

  it("passes every check, with messages at and over the 256 MiB limit", async () => {
    const server = await startServer(MAX_MESSAGE_BYTES);
    try {
      const output = await new Promise<string>((resolve, reject) =>
        execFile(
          binary,
          [server.socket, String(MAX_MESSAGE_BYTES)],
          { timeout: 240_000, maxBuffer: 1 << 20 },
          (error, stdout, stderr) =>
            error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
        ),
      );
      const { checks } = JSON.parse(output) as { checks: { name: string; ok: boolean; detail: string }[] };
      expect(checks.filter((c) => !c.ok)).toEqual([]);
      expect(checks.map((c) => c.name)).toEqual([
        "unary",
        "unary error status and message (trailers-only)",
        "server streaming, then OK trailers",
        "server streaming, then error trailers after the messages",
        "client streaming",
        "bidirectional streaming, interleaved",
        "deadline: DEADLINE_EXCEEDED and the handler aborted",
        "cancellation of a server stream: the handler aborted",
        "many concurrent streams (500 unary calls, 100 bidirectional streams)",
        `request of exactly the limit (${MAX_MESSAGE_BYTES} bytes) echoed`,
        "request one byte over the limit: RESOURCE_EXHAUSTED",
        "response of exactly the limit",
        "response one byte over the limit: RESOURCE_EXHAUSTED",
        "the connection still serves after all of it",
      ]);
      expect(server.stats.active).toBe(0);
    } finally {
      server.stop();
    }
  }, 300_000);
});
