/**
 * @pyvider/telemetry: Logger writing hclog-compatible JSON to stderr, with emoji prefixes and TF_LOG levels; OpenTelemetry tracing and metrics, loaded only when enabled.
 * @packageDocumentation
 */

/** The package version. */
export const VERSION = "0.0.0";
