import { describe, expect, it } from "vitest";
import { parseGrpcTimeout } from "./call.js";
import { frameMessage, MessageReader, RequestBudget } from "./framing.js";
import { encodeGrpcMessage, GrpcStatus, RpcError, statusOf } from "./status.js";

describe("gRPC framing", () => {
  it("frames a message with a zero flag and a big-endian length", () => {
    expect([...frameMessage(Uint8Array.of(7, 8, 9))]).toEqual([0, 0, 0, 0, 3, 7, 8, 9]);
  });

  it("reassembles messages split and joined across chunks, byte by byte", () => {
    const a = frameMessage(Buffer.from("hello"));
    const b = frameMessage(Buffer.alloc(0));
    const c = frameMessage(Buffer.alloc(70_000, 1));
    const all = Buffer.concat([a, b, c]);
    const reader = new MessageReader(1 << 20);
    const out: Buffer[] = [];
    for (let i = 0; i < all.length; i += 1 + (i % 13))
      out.push(...reader.push(all.subarray(i, i + 1 + (i % 13))));
    expect(out.map((m) => m.length)).toEqual([5, 0, 70_000]);
    expect(out[0]!.toString()).toBe("hello");
    expect(reader.partial).toBe(false);
    const one = new MessageReader(1 << 20);
    expect(one.push(Buffer.concat([a, c.subarray(0, 9)])).map((m) => m.toString())).toEqual(["hello"]);
    expect(one.partial).toBe(true);
  });

  it("refuses a message over the limit before buffering it, and compressed frames", () => {
    const big = Buffer.alloc(5);
    big.writeUInt32BE(1025, 1);
    expect(() => new MessageReader(1024).push(big)).toThrow(
      /larger than the maximum \(1025 vs\. 1024 bytes\)/,
    );
    try {
      new MessageReader(1024).push(Buffer.from([1, 0, 0, 0, 0]));
      expect.unreachable();
    } catch (error) {
      expect(statusOf(error)).toEqual({
        code: GrpcStatus.INTERNAL,
        message: "received a compressed message, but no message encoding was negotiated",
      });
    }
  });

  it("parses grpc-timeout in every unit and ignores malformed values", () => {
    expect(parseGrpcTimeout("2S")).toBe(2000);
    expect(parseGrpcTimeout("150m")).toBe(150);
    expect(parseGrpcTimeout("1H")).toBe(3_600_000);
    expect(parseGrpcTimeout("3M")).toBe(180_000);
    expect(parseGrpcTimeout("5000u")).toBe(5);
    expect(parseGrpcTimeout("1000000n")).toBe(1);
    expect(parseGrpcTimeout("123456789S")).toBeUndefined();
    expect(parseGrpcTimeout("10x")).toBeUndefined();
    expect(parseGrpcTimeout(undefined)).toBeUndefined();
  });

  it("percent-encodes status messages outside printable ASCII, and % itself", () => {
    expect(encodeGrpcMessage("plain text: ok")).toBe("plain text: ok");
    expect(encodeGrpcMessage("100% ✓\n")).toBe("100%25 %E2%9C%93%0A");
    expect(statusOf(new RpcError(GrpcStatus.NOT_FOUND, "gone"))).toEqual({ code: 5, message: "gone" });
    expect(statusOf("boom")).toEqual({ code: GrpcStatus.UNKNOWN, message: "boom" });
  });
});

describe("request memory", () => {
  it("copies a message arriving in pieces once, into a buffer reserved from the budget", () => {
    const budget = new RequestBudget(100);
    const take = (n: number) => budget.take(n, "/x/Y");
    const a = new MessageReader(1 << 20, take);
    const frame = frameMessage(Buffer.alloc(80, 3));
    expect(a.push(frame.subarray(0, 7))).toEqual([]);
    expect(budget.held).toBe(80);
    // a second message arriving in pieces would pass the budget: refused, nothing allocated
    const b = new MessageReader(1 << 20, take);
    try {
      b.push(frame.subarray(0, 7));
      expect.unreachable();
    } catch (error) {
      expect(statusOf(error).code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
      expect(statusOf(error).message).toMatch(/already holding 1 MiB of requests in flight.*budget of 1 MiB/);
    }
    expect(budget.held).toBe(80);
    const [message] = a.push(frame.subarray(7));
    expect(message!.equals(Buffer.alloc(80, 3))).toBe(true);
    budget.give(80);
    expect(budget.held).toBe(0);
    // alone, a message larger than the budget is admitted: any message up to the size limit is served
    expect(() => budget.take(500, "/x/Y")).not.toThrow();
  });
});
