import { describe, expect, it } from "vitest";
import { isExportEnabled, parseResourceAttributes, resolveOtelConfig } from "./config.js";

describe("resolveOtelConfig", () => {
  it("exports nothing by default", () => {
    const config = resolveOtelConfig({});
    expect(config.traces.exporters).toEqual([]);
    expect(config.metrics.exporters).toEqual([]);
    expect(isExportEnabled(config)).toBe(false);
    expect(config.serviceName).toBe("pyvider-provider");
    expect(config.metricExportIntervalMs).toBe(60_000);
  });
  it("enables OTLP when an endpoint is named", () => {
    const config = resolveOtelConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" });
    expect(config.traces).toEqual({ exporters: ["otlp"], protocol: "http/protobuf" });
    expect(config.metrics.exporters).toEqual(["otlp"]);
    const tracesOnly = resolveOtelConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://c:4318/v1/traces" });
    expect(tracesOnly.traces.exporters).toEqual(["otlp"]);
    expect(tracesOnly.metrics.exporters).toEqual([]);
  });
  it("honours exporter lists, none, and unknown names", () => {
    const config = resolveOtelConfig({
      OTEL_TRACES_EXPORTER: "OTLP, console, zipkin",
      OTEL_METRICS_EXPORTER: "none",
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318",
    });
    expect(config.traces.exporters).toEqual(["otlp", "console"]);
    expect(config.metrics.exporters).toEqual([]);
    expect(config.warnings.join("\n")).toContain('unknown exporter "zipkin"');
  });
  it("turns everything off with OTEL_SDK_DISABLED", () => {
    const config = resolveOtelConfig({
      OTEL_SDK_DISABLED: "TRUE",
      OTEL_TRACES_EXPORTER: "otlp",
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318",
    });
    expect(isExportEnabled(config)).toBe(false);
  });
  it("chooses the OTLP protocol and refuses grpc", () => {
    expect(
      resolveOtelConfig({ OTEL_TRACES_EXPORTER: "otlp", OTEL_EXPORTER_OTLP_PROTOCOL: "http/json" }).traces,
    ).toEqual({
      exporters: ["otlp"],
      protocol: "http/json",
    });
    const grpc = resolveOtelConfig({
      OTEL_TRACES_EXPORTER: "otlp,console",
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "grpc",
    });
    expect(grpc.traces.exporters).toEqual(["console"]);
    expect(grpc.warnings.join("\n")).toContain("grpc");
  });
  it("reads service name and resource attributes", () => {
    expect(resolveOtelConfig({}, "terraform-provider-kv").serviceName).toBe("terraform-provider-kv");
    expect(resolveOtelConfig({ OTEL_RESOURCE_ATTRIBUTES: "service.name=from-attrs" }, "x").serviceName).toBe(
      "from-attrs",
    );
    const config = resolveOtelConfig({
      OTEL_SERVICE_NAME: "svc",
      OTEL_RESOURCE_ATTRIBUTES: "service.name=no,team=a%20b",
    });
    expect(config.serviceName).toBe("svc");
    expect(config.resourceAttributes).toEqual({ "service.name": "no", team: "a b" });
  });
  it("validates intervals", () => {
    const config = resolveOtelConfig({
      OTEL_METRIC_EXPORT_INTERVAL: "5000",
      OTEL_METRIC_EXPORT_TIMEOUT: "-1",
    });
    expect(config.metricExportIntervalMs).toBe(5000);
    expect(config.metricExportTimeoutMs).toBe(30_000);
    expect(config.warnings).toHaveLength(1);
  });
});

describe("parseResourceAttributes", () => {
  it("skips malformed entries with a warning", () => {
    const warnings: string[] = [];
    expect(parseResourceAttributes("a=1,,noequals,=x,b=%E0%A4%A", warnings)).toEqual({
      a: "1",
      b: "%E0%A4%A",
    });
    expect(warnings).toHaveLength(3);
  });
});
