import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { type CollectionResult, type HistogramMetricData, MetricReader } from "@opentelemetry/sdk-metrics";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../logger.js";
import { sensitive } from "../redact.js";
import { NOOP_TELEMETRY } from "./noop.js";
import { getTelemetry, initTelemetry, shutdownTelemetry } from "./telemetry.js";
import { METRIC_NAMES } from "./types.js";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT = "00f067aa0ba902b7";
const CARRIER = { traceparent: `00-${TRACE}-${PARENT}-01`, tracestate: "vendor=abc" };

class TestReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

function sink() {
  const chunks: string[] = [];
  return {
    chunks,
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
    lines: () => chunks.map((c) => JSON.parse(c) as Record<string, unknown>),
  };
}

const quietLogger = () => createLogger({ name: "test", env: {}, level: "off" });

async function inMemory() {
  const exporter = new InMemorySpanExporter();
  const reader = new TestReader();
  const telemetry = await initTelemetry({
    env: {},
    spanExporter: exporter,
    metricReader: reader,
    registerGlobal: false,
    logger: quietLogger(),
  });
  return { telemetry, exporter, reader };
}

function findMetric(result: CollectionResult, name: string) {
  for (const scope of result.resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) if (metric.descriptor.name === name) return metric;
  }
  return undefined;
}

afterEach(async () => {
  await shutdownTelemetry();
});

describe("disabled telemetry", () => {
  it("is the no-op implementation and still runs work and parses contexts", async () => {
    const telemetry = await initTelemetry({ env: {}, logger: quietLogger() });
    expect(telemetry).toBe(NOOP_TELEMETRY);
    expect(getTelemetry()).toBe(NOOP_TELEMETRY);
    expect(telemetry.tracingEnabled).toBe(false);
    await expect(
      telemetry.withSpan("x", { rpc: "X" }, async (span) => (span.isRecording ? 0 : 7)),
    ).resolves.toBe(7);
    await expect(
      telemetry.withSpan("x", undefined, () => {
        throw new Error("sync failure");
      }),
    ).rejects.toThrow("sync failure");
    expect(telemetry.extractContext(CARRIER)?.spanId).toBe(PARENT);
    const span = telemetry.startSpan("y", { attributes: { a: 1 } });
    expect(() => span.setAttribute("b", 2).recordError(new Error("e")).end("error")).not.toThrow();
    expect(() => telemetry.recordRequest({ rpc: "X", outcome: "success", durationMs: 1 })).not.toThrow();
  });

  it("logs configuration warnings", async () => {
    const out = sink();
    const logger = createLogger({ name: "kv", env: {}, stream: out });
    await initTelemetry({ env: { OTEL_TRACES_EXPORTER: "jaeger" }, logger });
    expect(out.lines()[0]).toMatchObject({ "@level": "warn", "@module": "provider.kv" });
    expect(String(out.lines()[0]?.["@message"])).toContain('unknown exporter "jaeger"');
  });
});

describe("spans", () => {
  it("makes a span whose parent comes from an incoming traceparent", async () => {
    const { telemetry, exporter } = await inMemory();
    expect(telemetry.tracingEnabled).toBe(true);
    const result = await telemetry.withSpan(
      "ReadResource",
      { rpc: "ReadResource", type_name: "kv_item" },
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        return "done";
      },
      CARRIER,
    );
    expect(result).toBe("done");
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe("ReadResource");
    expect(span?.spanContext().traceId).toBe(TRACE);
    expect(span?.parentSpanContext?.spanId).toBe(PARENT);
    expect(span?.parentSpanContext?.isRemote).toBe(true);
    expect(span?.spanContext().traceState?.get("vendor")).toBe("abc");
    expect(span?.attributes).toEqual({ rpc: "ReadResource", type_name: "kv_item", outcome: "success" });
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    expect(span?.resource.attributes["service.name"]).toBe("pyvider-provider");
  });

  it("nests spans started inside withSpan under it, across awaits", async () => {
    const { telemetry, exporter } = await inMemory();
    let inner: string | undefined;
    await telemetry.withSpan("outer", { rpc: "ApplyResourceChange" }, async (outer) => {
      await Promise.resolve();
      const span = telemetry.startSpan("inner", { kind: "client" });
      expect(telemetry.activeContext()?.spanId).toBe(outer.context?.spanId);
      const headers: Record<string, string> = {};
      telemetry.injectContext(headers);
      expect(headers.traceparent).toBe(`00-${outer.context?.traceId}-${outer.context?.spanId}-01`);
      inner = span.context?.spanId;
      span.end();
    });
    const spans = exporter.getFinishedSpans();
    const outer = spans.find((s) => s.name === "outer");
    const child = spans.find((s) => s.name === "inner");
    expect(child?.spanContext().spanId).toBe(inner);
    expect(child?.parentSpanContext?.spanId).toBe(outer?.spanContext().spanId);
    expect(child?.spanContext().traceId).toBe(outer?.spanContext().traceId);
    expect(child?.kind).toBe(SpanKind.CLIENT);
    expect(outer?.parentSpanContext).toBeUndefined();
    expect(telemetry.activeContext()).toBeUndefined();
  });

  it("records a thrown error and rethrows it", async () => {
    const { telemetry, exporter } = await inMemory();
    const failure = new TypeError("bad plan");
    await expect(
      telemetry.withSpan("PlanResourceChange", { rpc: "PlanResourceChange" }, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes.outcome).toBe("error");
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: "bad plan" });
    expect(span?.events[0]?.name).toBe("exception");
    expect(span?.events[0]?.attributes?.["exception.type"]).toBe("TypeError");
  });

  it("lets the callback choose the outcome, and ends a span only once", async () => {
    const { telemetry, exporter } = await inMemory();
    await telemetry.withSpan("StopProvider", {}, async (span) => {
      span.end("cancelled");
      span.setAttribute("late", true).end("error");
    });
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.attributes).toEqual({ outcome: "cancelled" });
  });

  it("takes explicit parents: a trace context, or null for a new trace", async () => {
    const { telemetry, exporter } = await inMemory();
    const parent = telemetry.extractContext(CARRIER);
    telemetry.startSpan("child-of-remote", { parent }).end();
    await telemetry.withSpan("outer", {}, async () => {
      telemetry.startSpan("root", { parent: null }).end();
    });
    const byName = new Map(exporter.getFinishedSpans().map((s) => [s.name, s]));
    expect(byName.get("child-of-remote")?.parentSpanContext?.spanId).toBe(PARENT);
    expect(byName.get("root")?.parentSpanContext).toBeUndefined();
    expect(byName.get("root")?.spanContext().traceId).not.toBe(byName.get("outer")?.spanContext().traceId);
  });

  it("never exports sensitive attribute values, and never throws on odd ones", async () => {
    const { telemetry, exporter } = await inMemory();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const span = telemetry.startSpan("s", {
      attributes: { token: sensitive("hunter2"), list: ["a", sensitive("b")] },
    });
    expect(() =>
      span.setAttribute("obj", cyclic).setAttribute("big", 10n).setAttribute("none", undefined),
    ).not.toThrow();
    span.recordError("plain string failure");
    span.end("error");
    const [exported] = exporter.getFinishedSpans();
    expect(JSON.stringify(exported?.attributes)).not.toContain("hunter2");
    expect(exported?.attributes).toMatchObject({
      token: "<sensitive>",
      list: ["a", "<sensitive>"],
      obj: '{"self":"[Circular]"}',
      big: "10",
      outcome: "error",
    });
    expect(exported?.attributes).not.toHaveProperty("none");
    expect(exported?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it("registers globals on request so @opentelemetry/api users join the trace, and undoes it", async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = await initTelemetry({ env: {}, spanExporter: exporter, logger: quietLogger() });
    await telemetry.withSpan("outer", {}, async (span) => {
      expect(trace.getActiveSpan()?.spanContext().spanId).toBe(span.context?.spanId);
      trace.getTracer("user-code").startSpan("user").end();
    });
    const user = exporter.getFinishedSpans().find((s) => s.name === "user");
    const outer = exporter.getFinishedSpans().find((s) => s.name === "outer");
    expect(user?.parentSpanContext?.spanId).toBe(outer?.spanContext().spanId);
    await shutdownTelemetry();
    expect(getTelemetry()).toBe(NOOP_TELEMETRY);
    expect(telemetry.tracingEnabled).toBe(false);
    expect(trace.getTracer("after").startSpan("x").isRecording()).toBe(false);
  });
});

describe("metrics", () => {
  it("counts requests and errors and records durations with rpc, type_name and outcome", async () => {
    const { telemetry, reader } = await inMemory();
    expect(telemetry.metricsEnabled).toBe(true);
    telemetry.recordRequest({ rpc: "ReadResource", typeName: "kv_item", outcome: "success", durationMs: 3 });
    telemetry.recordRequest({ rpc: "ReadResource", typeName: "kv_item", outcome: "success", durationMs: 7 });
    telemetry.recordRequest({
      rpc: "ApplyResourceChange",
      typeName: "kv_item",
      outcome: "error",
      durationMs: 40,
    });
    telemetry.recordRequest({ rpc: "GetProviderSchema", outcome: "success", durationMs: Number.NaN });
    const collected = await reader.collect();
    expect(collected.errors).toEqual([]);

    const requests = findMetric(collected, METRIC_NAMES.requests);
    const points = requests?.dataPoints.map((p) => ({ ...p.attributes, value: p.value }));
    expect(points).toEqual(
      expect.arrayContaining([
        { rpc: "ReadResource", type_name: "kv_item", outcome: "success", value: 2 },
        { rpc: "ApplyResourceChange", type_name: "kv_item", outcome: "error", value: 1 },
        { rpc: "GetProviderSchema", outcome: "success", value: 1 },
      ]),
    );
    expect(points).toHaveLength(3);

    const errors = findMetric(collected, METRIC_NAMES.errors);
    expect(errors?.dataPoints.map((p) => [p.attributes.rpc, p.value])).toEqual([["ApplyResourceChange", 1]]);

    const duration = findMetric(collected, METRIC_NAMES.duration) as HistogramMetricData | undefined;
    expect(duration?.descriptor.unit).toBe("ms");
    const read = duration?.dataPoints.find((p) => p.attributes.rpc === "ReadResource");
    expect(read?.value.count).toBe(2);
    expect(read?.value.sum).toBe(10);
    expect(duration?.dataPoints.find((p) => p.attributes.rpc === "GetProviderSchema")).toBeUndefined();
  });

  it("ignores garbage without throwing", async () => {
    const { telemetry } = await inMemory();
    expect(() => telemetry.recordRequest(null as never)).not.toThrow();
  });
});

describe("console exporters", () => {
  it("write spans and metrics through the logger (stderr), never stdout", async () => {
    const out = sink();
    const logger = createLogger({ name: "kv", env: {}, stream: out, emoji: false });
    const telemetry = await initTelemetry({
      env: { OTEL_TRACES_EXPORTER: "console", OTEL_METRICS_EXPORTER: "console", OTEL_SERVICE_NAME: "svc" },
      logger,
      registerGlobal: false,
    });
    await telemetry.withSpan("ReadDataSource", { rpc: "ReadDataSource" }, async () => undefined, CARRIER);
    telemetry.recordRequest({ rpc: "ReadDataSource", outcome: "success", durationMs: 5 });
    await telemetry.shutdown();
    const lines = out.lines();
    const span = lines.find((l) => l["@message"] === "span ReadDataSource");
    expect(span).toMatchObject({
      trace_id: TRACE,
      parent_span_id: PARENT,
      attributes: { rpc: "ReadDataSource" },
    });
    expect(lines.some((l) => l["@message"] === `metric ${METRIC_NAMES.requests}`)).toBe(true);
  });

  it("loads the OTLP exporters when asked (nothing is sent without spans)", async () => {
    for (const protocol of ["http/protobuf", "http/json"]) {
      const telemetry = await initTelemetry({
        env: {
          OTEL_TRACES_EXPORTER: "otlp",
          OTEL_METRICS_EXPORTER: "none",
          OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
        },
        logger: quietLogger(),
        registerGlobal: false,
      });
      expect(telemetry.tracingEnabled).toBe(true);
      expect(telemetry.metricsEnabled).toBe(false);
      await telemetry.shutdown();
    }
  });
});
