import { describe, expect, it } from "vitest";
import { PyviderError } from "./errors.js";
import { PrivateStore } from "./private-state.js";

describe("PrivateStore", () => {
  it("round-trips typed JSON through bytes", () => {
    const p = new PrivateStore<{ etag: string; n: number; tags: string[] }>();
    expect(p.toBytes().length).toBe(0);
    p.set("etag", "abc");
    p.set("n", 3);
    p.set("tags", ["x"]);
    const back = PrivateStore.fromBytes<{ etag: string; n: number; tags: string[] }>(p.toBytes());
    expect(back.get("etag")).toBe("abc");
    expect(back.get("n")).toBe(3);
    expect(back.get("tags")).toEqual(["x"]);
    expect(new TextDecoder().decode(p.toBytes())).toBe('{"etag":"abc","n":3,"tags":["x"]}');
    back.delete("n");
    back.set("etag", undefined);
    expect(back.keys()).toEqual(["tags"]);
    expect(back.has("etag")).toBe(false);
  });

  it("hands out copies, so mutating a value does not change the store", () => {
    const p = new PrivateStore<{ list: number[] }>();
    p.set("list", [1]);
    p.get("list")?.push(2);
    expect(p.get("list")).toEqual([1]);
  });

  it("rejects bytes that are not a JSON object with a clear error", () => {
    expect(() => PrivateStore.fromBytes(new TextEncoder().encode("[1]"))).toThrow(PyviderError);
    try {
      PrivateStore.fromBytes(new Uint8Array([0xff, 0xfe]));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PyviderError);
      expect((e as PyviderError).message).toBe("Invalid private state");
      expect((e as PyviderError).detail).toMatch(/not valid UTF-8 JSON/);
    }
    expect(PrivateStore.fromBytes(null).keys()).toEqual([]);
  });
});
