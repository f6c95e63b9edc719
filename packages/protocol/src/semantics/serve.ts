/**
 * `serve(provider)`: the provider executable's whole `main`. Builds every RPC handler from a hub
 * provider and starts the plugin server (handshake, AutoMTLS, health, shutdown, debug mode).
 *
 * @module
 */
import type { ProviderDefinition } from "@pyvider/hub";
import { getTelemetry, initTelemetry, shutdownTelemetry, type Telemetry } from "@pyvider/telemetry";
import { pluginLogger } from "../server/logger.js";
import type { PluginServer, PluginServerOptions } from "../server/options.js";
import { startPluginServer } from "../server/start.js";
import type { SemanticsOptions } from "./context.js";
import { createProviderHandlers } from "./handlers.js";
import { withRpcTelemetry } from "./rpc-telemetry.js";

/** How {@link serve} sets up OpenTelemetry. */
export interface ServeTelemetryOptions {
  /** `service.name` unless `OTEL_SERVICE_NAME` sets one; default `terraform-provider-<name>`. */
  readonly serviceName?: string;
  /** `service.version` resource attribute. */
  readonly serviceVersion?: string;
  /**
   * Longest wait for the exporters to flush before the process exits (Shutdown, SIGTERM, the
   * parent gone); default 1000 ms. Terraform kills a provider 2 s after asking it to shut down.
   */
  readonly flushTimeoutMs?: number;
}

/** Options of {@link serve}: the plugin server's options (without the handlers) and the semantics switches. */
export interface ServeOptions extends Omit<PluginServerOptions, "handlers">, SemanticsOptions {
  /**
   * OpenTelemetry from the `OTEL_*` environment (see @pyvider/telemetry): a span per RPC and per
   * handler, request and error counters and a duration histogram. Nothing is loaded unless an
   * exporter is configured. `false` leaves telemetry alone (e.g. when the process set it up).
   */
  telemetry?: ServeTelemetryOptions | false;
}

/** Resolves after `promise` settles or `ms` pass, whichever is first; never rejects. */
function bounded(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

/**
 * Serves a provider over plugin protocol 6, the way Terraform and OpenTofu start it.
 *
 * @example
 * ```ts
 * import { serve } from "@pyvider/protocol";
 * import { provider } from "./provider.js";
 * serve(provider).catch((e) => { console.error(e); process.exit(1); });
 * ```
 * @param provider a provider built with `buildProvider` (or `discoverProvider`) of @pyvider/hub
 * @param options plugin server options (address for debug mode, transport, logger, ...)
 * @returns the running server
 */
export async function serve(provider: ProviderDefinition, options: ServeOptions = {}): Promise<PluginServer> {
  const { deferUnknownProviderConfig, telemetry: telemetryOptions = {}, ...serverOptions } = options;
  const { handlers } = createProviderHandlers(
    provider,
    deferUnknownProviderConfig === undefined ? {} : { deferUnknownProviderConfig },
  );
  // StopProvider itself is one of the handlers: it stops the provider's operations in flight.
  const { onCrash, onStop } = serverOptions;
  // Telemetry starts beside the handshake (the SDK is imported only when OTEL_* asks for export);
  // calls wait for it, so the first RPCs are traced too.
  // Telemetry the process already set up (initTelemetry before serve) is kept as it is.
  const current = getTelemetry();
  const telemetry: Promise<Telemetry> | undefined =
    telemetryOptions === false
      ? undefined
      : current.tracingEnabled || current.metricsEnabled
        ? Promise.resolve(current)
        : initTelemetry({
            serviceName: telemetryOptions.serviceName ?? `terraform-provider-${provider.name}`,
            ...(telemetryOptions.serviceVersion ? { serviceVersion: telemetryOptions.serviceVersion } : {}),
            env: serverOptions.env ?? process.env,
            logger: provider.logger.child("telemetry"),
          });
  const flushTimeoutMs = (telemetryOptions === false ? undefined : telemetryOptions.flushTimeoutMs) ?? 1000;
  const exit = serverOptions.exit ?? ((code: number) => process.exit(code));
  const server = await startPluginServer({
    providerAddress: `registry.terraform.io/pyvider/${provider.name}`,
    ...serverOptions,
    // One logger in the process: the server's own messages go through the provider's (telemetry's).
    logger: serverOptions.logger ?? pluginLogger(provider.logger.child("protocol")),
    // Crash containment logs through the provider's telemetry logger too.
    onCrash: (crash) => {
      provider.logger.error(`${crash.kind} in provider code, contained: the plugin keeps serving`, {
        error:
          crash.error instanceof Error ? `${crash.error.name}: ${crash.error.message}` : typeof crash.error,
        stack: crash.error instanceof Error ? crash.error.stack : undefined,
        rpcs: crash.rpcs.join(","),
      });
      onCrash?.(crash);
    },
    // StopProvider: export what is buffered (Terraform usually shuts the plugin down next).
    onStop: () => {
      if (telemetry) void telemetry.then((t) => bounded(t.forceFlush(), flushTimeoutMs));
      onStop?.();
    },
    // Shutdown, SIGTERM, the parent gone: flush and stop the exporters (bounded), then exit.
    exit: (code) => {
      if (telemetry === undefined) return exit(code);
      void bounded(shutdownTelemetry(), flushTimeoutMs).then(() => exit(code));
    },
    handlers: telemetry === undefined ? handlers : withRpcTelemetry(handlers, telemetry),
  });
  void server.closed
    .then(async () => {
      await provider.dispose();
      // exitOnShutdown: false (embedded servers, tests): what is buffered is exported; the
      // exporters stay up for the rest of the process (another server may be using them).
      if (telemetry && serverOptions.exitOnShutdown === false) {
        await bounded(
          telemetry.then((t) => t.forceFlush()),
          flushTimeoutMs,
        );
      }
    })
    .catch(() => {});
  return server;
}
