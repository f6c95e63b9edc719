/** Options of {@link startPluginServer} and the server handle it returns. */
import type { PluginAddress } from "../handshake/line.js";
import type { ReattachConfig } from "../handshake/reattach.js";
import type { ProviderServiceHandlers } from "./handlers.js";
import type { PluginLogger } from "./logger.js";

/** Something text can be written to (process.stdout, a test buffer, ...). */
export interface TextSink {
  write(text: string): unknown;
}

/** Options of `startPluginServer`. */
export interface PluginServerOptions {
  /** The tfplugin6 handlers; a missing one answers UNIMPLEMENTED. */
  handlers: Partial<ProviderServiceHandlers>;
  /**
   * The provider's registry address, e.g. `registry.opentofu.org/pyvider/kv`,
   * used as the key of the debug-mode reattach line.
   */
  providerAddress?: string;
  /**
   * Logging hook; default: @pyvider/telemetry's logger (hclog JSON lines on stderr, module
   * `pyvider.protocol`, level from `TF_LOG_PROVIDER`/`TF_LOG`). `serve()` uses the provider's logger.
   */
  logger?: PluginLogger;
  /** Environment to read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Command-line arguments (for `--debug`); default `process.argv.slice(2)`. */
  argv?: readonly string[];
  /** Exits the process; default `process.exit`. Injected by tests. */
  exit?: (code: number) => void;
  /** Where the handshake / reattach line goes; default `process.stdout`. */
  stdout?: TextSink;
  /** Where human refusal messages go; default `process.stderr`. */
  stderr?: TextSink;
  /** Debug mode: plaintext, no magic cookie, prints `TF_REATTACH_PROVIDERS`. Default: `--debug` or `PYVIDER_DEBUG=1`. */
  debug?: boolean;
  /** `unix` (default, except on Windows) or `tcp`; default from `PYVIDER_PLUGIN_TRANSPORT`. */
  transport?: "unix" | "tcp";
  /** Serve plaintext when Terraform sent no `PLUGIN_CLIENT_CERT` (not recommended). Default false. */
  allowInsecure?: boolean;
  /** Called once when Terraform calls StopProvider. */
  onStop?: () => void;
  /** Exit when the parent process goes away; default true. */
  watchParent?: boolean;
  /**
   * Install SIGINT/SIGTERM handlers and crash containment (`uncaughtException` and
   * `unhandledRejection` handlers that log the error and answer the calls in flight it came
   * from with an error diagnostic, so the plugin keeps serving); default true.
   */
  handleProcessEvents?: boolean;
  /** Called after an uncaught exception or unhandled rejection was contained (e.g. to log it elsewhere). */
  onCrash?: (crash: PluginCrash) => void;
  /** Redirect later `process.stdout` writes to GRPCStdio / stderr; default true when stdout is `process.stdout`. */
  captureStdout?: boolean;
  /** Call `exit(0)` after shutdown; default true. */
  exitOnShutdown?: boolean;
  /** Longest wait for in-flight calls during a graceful shutdown; default 10 000 ms. */
  shutdownTimeoutMs?: number;
}

/** An exception that escaped provider code and was contained. */
export interface PluginCrash {
  /** `uncaught exception` or `unhandled promise rejection`. */
  readonly kind: string;
  /** What was thrown. */
  readonly error: unknown;
  /** The RPCs in flight that were answered with an error because of it, e.g. `ApplyResourceChange`. */
  readonly rpcs: readonly string[];
}

/** A running plugin server. */
export interface PluginServer {
  /** Where it listens. */
  readonly address: PluginAddress;
  /** The negotiated protocol version (6). */
  readonly protocolVersion: number;
  /** The server certificate (DER), or undefined when serving plaintext. */
  readonly certificateDer: Buffer | undefined;
  /** The handshake line printed (without newline); undefined in debug mode. */
  readonly handshakeLine: string | undefined;
  /** The reattach entry in debug mode. */
  readonly reattach: ReattachConfig | undefined;
  /** Whether debug mode is on. */
  readonly debug: boolean;
  /** Aborted when StopProvider arrives or the server shuts down. */
  readonly stopSignal: AbortSignal;
  /** Shuts down gracefully (waits for in-flight calls), cleans up, then exits unless `exitOnShutdown` is false. */
  shutdown(reason?: string): Promise<void>;
  /** Resolves once the server has shut down. */
  readonly closed: Promise<void>;
}

/** Thrown (after `exit(1)`) when the server refuses to start. */
export class PluginStartError extends Error {
  /** Creates the error with the human message printed on stderr. */
  constructor(message: string) {
    super(message);
    this.name = "PluginStartError";
  }
}
