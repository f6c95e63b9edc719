import { a, s } from "@pyvider/schema";
import { createLogger, getTelemetry, type LogSink, type TelemetryTracer } from "@pyvider/telemetry";
import { describe, expect, it } from "vitest";
import { defineProvider } from "../components/provider.js";
import { defineResource } from "../components/resource.js";
import { buildProvider, type ProviderDefinition } from "./provider-runtime.js";

function capture(): { sink: LogSink; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  return {
    sink: { write: (c: string) => chunks.push(c), isTTY: false },
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

const schema = s.resource({ key: a.str({ required: true }), id: a.str({ computed: true }) });
const provider = defineProvider({ name: "t", schema: s.provider({}) });

/** A resource whose handlers misbehave in the ways user code does. */
function misbehaving(events: string[]) {
  return defineResource({
    name: "t_thing",
    schema,
    async create(ctx) {
      if (ctx.config.key === "throw") throw new TypeError("boom from create");
      if (ctx.config.key === "string") throw "a bare string";
      if (ctx.config.key === "sync") {
        return (() => {
          throw new RangeError("sync boom");
        })();
      }
      return { key: ctx.config.key, id: ctx.config.key };
    },
    read(ctx) {
      // Never resolves, whatever happens: only the framework's abort race ends the call.
      events.push(`read ${ctx.state.key}`);
      return new Promise(() => {});
    },
    async update(ctx) {
      // Cooperative: resolves when the signal fires.
      events.push(`update start ${ctx.prior.id}`);
      await new Promise<void>((resolve) =>
        ctx.signal.addEventListener("abort", () => resolve(), { once: true }),
      );
      events.push(`update saw abort ${ctx.prior.id}`);
      return ctx.prior;
    },
    async delete(ctx) {
      events.push(`delete start ${ctx.prior.id}`);
      await new Promise((r) => setTimeout(r, 20));
      events.push(`delete end ${ctx.prior.id}`);
    },
  });
}

function build(
  events: string[],
  logSink?: LogSink,
  tracer?: TelemetryTracer,
  stopGracePeriodMs = 20,
): ProviderDefinition {
  const logger = createLogger({
    name: "t",
    level: "debug",
    stream: logSink ?? { write: () => true },
    format: "json",
  });
  return buildProvider(provider, [misbehaving(events)], {
    logger,
    stopGracePeriodMs,
    ...(tracer ? { tracer } : {}),
  });
}

describe("invocation safety", () => {
  it("turns a thrown Error into an error diagnostic and logs the stack at debug", async () => {
    const log = capture();
    const p = build([], log.sink);
    const out = await p.resource("t_thing")!.create({ config: { key: "throw" }, plan: { key: "throw" } });
    expect(out.ok).toBe(false);
    expect(out.value).toBeUndefined();
    expect(out.diagnostics).toEqual([
      {
        severity: "error",
        summary: "boom from create",
        detail: "Unhandled TypeError in resource t_thing create.",
      },
    ]);
    const failure = log
      .lines()
      .find((l) => l["@level"] === "debug" && String(l["@message"]).includes("failed"));
    expect(failure).toBeDefined();
    expect(String(failure?.stack)).toContain("TypeError: boom from create");
  });

  it("handles synchronous throws and non-Error values", async () => {
    const p = build([]);
    const sync = await p.resource("t_thing")!.create({ config: { key: "sync" }, plan: { key: "sync" } });
    expect(sync.diagnostics[0]?.summary).toBe("sync boom");
    const str = await p.resource("t_thing")!.create({ config: { key: "string" }, plan: { key: "string" } });
    expect(str.diagnostics[0]).toEqual({
      severity: "error",
      summary: "Provider code threw a non-Error value (string)",
      detail:
        "Unhandled non-Error value in resource t_thing create. Its content is not shown, as it may hold secrets: throw an Error (or a PyviderError) instead.",
    });
    expect(JSON.stringify(str.diagnostics)).not.toContain("a bare string");
  });

  it("ends a handler that never resolves once the stop grace period has passed", async () => {
    const events: string[] = [];
    const p = build(events);
    const pending = p.resource("t_thing")!.read({ state: { key: "k", id: "k" } });
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual(["read k"]);
    p.stop("test stop");
    const out = await pending;
    expect(out.ok).toBe(false);
    expect(out.diagnostics[0]?.summary).toBe("Operation cancelled: its outcome is unknown");
    expect(out.diagnostics[0]?.detail).toContain("resource t_thing read was still running 0.02 s later");
    // The provider keeps serving after a stop.
    const after = await p.resource("t_thing")!.create({ config: { key: "ok" }, plan: { key: "ok" } });
    expect(after.ok).toBe(true);
  });

  it("fires ctx.signal when the request's own signal aborts, and reports what the handler returned", async () => {
    const events: string[] = [];
    const p = build(events);
    const request = new AbortController();
    const pending = p
      .resource("t_thing")!
      .update(
        { config: { key: "k" }, plan: { key: "k", id: "u1" }, prior: { key: "k", id: "u1" } },
        { signal: request.signal },
      );
    await new Promise((r) => setTimeout(r, 10));
    request.abort();
    const out = await pending;
    expect(out.ok).toBe(true);
    expect(out.value?.state).toEqual({ key: "k", id: "u1" });
    expect(events).toEqual(["update start u1", "update saw abort u1"]);
  });

  it("serialises operations on one instance and runs different instances concurrently", async () => {
    const events: string[] = [];
    const p = build(events);
    const r = p.resource("t_thing")!;
    await Promise.all([
      r.delete({ prior: { key: "k", id: "same" } }),
      r.delete({ prior: { key: "k", id: "same" } }),
    ]);
    expect(events).toEqual(["delete start same", "delete end same", "delete start same", "delete end same"]);
    events.length = 0;
    await Promise.all([
      r.delete({ prior: { key: "k", id: "one" } }),
      r.delete({ prior: { key: "k", id: "two" } }),
    ]);
    expect(events).toEqual(["delete start one", "delete start two", "delete end one", "delete end two"]);
  });

  it("uses the caller's instance key over the derived one", async () => {
    const events: string[] = [];
    const p = build(events);
    const r = p.resource("t_thing")!;
    await Promise.all([
      r.delete({ prior: { key: "k", id: "x" } }, { instanceKey: "shared" }),
      r.delete({ prior: { key: "k", id: "y" } }, { instanceKey: "shared" }),
    ]);
    expect(events).toEqual(["delete start x", "delete end x", "delete start y", "delete end y"]);
  });

  it("a call queued behind a hung one on the same instance is released by StopProvider", async () => {
    const events: string[] = [];
    const p = build(events);
    const r = p.resource("t_thing")!;
    const hung = r.read({ state: { key: "k", id: "h" } });
    const queued = r.delete({ prior: { key: "k", id: "h" } });
    await new Promise((res) => setTimeout(res, 10));
    expect(events).toEqual(["read k"]);
    p.stop();
    const [a1, a2] = await Promise.all([hung, queued]);
    expect(a1.diagnostics[0]?.summary).toBe("Operation cancelled: its outcome is unknown");
    // The queued call never started: nothing was done, and it says so.
    expect(a2.diagnostics[0]?.summary).toBe("Operation cancelled");
    expect(events).toEqual(["read k"]);
  });

  it("runs each handler in a span named after the operation", async () => {
    const spans: { name: string; outcome?: string; attrs?: unknown }[] = [];
    const base = getTelemetry();
    const tracer: TelemetryTracer = {
      ...base,
      withSpan: (name, attrs, fn) => {
        const rec: { name: string; outcome?: string; attrs?: unknown } = { name, attrs };
        spans.push(rec);
        const span = {
          isRecording: true,
          context: undefined,
          setAttribute: () => span,
          setAttributes: () => span,
          recordError: () => span,
          end: (o?: string) => {
            rec.outcome ??= o ?? "success";
          },
        };
        return Promise.resolve()
          .then(() => fn(span))
          .then(
            (v) => {
              span.end();
              return v;
            },
            (e: unknown) => {
              span.end("error");
              throw e;
            },
          );
      },
    };
    const p = build([], undefined, tracer);
    await p.resource("t_thing")!.create({ config: { key: "fine" }, plan: { key: "fine" } });
    await p.resource("t_thing")!.create({ config: { key: "throw" }, plan: { key: "throw" } });
    expect(spans).toEqual([
      {
        name: "pyvider.resource.create",
        attrs: { type_name: "t_thing", operation: "create" },
        outcome: "success",
      },
      {
        name: "pyvider.resource.create",
        attrs: { type_name: "t_thing", operation: "create" },
        outcome: "error",
      },
    ]);
  });
});

describe("results that break the contract", () => {
  it("report a handler that returns no object instead of passing it on", async () => {
    const sloppy = defineResource({
      name: "t_sloppy",
      schema,
      // Plain JavaScript authors get no type error: JSON.parse returns `any`.
      create: () => JSON.parse("null"),
      read: () => JSON.parse("[1]"),
      delete: () => {},
    });
    const p = buildProvider(provider, [sloppy], {
      logger: createLogger({ name: "t", level: "off", stream: { write: () => true } }),
    });
    const created = await p.resource("t_sloppy")!.create({ config: { key: "k" }, plan: { key: "k" } });
    expect(created.ok).toBe(false);
    expect(created.diagnostics[0]).toEqual({
      severity: "error",
      summary: "resource t_sloppy create returned null",
      detail: "It must return an object.",
    });
    const read = await p.resource("t_sloppy")!.read({ state: { key: "k", id: "k" } });
    expect(read.diagnostics[0]?.summary).toBe("resource t_sloppy read returned an array");
  });
});
