/**
 * gRPC server bench: @pyvider/protocol's own gRPC server (node:http2) against an @grpc/grpc-js
 * server serving the same services with the same go-plugin start (mutual TLS on a private unix
 * socket), both bundled by `bundleProvider` with the same code-cache launcher, measured in one
 * run:
 *
 * - start-up: spawn → handshake line, and spawn → first answer (a grpc-js client connects with
 *   mutual TLS and calls GetProviderSchema), median of `--runs` starts, the two alternating;
 * - latency of 1,000 small unary calls (GetProviderSchema, sequential, after 200 warm-up
 *   calls; both servers up at once and called in alternating blocks of 50): median and p99 per
 *   call and the total, best total of `--rounds` rounds.
 *
 * Also the servers' CPU time (all threads, from /proc: hardly affected by the machine's load, unlike
 * wall time) to the first answer and for the 1,000 calls, and their peak RSS after the calls. A
 * third row is the own server inside the whole `startPluginServer` stack that `serve()` uses.
 * Last, one 200 MiB request (ApplyResourceChange) to a fresh server of each kind: wall, CPU and
 * how much the server's peak RSS grows (the memory a large Terraform state costs).
 * Prints the ratios own/grpc-js; the own server stays only where it wins by at least 10 %.
 *
 *   pnpm --filter @pyvider/bench run bench:grpc [-- --runs 15 --rounds 3]
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as grpc from "@grpc/grpc-js";
import { bundleProvider } from "@pyvider/cli";
import {
  derToPem,
  generateCertificate,
  MAGIC_COOKIE_KEY,
  MAGIC_COOKIE_VALUE,
  parseHandshakeLine,
  tfplugin6,
} from "@pyvider/protocol";

const here = dirname(fileURLToPath(import.meta.url));
const benchDir = join(here, "..");
const method = tfplugin6.ProviderService.getProviderSchema;

/** A started server: its process, the client connected to it, and the start-up times. */
interface Started {
  child: ChildProcessWithoutNullStreams;
  client: grpc.Client;
  handshakeMs: number;
  firstAnswerMs: number;
  /** CPU time the server used up to its first answer. */
  firstAnswerCpuMs: number;
}

const clientCertificate = generateCertificate();

function call(client: grpc.Client): Promise<void> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      method.path,
      (v: tfplugin6.GetProviderSchema_Request) => method.requestSerialize(v),
      (b: Buffer) => method.responseDeserialize(b),
      {},
      (error) => (error ? reject(error) : resolve()),
    );
  });
}

/** One ApplyResourceChange whose planned state is `bytes` long (the servers answer one byte). */
function bigCall(client: grpc.Client, bytes: number): Promise<void> {
  const apply = tfplugin6.ProviderService.applyResourceChange;
  const request = tfplugin6.ApplyResourceChange_Request.fromPartial({
    typeName: "x",
    plannedState: { msgpack: Buffer.alloc(bytes, 0xa5) },
  });
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      apply.path,
      (v: tfplugin6.ApplyResourceChange_Request) => apply.requestSerialize(v),
      (b: Buffer) => apply.responseDeserialize(b),
      request,
      (error) => (error ? reject(error) : resolve()),
    );
  });
}

/** Spawns an executable as Terraform does, connects with mutual TLS and waits for the first answer. */
export async function start(executable: string): Promise<Started> {
  const t0 = process.hrtime.bigint();
  const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
  const child = spawn(executable, [], {
    env: {
      ...process.env,
      [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: "6",
      PLUGIN_CLIENT_CERT: clientCertificate.certificatePem,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once("exit", (code) => reject(new Error(`${executable} exited with ${code}: ${stderr}`)));
  });
  const handshakeMs = ms();
  const info = parseHandshakeLine(line);
  const serverPem = derToPem(info.certificateDer ?? Buffer.alloc(0), "CERTIFICATE");
  const client = new grpc.Client(
    `unix://${info.address}`,
    grpc.credentials.createSsl(
      Buffer.from(serverPem),
      Buffer.from(clientCertificate.privateKeyPem),
      Buffer.from(clientCertificate.certificatePem),
    ),
    {
      "grpc.ssl_target_name_override": "localhost",
      "grpc.default_authority": "localhost",
      "grpc.max_send_message_length": 256 << 20,
      "grpc.max_receive_message_length": 256 << 20,
    },
  );
  await call(client);
  const firstAnswerMs = ms();
  return { child, client, handshakeMs, firstAnswerMs, firstAnswerCpuMs: cpuMs(child.pid) };
}

/** Peak resident set size (MiB) of a process so far (VmHWM, Linux). */
export function peakRssMiB(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export async function stop(s: Started): Promise<void> {
  s.client.close();
  const exited = new Promise((r) => s.child.once("exit", r));
  s.child.kill("SIGTERM");
  await exited;
}

/** Per-call latencies (ms) of `n` sequential calls. */
export async function latencies(client: grpc.Client, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await call(client);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)] ?? 0;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * CPU time (ms) a process has used so far, all its threads, from /proc/<pid>/task/<tid>/schedstat
 * (Linux; nanoseconds on CPU). CPU time hardly depends on the machine's load; wall time does.
 */
export function cpuMs(pid: number | undefined): number {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    }
    return ns / 1e6;
  } catch {
    return Number.NaN;
  }
}

/** Runs the bench and prints the table. */
export async function runGrpcBench(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv[0] === "--" ? argv.slice(1) : argv,
    options: { runs: { type: "string", default: "15" }, rounds: { type: "string", default: "3" } },
  });
  const runs = Number(values.runs);
  const rounds = Number(values.rounds);
  const work = mkdtempSync(join(tmpdir(), "pyvider-grpc-bench-"));
  process.env.PYVIDER_CODE_CACHE_DIR = join(work, "v8");
  try {
    const subjects: Array<{ name: string; file: string; bytes: number }> = [];
    const protocolTest = join(benchDir, "../packages/protocol/test/grpc-servers");
    for (const [name, entry] of [
      ["own (node:http2)", join(protocolTest, "own.ts")],
      ["@grpc/grpc-js", join(protocolTest, "grpcjs.ts")],
      ["own, serve() stack", join(here, "grpc/own-server.ts")],
    ] as const) {
      const file = join(work, name.replace(/[^a-z]+/g, "-"), "terraform-provider-grpcbench");
      const cwd = entry.startsWith(protocolTest) ? join(protocolTest, "../..") : benchDir;
      const r = await bundleProvider({ entry, outfile: file, cwd });
      subjects.push({ name, file, bytes: r.bytes });
      await stop(await start(file)); // writes the code cache
    }
    await new Promise((r) => setTimeout(r, 500));
    const handshake = subjects.map(() => [] as number[]);
    const firstAnswer = subjects.map(() => [] as number[]);
    const startCpu = subjects.map(() => [] as number[]);
    for (let i = 0; i < runs; i++) {
      for (const [k, s] of subjects.entries()) {
        const started = await start(s.file);
        handshake[k]!.push(started.handshakeMs);
        firstAnswer[k]!.push(started.firstAnswerMs);
        startCpu[k]!.push(started.firstAnswerCpuMs);
        await stop(started);
      }
    }
    // Both servers run side by side and the 1,000 calls go in blocks of 50, alternating, so that
    // a change of machine load during the run hits both alike.
    const lat = subjects.map(() => ({ total: Number.POSITIVE_INFINITY, calls: [] as number[] }));
    const callCpu = subjects.map(() => [] as number[]);
    const rss = subjects.map(() => [] as number[]);
    for (let r = 0; r < rounds; r++) {
      const started = [];
      for (const s of subjects) started.push(await start(s.file));
      for (const st of started) await latencies(st.client, 200);
      const calls = subjects.map(() => [] as number[]);
      const cpu0 = started.map((st) => cpuMs(st.child.pid));
      for (let b = 0; b < 20; b++) {
        for (const [k, st] of started.entries()) calls[k]!.push(...(await latencies(st.client, 50)));
      }
      for (const [k, st] of started.entries()) {
        callCpu[k]!.push(cpuMs(st.child.pid) - cpu0[k]!);
        rss[k]!.push(peakRssMiB(st.child.pid));
      }
      for (const [k, c] of calls.entries()) if (sum(c) < lat[k]!.total) lat[k] = { total: sum(c), calls: c };
      for (const st of started) await stop(st);
    }
    // One large request each (a 200 MiB planned state), on a fresh server: wall, server CPU and
    // the growth of its peak RSS.
    const BIG = 200 << 20;
    const big = subjects.map(() => ({ wallMs: 0, cpuMs: 0, rssMiB: 0 }));
    for (const [k, s] of subjects.entries()) {
      const started = await start(s.file);
      const rss0 = peakRssMiB(started.child.pid);
      const cpu0 = cpuMs(started.child.pid);
      const t0 = process.hrtime.bigint();
      await bigCall(started.client, BIG);
      big[k] = {
        wallMs: Number(process.hrtime.bigint() - t0) / 1e6,
        cpuMs: cpuMs(started.child.pid) - cpu0,
        rssMiB: peakRssMiB(started.child.pid) - rss0,
      };
      await stop(started);
    }
    const f = (x: number) => x.toFixed(1).padStart(8);
    console.log(
      `gRPC servers, same launcher and bundling (median of ${runs} starts; best of ${rounds} rounds of 1,000 sequential unary calls)`,
    );
    console.log(
      `  ${"server".padEnd(18)} ${"bundle KiB".padStart(10)} ${"handshake".padStart(11)} ${"1st answer".padStart(11)} ${"start CPU".padStart(11)} ${"call med".padStart(11)} ${"call p99".padStart(11)} ${"1,000 calls".padStart(11)} ${"their CPU".padStart(11)} ${"peak RSS".padStart(10)}`,
    );
    for (const [k, s] of subjects.entries()) {
      console.log(
        `  ${s.name.padEnd(18)} ${(s.bytes / 1024).toFixed(0).padStart(10)} ${f(median(handshake[k]!))} ms ${f(median(firstAnswer[k]!))} ms ${f(median(startCpu[k]!))} ms ${f(median(lat[k]!.calls))} ms ${f(pct(lat[k]!.calls, 0.99))} ms ${f(lat[k]!.total)} ms ${f(median(callCpu[k]!))} ms ${f(median(rss[k]!))} MiB`,
      );
    }
    console.log(`  one request of ${BIG >> 20} MiB (ApplyResourceChange), fresh server:`);
    for (const [k, s] of subjects.entries()) {
      console.log(
        `  ${s.name.padEnd(18)} wall ${f(big[k]!.wallMs)} ms   server CPU ${f(big[k]!.cpuMs)} ms   peak RSS growth ${f(big[k]!.rssMiB)} MiB`,
      );
    }
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
    const m = (xs: number[][], k: number) => median(xs[k]!);
    console.log(
      `  own / grpc-js: handshake ${ratio(m(handshake, 0), m(handshake, 1))}, first answer ${ratio(m(firstAnswer, 0), m(firstAnswer, 1))}, start CPU ${ratio(m(startCpu, 0), m(startCpu, 1))}, 1,000 calls ${ratio(lat[0]!.total, lat[1]!.total)} (server CPU ${ratio(m(callCpu, 0), m(callCpu, 1))}), ${BIG >> 20} MiB request: wall ${ratio(big[0]!.wallMs, big[1]!.wallMs)}, CPU ${ratio(big[0]!.cpuMs, big[1]!.cpuMs)}, peak RSS growth ${ratio(big[0]!.rssMiB, big[1]!.rssMiB)}; the own server stays where <= 0.90x`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runGrpcBench();
