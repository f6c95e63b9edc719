/**
 * The process-wide telemetry: `getTelemetry`, `initTelemetry`,
 * `shutdownTelemetry`. Without export configured, everything is a no-op and
 * no OpenTelemetry module is ever loaded; otherwise the SDK is loaded with a
 * dynamic `import()`.
 *
 * @module
 */

import { createLogger, type Logger } from "../logger.js";
import { isExportEnabled, resolveOtelConfig } from "./config.js";
import { NOOP_TELEMETRY } from "./noop.js";
import type { TelemetryOptions } from "./options.js";
import type { Telemetry } from "./types.js";

let current: Telemetry = NOOP_TELEMETRY;
let pending: Promise<Telemetry> | undefined;

/** The current telemetry: the no-op one until {@link initTelemetry} enables export. */
export function getTelemetry(): Telemetry {
  return current;
}

async function start(options: TelemetryOptions): Promise<Telemetry> {
  const logger: Logger = options.logger ?? createLogger({ name: "pyvider", module: "telemetry" });
  const config = resolveOtelConfig(options.env ?? process.env, options.serviceName);
  for (const warning of config.warnings) logger.warn(warning, { domain: "telemetry", status: "warning" });
  const previous = current;
  current = NOOP_TELEMETRY;
  await previous.shutdown();
  if (!isExportEnabled(config) && options.spanExporter === undefined && options.metricReader === undefined) {
    return NOOP_TELEMETRY;
  }
  try {
    const { createSdkTelemetry } = await import("./sdk.js");
    current = await createSdkTelemetry(config, options, logger);
  } catch (error) {
    logger.error("OpenTelemetry could not start; telemetry is off", {
      domain: "telemetry",
      status: "failure",
      error,
    });
    current = NOOP_TELEMETRY;
  }
  return current;
}

/**
 * Configure telemetry from the `OTEL_*` environment (see the README) and make
 * it current. Replaces (and shuts down) any previous telemetry. Never
 * rejects: on failure it logs and returns the no-op telemetry.
 *
 * @example
 * ```ts
 * const telemetry = await initTelemetry({ serviceName: "terraform-provider-kv", logger });
 * await telemetry.withSpan("ReadResource", { rpc: "ReadResource", type_name: "kv_item" }, async (span) => { ... }, metadata);
 * ```
 */
export function initTelemetry(options: TelemetryOptions = {}): Promise<Telemetry> {
  const run = (pending ?? Promise.resolve(current)).then(
    () => start(options),
    () => start(options),
  );
  pending = run;
  return run.finally(() => {
    if (pending === run) pending = undefined;
  });
}

/** Flush and stop the current telemetry; {@link getTelemetry} is the no-op one afterwards. */
export async function shutdownTelemetry(): Promise<void> {
  if (pending) await pending.catch(() => undefined);
  const previous = current;
  current = NOOP_TELEMETRY;
  await previous.shutdown();
}
