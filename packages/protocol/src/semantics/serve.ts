/**
 * `serve(provider)`: the provider executable's whole `main`. Builds every RPC handler from a hub
 * provider and starts the plugin server (handshake, AutoMTLS, health, shutdown, debug mode).
 *
 * @module
 */
import type { ProviderDefinition } from "@pyvider/hub";
import type { PluginServer, PluginServerOptions } from "../server/options.js";
import { startPluginServer } from "../server/start.js";
import type { SemanticsOptions } from "./context.js";
import { createProviderHandlers } from "./handlers.js";

/** Options of {@link serve}: the plugin server's options (without the handlers) and the semantics switches. */
export interface ServeOptions extends Omit<PluginServerOptions, "handlers">, SemanticsOptions {}

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
  const { deferUnknownProviderConfig, ...serverOptions } = options;
  const { handlers } = createProviderHandlers(
    provider,
    deferUnknownProviderConfig === undefined ? {} : { deferUnknownProviderConfig },
  );
  // StopProvider itself is one of the handlers: it stops the provider's operations in flight.
  const { onCrash } = serverOptions;
  const server = await startPluginServer({
    providerAddress: `registry.terraform.io/pyvider/${provider.name}`,
    ...serverOptions,
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
    handlers,
  });
  void server.closed.then(() => provider.dispose()).catch(() => {});
  return server;
}
