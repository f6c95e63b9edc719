/**
 * Measures the peak memory of a provider process serving large requests: starts
 * `blob-provider.ts` as Terraform would (handshake, AutoMTLS), sends ApplyResourceChange or
 * PlanResourceChange requests carrying a big string, and reads the process's VmHWM (peak
 * resident set) from /proc.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { credentials, Metadata, type ServiceError } from "@grpc/grpc-js";
import { ProviderClient } from "../gen/clients.js";
import { ApplyResourceChange_Request, PlanResourceChange_Request } from "../gen/tfplugin6.js";
import { MAGIC_COOKIE_VALUE, MAX_MESSAGE_BYTES } from "../handshake/constants.js";
import { parseHandshakeLine } from "../handshake/line.js";
import { derToPem, generateCertificate } from "../tls/certificate.js";

const here = dirname(fileURLToPath(import.meta.url));

/** What one probe saw. */
export interface MemoryProbe {
  /** Size of one request message in bytes. */
  readonly messageBytes: number;
  /** VmRSS of the provider before the requests (KiB). */
  readonly baselineKiB: number;
  /** VmHWM of the provider after the requests (KiB). */
  readonly peakKiB: number;
  /** Per request: "ok", or the gRPC status code and message. */
  readonly results: readonly string[];
  /** How the provider ended, when it ended during the probe ("signal SIGABRT", "exit 134"); else undefined. */
  readonly died: string | undefined;
  /** The provider's last stderr lines. */
  readonly stderr: readonly string[];
  /**
   * With {@link ProbeOptions.retained}: bytes of V8 heap and ArrayBuffers still in use after the
   * requests and a full garbage collection, less the same before the requests.
   */
  readonly retainedBytes?: number;
}

/** Options of {@link probeMemory}. */
export interface ProbeOptions {
  /** The size of the string attribute (the request carries it twice: config and planned/proposed state). */
  readonly stringBytes: number;
  /** Which RPC. */
  readonly rpc: "apply" | "plan";
  /** How many requests at once (default 1). */
  readonly concurrent?: number;
  /** Node options of the provider process, e.g. `--max-old-space-size=2048`. */
  readonly nodeArgs?: readonly string[];
  /** Also measure what the process still holds after the requests (see {@link MemoryProbe.retainedBytes}). */
  readonly retained?: boolean;
}

function status(pid: number, field: "VmHWM" | "VmRSS"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]);
}

/** msgpack of a `{content, id}` object: the string as str32, id null / unknown / given. */
function blobObject(content: Buffer, id: "null" | "unknown"): Buffer {
  const head = Buffer.from([0x82, 0xa7, ...Buffer.from("content"), 0xdb, 0, 0, 0, 0]);
  head.writeUInt32BE(content.length, head.length - 4);
  const tail = Buffer.from([0xa2, ...Buffer.from("id"), ...(id === "null" ? [0xc0] : [0xd4, 0, 0])]);
  return Buffer.concat([head, content, tail]);
}

function call<T>(client: InstanceType<typeof ProviderClient>, method: string, request: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    (client as unknown as Record<string, Function>)[method]!.call(
      client,
      request,
      new Metadata(),
      { deadline: Date.now() + 300_000 },
      (error: ServiceError | null, response: T) => (error ? reject(error) : resolve(response)),
    );
  });
}

/** Runs one probe in a fresh provider process. */
export async function probeMemory(options: ProbeOptions): Promise<MemoryProbe> {
  const clientCert = generateCertificate();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      ...(options.retained ? ["--expose-gc"] : []),
      "--import",
      "tsx",
      join(here, "blob-provider.ts"),
    ],
    {
      cwd: here,
      env: {
        ...process.env,
        TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
        PLUGIN_PROTOCOL_VERSIONS: "6",
        PLUGIN_CLIENT_CERT: clientCert.certificatePem,
        NODE_OPTIONS: "",
        BLOB_MEMORY_RETAINED: options.retained ? "1" : "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const stderr: string[] = [];
  let inUse: ((bytes: number) => void) | undefined;
  createInterface({ input: child.stderr! }).on("line", (l) => {
    const m = /^in use after gc: (\d+)$/.exec(l);
    if (m && inUse) inUse(Number(m[1]));
    stderr.push(l);
    if (stderr.length > 400) stderr.shift();
  });
  /** Bytes the provider holds after a full garbage collection (it answers SIGUSR2 on stderr). */
  const held = () =>
    new Promise<number>((resolve) => {
      inUse = resolve;
      child.kill("SIGUSR2");
    });
  let died: string | undefined;
  const exited = new Promise<void>((resolve) =>
    child.on("exit", (code, signal) => {
      died = signal ? `signal ${signal}` : `exit ${code}`;
      resolve();
    }),
  );
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once("line", resolve);
    child.once("exit", () =>
      reject(new Error(`provider exited before its handshake:\n${stderr.join("\n")}`)),
    );
  });
  const handshake = parseHandshakeLine(line);
  const client = new ProviderClient(
    `unix://${handshake.address}`,
    credentials.createSsl(
      Buffer.from(derToPem(handshake.certificateDer!, "CERTIFICATE")),
      Buffer.from(clientCert.privateKeyPem),
      Buffer.from(clientCert.certificatePem),
    ),
    {
      "grpc.ssl_target_name_override": "localhost",
      "grpc.default_authority": "localhost",
      "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
      "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
    },
  );
  const pid = child.pid!;
  try {
    await call(client, "getProviderSchema", {});
    await call(client, "configureProvider", {
      terraformVersion: "1.14.0",
      config: { msgpack: Buffer.from([0x80]), json: Buffer.alloc(0) },
    });
    const content = Buffer.alloc(options.stringBytes, "x");
    const config = blobObject(content, "null");
    const planned = blobObject(content, "unknown");
    const dv = (msgpack: Buffer) => ({ msgpack, json: Buffer.alloc(0) });
    const request =
      options.rpc === "apply"
        ? ApplyResourceChange_Request.fromPartial({
            typeName: "blob_item",
            priorState: dv(Buffer.from([0xc0])),
            plannedState: dv(planned),
            config: dv(config),
            plannedPrivate: Buffer.alloc(0),
          })
        : PlanResourceChange_Request.fromPartial({
            typeName: "blob_item",
            priorState: dv(Buffer.from([0xc0])),
            proposedNewState: dv(planned),
            config: dv(config),
            priorPrivate: Buffer.alloc(0),
          });
    const messageBytes = config.length + planned.length + 20;
    const heldBefore = options.retained ? await held() : 0;
    const baselineKiB = status(pid, "VmRSS");
    const method = options.rpc === "apply" ? "applyResourceChange" : "planResourceChange";
    const results = await Promise.all(
      Array.from({ length: options.concurrent ?? 1 }, () =>
        call<{ diagnostics: Array<{ summary: string }> }>(client, method, request).then(
          (r) => (r.diagnostics.length === 0 ? "ok" : `diagnostics: ${r.diagnostics[0]!.summary}`),
          (e: ServiceError) => `status ${e.code}: ${e.details}`,
        ),
      ),
    );
    const peakKiB = died === undefined ? status(pid, "VmHWM") : Number.NaN;
    const retainedBytes = options.retained && died === undefined ? (await held()) - heldBefore : undefined;
    return { messageBytes, baselineKiB, peakKiB, results, died, stderr, retainedBytes };
  } finally {
    client.close();
    if (died === undefined) child.kill("SIGKILL");
    await exited;
  }
}
