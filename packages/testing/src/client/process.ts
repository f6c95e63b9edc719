/**
 * `startProviderProcess`: starts a provider executable exactly as Terraform
 * does (go-plugin client side) and connects to it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import {
  generateCertificate,
  type HandshakeInfo,
  MAGIC_COOKIE_KEY,
  MAGIC_COOKIE_VALUE,
  parseHandshakeLine,
} from "@pyvider/protocol";
import { type ClientTls, connectGrpc } from "./connect.js";
import { createProviderClient } from "./rpc.js";
import type { RawProviderClient } from "./types.js";

/** Options of {@link startProviderProcess}. */
export interface StartProviderOptions {
  /** The executable. */
  command: string;
  /** Its arguments. */
  args?: readonly string[];
  /** Extra environment (merged over `process.env` unless `inheritEnv` is false); `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Start from `process.env`; default true. */
  inheritEnv?: boolean;
  /** Working directory. */
  cwd?: string;
  /** How long to wait for the handshake line; default 20 000 ms. */
  handshakeTimeoutMs?: number;
  /** `PLUGIN_PROTOCOL_VERSIONS`; default `"6"`. */
  protocolVersions?: string;
  /** `PLUGIN_MIN_PORT` / `PLUGIN_MAX_PORT`; default 10000 / 25000. */
  minPort?: number;
  /** See `minPort`. */
  maxPort?: number;
  /** Send `PLUGIN_CLIENT_CERT` and require TLS; default true. With false, connect in plaintext. */
  autoMtls?: boolean;
  /** Called with each stderr line as it arrives. */
  onStderrLine?: (line: string) => void;
}

/** How a process ended. */
export interface ProcessExit {
  /** The exit code, or null when a signal ended it. */
  code: number | null;
  /** The signal that ended it, if any. */
  signal: NodeJS.Signals | null;
}

/** A running provider process and a client connected to it. */
export interface ProviderProcess extends RawProviderClient {
  /** The child's pid. */
  readonly pid: number;
  /** The parsed handshake line. */
  readonly handshake: HandshakeInfo;
  /** Every stderr line so far. */
  readonly stderrLines: string[];
  /** Every stdout line after the handshake so far. */
  readonly stdoutLines: string[];
  /** Resolves when the process exits. */
  readonly exited: Promise<ProcessExit>;
  /** The child process. */
  readonly child: ChildProcess;
  /** GRPCController.Shutdown, then waits for the process to exit. */
  shutdown(): Promise<ProcessExit>;
  /** Sends a signal to the process. */
  kill(signal?: NodeJS.Signals): void;
  /** Closes the client and stops the process if it still runs (SIGTERM, then SIGKILL after 3 s); waits for the exit. */
  dispose(): Promise<ProcessExit>;
}

/** Thrown when the provider does not complete the handshake. */
export class HandshakeError extends Error {
  /** The stderr lines the provider printed. */
  readonly stderr: string;
  /** Creates the error; the message includes the stderr text. */
  constructor(message: string, stderr: string) {
    super(stderr ? `${message}\n--- provider stderr ---\n${stderr}` : message);
    this.name = "HandshakeError";
    this.stderr = stderr;
  }
}

/**
 * Starts a provider like Terraform: sets `TF_PLUGIN_MAGIC_COOKIE`,
 * `PLUGIN_PROTOCOL_VERSIONS`, the port range and `PLUGIN_CLIENT_CERT` (a
 * fresh client certificate), reads the handshake line, checks the server
 * certificate against it and connects with mutual TLS.
 */
export async function startProviderProcess(options: StartProviderOptions): Promise<ProviderProcess> {
  const autoMtls = options.autoMtls ?? true;
  const clientCertificate = autoMtls ? generateCertificate() : undefined;
  const env: Record<string, string> = {};
  const base = options.inheritEnv === false ? {} : process.env;
  const overrides: Record<string, string | undefined> = {
    [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: options.protocolVersions ?? "6",
    PLUGIN_MIN_PORT: String(options.minPort ?? 10_000),
    PLUGIN_MAX_PORT: String(options.maxPort ?? 25_000),
    PLUGIN_CLIENT_CERT: clientCertificate?.certificatePem,
    ...options.env,
  };
  for (const [key, value] of Object.entries({ ...base, ...overrides }))
    if (value !== undefined) env[key] = value;

  const child = spawn(options.command, [...(options.args ?? [])], {
    cwd: options.cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderrLines: string[] = [];
  const stdoutLines: string[] = [];
  let exitInfo: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once("exit", (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
  });
  const stderrClosed = new Promise<void>((resolve) => {
    const lines = createInterface({ input: child.stderr! });
    lines.on("line", (line) => {
      stderrLines.push(line);
      options.onStderrLine?.(line);
    });
    lines.once("close", resolve);
  });

  const handshakeLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let first = true;
    const fail = async (message: string) => {
      clearTimeout(timer);
      if (exitInfo === undefined) child.kill("SIGKILL");
      await Promise.race([stderrClosed, new Promise((r) => setTimeout(r, 1_000))]);
      reject(new HandshakeError(message, stderrLines.join("\n")));
    };
    const timeoutMs = options.handshakeTimeoutMs ?? 20_000;
    const timer = setTimeout(() => void fail(`no plugin handshake line within ${timeoutMs} ms`), timeoutMs);
    lines.on("line", (line) => {
      if (first) {
        first = false;
        clearTimeout(timer);
        resolve(line);
      } else {
        stdoutLines.push(line);
      }
    });
    child.once("error", (error) => void fail(`cannot start ${options.command}: ${error.message}`));
    void exited.then((exit) => {
      if (first) void fail(`provider exited before the handshake (code ${exit.code}, signal ${exit.signal})`);
    });
  });

  let handshake: HandshakeInfo;
  let tls: ClientTls | undefined;
  try {
    handshake = parseHandshakeLine(handshakeLine);
    if (handshake.protocolVersion !== 6)
      throw new Error(`provider negotiated protocol ${handshake.protocolVersion}, not 6`);
    if (handshake.protocol !== "grpc") throw new Error(`provider speaks ${handshake.protocol}, not grpc`);
    if (clientCertificate) {
      if (!handshake.certificateDer)
        throw new Error("PLUGIN_CLIENT_CERT was sent but the provider offered no TLS certificate");
      tls = {
        serverCertificateDer: handshake.certificateDer,
        clientCertificatePem: clientCertificate.certificatePem,
        clientPrivateKeyPem: clientCertificate.privateKeyPem,
      };
    }
  } catch (error) {
    child.kill("SIGKILL");
    throw new HandshakeError(error instanceof Error ? error.message : String(error), stderrLines.join("\n"));
  }

  const client = createProviderClient(connectGrpc(handshake, tls));
  const pid = child.pid ?? -1;
  return {
    ...client,
    pid,
    handshake,
    stderrLines,
    stdoutLines,
    exited,
    child,
    async shutdown() {
      await client.shutdownPlugin();
      const exit = await exited;
      client.close();
      return exit;
    },
    kill(signal: NodeJS.Signals = "SIGTERM") {
      if (exitInfo === undefined) child.kill(signal);
    },
    async dispose() {
      client.close();
      if (exitInfo === undefined) {
        // Let it clean up (socket directory) first; insist after a grace period.
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
        await exited;
        clearTimeout(timer);
      }
      return exited;
    },
  };
}
