import { describe, expect, it } from "vitest";
import {
  extractTraceContext,
  formatTraceparent,
  injectTraceContext,
  parseTraceparent,
} from "./traceparent.js";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN = "00f067aa0ba902b7";
const VALID = `00-${TRACE}-${SPAN}-01`;

describe("parseTraceparent", () => {
  it("parses a version-00 header", () => {
    expect(parseTraceparent(VALID)).toEqual({ traceId: TRACE, spanId: SPAN, traceFlags: 1 });
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-00`)?.traceFlags).toBe(0);
  });
  it("keeps tracestate", () => {
    expect(parseTraceparent(VALID, " rojo=00f067aa0ba902b7 ")?.traceState).toBe("rojo=00f067aa0ba902b7");
  });
  it("rejects malformed values", () => {
    for (const bad of [
      "",
      "garbage",
      `00-${TRACE.toUpperCase()}-${SPAN}-01`,
      `00-${"0".repeat(32)}-${SPAN}-01`,
      `00-${TRACE}-${"0".repeat(16)}-01`,
      `ff-${TRACE}-${SPAN}-01`,
      `00-${TRACE}-${SPAN}-01-extra`,
      `00-${TRACE.slice(1)}-${SPAN}-01`,
      `00-${TRACE}-${SPAN}-1`,
    ]) {
      expect(parseTraceparent(bad), bad).toBeUndefined();
    }
  });
  it("accepts future versions with extra fields", () => {
    expect(parseTraceparent(`01-${TRACE}-${SPAN}-01-whatever`)).toEqual({
      traceId: TRACE,
      spanId: SPAN,
      traceFlags: 1,
    });
  });
  it("round-trips through formatTraceparent", () => {
    const parsed = parseTraceparent(VALID);
    expect(parsed && formatTraceparent(parsed)).toBe(VALID);
  });
});

describe("extractTraceContext", () => {
  it("reads gRPC-style metadata case-insensitively, arrays included", () => {
    expect(extractTraceContext({ Traceparent: VALID })?.spanId).toBe(SPAN);
    expect(extractTraceContext({ traceparent: [VALID], tracestate: ["a=1", "b=2"] })).toEqual({
      traceId: TRACE,
      spanId: SPAN,
      traceFlags: 1,
      traceState: "a=1,b=2",
    });
  });
  it("ignores missing, binary, ambiguous or invalid headers", () => {
    expect(extractTraceContext({})).toBeUndefined();
    expect(extractTraceContext({ traceparent: Buffer.from(VALID) })).toBeUndefined();
    expect(extractTraceContext({ traceparent: [VALID, `00-${TRACE}-${"1".repeat(16)}-01`] })).toBeUndefined();
    expect(extractTraceContext({ traceparent: "nope" })).toBeUndefined();
    expect(extractTraceContext(null)).toBeUndefined();
  });
  it("survives hostile carriers", () => {
    const carrier = Object.defineProperty({}, "traceparent", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    expect(extractTraceContext(carrier)).toBeUndefined();
  });
});

describe("injectTraceContext", () => {
  it("writes traceparent and tracestate", () => {
    const carrier: Record<string, string> = {};
    injectTraceContext({ traceId: TRACE, spanId: SPAN, traceFlags: 1, traceState: "a=1" }, carrier);
    expect(carrier).toEqual({ traceparent: VALID, tracestate: "a=1" });
    const empty: Record<string, string> = {};
    injectTraceContext(undefined, empty);
    expect(empty).toEqual({});
  });
});
