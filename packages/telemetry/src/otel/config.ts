/**
 * Reading the standard `OTEL_*` environment variables. Pure: no OpenTelemetry
 * import, so it runs on the disabled path too.
 *
 * @module
 */

import type { Env } from "../level.js";

/** Where a signal is exported. `console` writes through the logger (stderr), never stdout. */
export type ExporterKind = "otlp" | "console";

/** OTLP transport. `grpc` is not supported (use an HTTP endpoint, usually port 4318). */
export type OtlpProtocol = "http/protobuf" | "http/json";

/** One signal's export settings. */
export interface SignalConfig {
  /** Exporters, in order; empty when the signal is not exported. */
  readonly exporters: readonly ExporterKind[];
  /** Transport of the `otlp` exporter. */
  readonly protocol: OtlpProtocol;
}

/** The telemetry configuration derived from the environment. */
export interface OtelConfig {
  /** Trace export. */
  readonly traces: SignalConfig;
  /** Metric export. */
  readonly metrics: SignalConfig;
  /** `service.name` of the resource. */
  readonly serviceName: string;
  /** Other resource attributes (`OTEL_RESOURCE_ATTRIBUTES`). */
  readonly resourceAttributes: Readonly<Record<string, string>>;
  /** Metric export interval in ms (`OTEL_METRIC_EXPORT_INTERVAL`, default 60000). */
  readonly metricExportIntervalMs: number;
  /** Metric export timeout in ms (`OTEL_METRIC_EXPORT_TIMEOUT`, default 30000). */
  readonly metricExportTimeoutMs: number;
  /** Problems found in the variables (each ignored), to be logged. */
  readonly warnings: readonly string[];
}

/** Whether anything is exported at all: when false, the SDK is never loaded. */
export function isExportEnabled(config: OtelConfig): boolean {
  return config.traces.exporters.length > 0 || config.metrics.exporters.length > 0;
}

const set = (value: string | undefined): value is string => value !== undefined && value.trim() !== "";

function positiveInt(env: Env, name: string, fallback: number, warnings: string[]): number {
  const raw = env[name];
  if (!set(raw)) return fallback;
  const n = Number(raw.trim());
  if (Number.isInteger(n) && n > 0) return n;
  warnings.push(`${name}=${JSON.stringify(raw)} is not a positive integer; using ${fallback}`);
  return fallback;
}

function signal(env: Env, kind: "TRACES" | "METRICS", disabled: boolean, warnings: string[]): SignalConfig {
  const protocolVar = env[`OTEL_EXPORTER_OTLP_${kind}_PROTOCOL`] ?? env.OTEL_EXPORTER_OTLP_PROTOCOL;
  let protocol: OtlpProtocol = "http/protobuf";
  let otlpUsable = true;
  if (set(protocolVar)) {
    const p = protocolVar.trim().toLowerCase();
    if (p === "http/protobuf" || p === "http/json") protocol = p;
    else {
      otlpUsable = false;
      warnings.push(
        `OTLP protocol ${JSON.stringify(protocolVar)} is not supported for ${kind.toLowerCase()} (use http/protobuf or http/json); OTLP export is off`,
      );
    }
  }
  if (disabled) return { exporters: [], protocol };
  const listVar = `OTEL_${kind}_EXPORTER`;
  const raw = env[listVar];
  let names: string[];
  if (set(raw)) {
    names = raw
      .split(",")
      .map((n) => n.trim().toLowerCase())
      .filter((n) => n !== "");
  } else {
    // Opt-in: without an exporter named, export only when an endpoint is.
    const endpoint = set(env.OTEL_EXPORTER_OTLP_ENDPOINT) || set(env[`OTEL_EXPORTER_OTLP_${kind}_ENDPOINT`]);
    names = endpoint ? ["otlp"] : [];
  }
  const exporters: ExporterKind[] = [];
  for (const name of names) {
    if (name === "none") return { exporters: [], protocol };
    if (name === "otlp") {
      if (otlpUsable && !exporters.includes("otlp")) exporters.push("otlp");
    } else if (name === "console" || name === "logging") {
      if (!exporters.includes("console")) exporters.push("console");
    } else {
      warnings.push(
        `${listVar}: unknown exporter ${JSON.stringify(name)} ignored (use otlp, console or none)`,
      );
    }
  }
  return { exporters, protocol };
}

/**
 * Parse `OTEL_RESOURCE_ATTRIBUTES` (`key1=value1,key2=value2`, values
 * percent-encoded). Malformed entries are skipped with a warning.
 */
export function parseResourceAttributes(
  raw: string | undefined,
  warnings: string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!set(raw)) return out;
  for (const entry of raw.split(",")) {
    if (entry.trim() === "") continue;
    const eq = entry.indexOf("=");
    const key = eq < 0 ? "" : entry.slice(0, eq).trim();
    if (key === "") {
      warnings.push(`OTEL_RESOURCE_ATTRIBUTES: malformed entry ${JSON.stringify(entry)} skipped`);
      continue;
    }
    let value = entry.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      warnings.push(
        `OTEL_RESOURCE_ATTRIBUTES: bad percent-encoding in ${JSON.stringify(key)}; kept as written`,
      );
    }
    out[key] = value;
  }
  return out;
}

/**
 * Derive the configuration from `OTEL_*` variables.
 *
 * Export is **opt-in**: a signal is exported only when `OTEL_TRACES_EXPORTER`
 * / `OTEL_METRICS_EXPORTER` names an exporter (`otlp`, `console`), or when
 * an OTLP endpoint variable is set (`OTEL_EXPORTER_OTLP_ENDPOINT`,
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT`).
 * `OTEL_SDK_DISABLED=true` turns everything off.
 *
 * @param defaultServiceName used when neither `OTEL_SERVICE_NAME` nor a
 *   `service.name` resource attribute is set.
 */
export function resolveOtelConfig(env: Env, defaultServiceName = "pyvider-provider"): OtelConfig {
  const warnings: string[] = [];
  const disabled = env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true";
  const resourceAttributes = parseResourceAttributes(env.OTEL_RESOURCE_ATTRIBUTES, warnings);
  const serviceName = set(env.OTEL_SERVICE_NAME)
    ? env.OTEL_SERVICE_NAME.trim()
    : (resourceAttributes["service.name"] ?? defaultServiceName);
  return {
    traces: signal(env, "TRACES", disabled, warnings),
    metrics: signal(env, "METRICS", disabled, warnings),
    serviceName,
    resourceAttributes,
    metricExportIntervalMs: positiveInt(env, "OTEL_METRIC_EXPORT_INTERVAL", 60_000, warnings),
    metricExportTimeoutMs: positiveInt(env, "OTEL_METRIC_EXPORT_TIMEOUT", 30_000, warnings),
    warnings,
  };
}
