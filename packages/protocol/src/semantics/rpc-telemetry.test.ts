import {
  type Attributes,
  type Carrier,
  NOOP_TELEMETRY,
  type RequestRecord,
  type SpanHandle,
  type Telemetry,
} from "@pyvider/telemetry";
import { describe, expect, it } from "vitest";
import type { CallContext, ProviderServiceHandlers } from "../server/handlers.js";
import { requestTypeName, responseOutcome, withRpcTelemetry } from "./rpc-telemetry.js";

interface RecordedSpan {
  name: string;
  attributes: Record<string, unknown>;
  parent: unknown;
  errors: unknown[];
  outcome?: string;
}

/** A telemetry that records what the wrapper does with it. */
function recorder() {
  const spans: RecordedSpan[] = [];
  const requests: RequestRecord[] = [];
  const handle = (span: RecordedSpan): SpanHandle => {
    const h: SpanHandle = {
      isRecording: true,
      context: undefined,
      setAttribute: (k, v) => {
        span.attributes[k] = v;
        return h;
      },
      setAttributes: (a) => {
        Object.assign(span.attributes, a);
        return h;
      },
      recordError: (e) => {
        // as the SDK's: nothing counts after the end
        if (span.outcome === undefined) span.errors.push(e);
        return h;
      },
      end: (outcome = "success") => {
        span.outcome ??= outcome;
      },
    };
    return h;
  };
  const open = (name: string, attributes: Attributes | undefined, parent: unknown) => {
    const span: RecordedSpan = { name, attributes: { ...attributes }, parent, errors: [] };
    spans.push(span);
    return handle(span);
  };
  const telemetry: Telemetry = {
    ...NOOP_TELEMETRY,
    tracingEnabled: true,
    metricsEnabled: true,
    startSpan: (name, options) => open(name, options?.attributes, options?.parent),
    async withSpan<T>(
      name: string,
      attributes: Attributes | undefined,
      fn: (span: SpanHandle) => T | Promise<T>,
      carrier?: Carrier,
    ): Promise<T> {
      const span = open(name, attributes, carrier);
      try {
        const result = await fn(span);
        span.end("success");
        return result;
      } catch (error) {
        span.recordError(error);
        span.end("error");
        throw error;
      }
    },
    recordRequest: (record) => void requests.push(record),
  };
  return { telemetry, spans, requests };
}

const context = (signal = new AbortController().signal): CallContext => ({
  method: "/tfplugin6.Provider/X",
  metadata: { traceparent: ["00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"] },
  signal,
  stopSignal: new AbortController().signal,
  peer: "test",
});

const wrap = (handlers: Record<string, unknown>, telemetry: Telemetry) =>
  withRpcTelemetry(
    handlers as unknown as ProviderServiceHandlers,
    Promise.resolve(telemetry),
  ) as unknown as Record<string, (request: unknown, context: CallContext) => unknown>;

describe("withRpcTelemetry", () => {
  it("names the span after the method, parents it on the call's traceparent and records names only", async () => {
    const { telemetry, spans, requests } = recorder();
    const handlers = wrap(
      { applyResourceChange: async () => ({ newState: { msgpack: new Uint8Array([1]) }, diagnostics: [] }) },
      telemetry,
    );
    const response = await handlers.applyResourceChange?.(
      { typeName: "kv_entry", config: { msgpack: new Uint8Array([0xa6, 0x73, 0x65, 0x63]) } },
      context(),
    );
    expect(response).toEqual({ newState: { msgpack: new Uint8Array([1]) }, diagnostics: [] });
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      name: "tfplugin6.Provider/ApplyResourceChange",
      attributes: { rpc: "ApplyResourceChange", type_name: "kv_entry", "rpc.system": "grpc" },
      outcome: "success",
    });
    expect((spans[0]?.parent as Record<string, unknown> | undefined)?.traceparent).toBeDefined();
    expect(Object.keys(spans[0]?.attributes ?? {}).sort()).toEqual(
      ["rpc", "rpc.method", "rpc.service", "rpc.system", "type_name"].sort(),
    );
    expect(requests).toMatchObject([
      { rpc: "ApplyResourceChange", typeName: "kv_entry", outcome: "success" },
    ]);
  });

  it("counts an error diagnostic, a throw and a cancellation by their outcome", async () => {
    const { telemetry, spans, requests } = recorder();
    const boom = new Error("boom");
    const handlers = wrap(
      {
        validateResourceConfig: () => ({ diagnostics: [{ severity: 2 }, { severity: 1, summary: "bad" }] }),
        readResource: async () => {
          throw boom;
        },
        planResourceChange: async () => {
          throw new Error("stopped");
        },
        callFunction: () => ({}),
      },
      telemetry,
    );
    await handlers.validateResourceConfig?.({ typeName: "kv_entry" }, context());
    await expect(handlers.readResource?.({ typeName: "kv_entry" }, context())).rejects.toBe(boom);
    const aborted = new AbortController();
    aborted.abort();
    await expect(
      handlers.planResourceChange?.({ typeName: "kv_entry" }, context(aborted.signal)),
    ).rejects.toThrow("stopped");
    await handlers.callFunction?.({ name: "upper" }, context());
    expect(spans.map((s) => [s.name, s.outcome])).toEqual([
      ["tfplugin6.Provider/ValidateResourceConfig", "error"],
      ["tfplugin6.Provider/ReadResource", "error"],
      ["tfplugin6.Provider/PlanResourceChange", "cancelled"],
      ["tfplugin6.Provider/CallFunction", "success"],
    ]);
    expect(spans[1]?.errors).toEqual([boom]);
    expect(requests.map((r) => [r.rpc, r.typeName, r.outcome])).toEqual([
      ["ValidateResourceConfig", "kv_entry", "error"],
      ["ReadResource", "kv_entry", "error"],
      ["PlanResourceChange", "kv_entry", "cancelled"],
      ["CallFunction", "upper", "success"],
    ]);
  });

  it("spans a server stream from the first event to the last, and a client stream", async () => {
    const { telemetry, spans, requests } = recorder();
    const handlers = withRpcTelemetry(
      {
        listResource: async function* () {
          yield { displayName: "a" };
          yield { displayName: "b", diagnostics: [{ severity: 1 }] };
        },
        writeStateBytes: async (chunks: AsyncIterable<unknown>) => {
          let n = 0;
          for await (const _ of chunks) n++;
          return { diagnostics: n === 2 ? [] : [{ severity: 1 }] };
        },
      } as unknown as ProviderServiceHandlers,
      Promise.resolve(telemetry),
    );
    const events: unknown[] = [];
    for await (const e of handlers.listResource({ typeName: "kv_list" } as never, context())) events.push(e);
    expect(events).toHaveLength(2);
    async function* chunks() {
      yield { typeName: "kv" };
      yield { typeName: "kv" };
    }
    await handlers.writeStateBytes(chunks() as never, context());
    expect(spans.map((s) => [s.name, s.outcome])).toEqual([
      ["tfplugin6.Provider/ListResource", "error"],
      ["tfplugin6.Provider/WriteStateBytes", "success"],
    ]);
    expect(requests.map((r) => [r.rpc, r.typeName])).toEqual([
      ["ListResource", "kv_list"],
      ["WriteStateBytes", undefined],
    ]);
  });

  it("leaves handlers as they are when nothing is exported", async () => {
    const handlers = wrap({ getMetadata: () => ({ ok: 1 }) }, NOOP_TELEMETRY);
    expect(await handlers.getMetadata?.({}, context())).toEqual({ ok: 1 });
  });

  it("reads the type name of a request and the outcome of a response", () => {
    expect(requestTypeName({ typeName: "kv_entry" })).toBe("kv_entry");
    expect(requestTypeName({ actionType: "kv_touch" })).toBe("kv_touch");
    expect(requestTypeName({ name: "upper" })).toBe("upper");
    expect(requestTypeName({ typeName: "" })).toBeUndefined();
    expect(requestTypeName(undefined)).toBeUndefined();
    expect(responseOutcome({ diagnostics: [{ severity: 2 }] })).toBe("success");
    expect(responseOutcome({ diagnostics: [{ severity: 1 }] })).toBe("error");
    expect(responseOutcome(new Uint8Array(3))).toBe("success");
  });
});
