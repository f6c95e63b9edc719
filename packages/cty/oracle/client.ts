/**
 * Client for the go-cty oracle (main.go in this folder): builds it once per content hash into a
 * cache directory outside the work tree, then talks to one long-lived process over stdin/stdout
 * (one JSON line per request and per answer).
 *
 * Used by the cty property suite and by the codec benchmark. Not part of the published package.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** One request to the oracle. */
export interface OracleRequest {
  op:
    | "ping"
    | "type-json"
    | "msgpack-roundtrip"
    | "msgpack-to-json"
    | "json-roundtrip"
    | "json-to-msgpack"
    | "safe-prefix"
    | "prefix-unknown"
    | "bench";
  /** Type JSON text. */
  type?: string;
  /** msgpack bytes as hex. */
  hex?: string;
  /** JSON text, or a string argument. */
  text?: string;
  notNull?: boolean;
  iterations?: number;
}

/** The oracle's answer. */
export interface OracleResponse {
  ok: boolean;
  hex?: string;
  text?: string;
  encodeNs?: number;
  decodeNs?: number;
  error?: string;
}

/** Returns true if a `go` toolchain is on PATH. */
export function haveGo(): boolean {
  const r = spawnSync("go", ["version"], { encoding: "utf8" });
  return r.status === 0;
}

/** Whether this is CI (`CI=true` or `CI=1`), where a missing `go` fails the oracle suites. */
export const onCI = process.env.CI === "true" || process.env.CI === "1";

/** Builds the oracle if needed and returns the binary's path. */
export function buildOracle(): string {
  const sources = ["go.mod", "go.sum", "main.go"].map((f) => readFileSync(join(here, f)));
  const hash = createHash("sha256");
  for (const s of sources) hash.update(s);
  const key = hash.digest("hex").slice(0, 16);
  const cacheRoot = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  const dir = join(cacheRoot, "pyvider-ts", "oracle", key);
  const bin = join(dir, "cty-oracle");
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const tmp = `${bin}.${process.pid}.tmp`;
  const r = spawnSync("go", ["build", "-o", tmp, "."], {
    cwd: here,
    encoding: "utf8",
    env: { ...process.env, GOFLAGS: "-mod=mod" },
  });
  if (r.status !== 0) throw new Error(`building the go-cty oracle failed:\n${r.stderr}${r.stdout}`);
  renameSync(tmp, bin);
  return bin;
}

/** A running oracle process. */
export class Oracle {
  private readonly proc: ChildProcessWithoutNullStreams;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: OracleResponse) => void; reject: (e: Error) => void }
  >();
  private exited: Error | undefined;

  private constructor(bin: string) {
    this.proc = spawn(bin, [], { stdio: ["pipe", "pipe", "pipe"] });
    const lines = createInterface({ input: this.proc.stdout });
    lines.on("line", (line) => {
      const msg = JSON.parse(line) as OracleResponse & { id: number };
      const p = this.pending.get(msg.id);
      if (p === undefined) return;
      this.pending.delete(msg.id);
      p.resolve(msg);
    });
    let stderr = "";
    this.proc.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    this.proc.on("exit", (code) => {
      this.exited = new Error(`oracle exited with code ${code}: ${stderr}`);
      for (const p of this.pending.values()) p.reject(this.exited);
      this.pending.clear();
    });
  }

  /** Builds (if needed) and starts the oracle. */
  static start(): Oracle {
    return new Oracle(buildOracle());
  }

  /**
   * Sends one request. An answer that takes longer than `timeoutMs` (default 60 s, or
   * PYVIDER_ORACLE_TIMEOUT_MS) means go-cty is grinding through the input: the process is killed
   * and the call fails naming the request, instead of a test run hanging until CI gives up.
   */
  call(
    req: OracleRequest,
    timeoutMs = Number(process.env.PYVIDER_ORACLE_TIMEOUT_MS ?? 60_000),
  ): Promise<OracleResponse> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.proc.kill("SIGKILL");
        reject(
          new Error(`go-cty did not answer within ${timeoutMs} ms: ${JSON.stringify(req).slice(0, 500)}`),
        );
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.proc.stdin.write(`${JSON.stringify({ id, ...req })}\n`);
    });
  }

  /** Stops the process. */
  async close(): Promise<void> {
    if (this.exited) return;
    const done = new Promise<void>((resolve) => this.proc.once("exit", () => resolve()));
    this.proc.stdin.end();
    await done;
  }
}

/** Hex of bytes. */
export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
}

/** Bytes of hex. */
export function fromHex(h: string): Uint8Array {
  return new Uint8Array(Buffer.from(h, "hex"));
}
