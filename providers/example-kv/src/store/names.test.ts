import { describe, expect, it } from "vitest";
import { InvalidNameError } from "./errors.js";
import { assertKey, assertNamespace, assertStateName, decodeName, encodeName } from "./names.js";

describe("names", () => {
  it("encodes '/' and a leading '.' readably and reversibly", () => {
    expect(encodeName("app/config/db.url")).toBe("app%2Fconfig%2Fdb.url");
    expect(encodeName(".hidden")).toBe("%2Ehidden");
    expect(encodeName("..")).toBe("%2E.");
    expect(encodeName("50%")).toBe("50%25");
    for (const key of ["a", "a/b", "../x", ".leases", "a-b_c.d", "/", "x".repeat(200)]) {
      expect(decodeName(encodeName(key))).toBe(key);
      expect(encodeName(key).startsWith(".")).toBe(false);
      expect(encodeName(key)).not.toContain("/");
    }
  });

  it("shortens names too long for a file system with a hash, keeping them distinct", () => {
    const a = "/".repeat(256);
    const b = `${"/".repeat(255)}x`;
    expect(encodeName(a).length).toBeLessThanOrEqual(200);
    expect(encodeName(a)).toContain("~");
    expect(encodeName(a)).not.toBe(encodeName(b));
    expect(decodeName(encodeName(a))).toBeUndefined();
    expect(encodeName(a)).toMatch(/^(%2F)+~[0-9a-f]{32}$/);
  });

  it("decodes only stems that some name encodes to", () => {
    expect(decodeName("foo bar")).toBeUndefined();
    expect(decodeName("%2f")).toBeUndefined(); // lower-case escapes are never produced
    expect(decodeName("%E0%A4%A")).toBeUndefined();
    expect(decodeName(".tmp-1-x")).toBeUndefined();
  });

  it("rejects invalid keys, namespaces and state names with a clear error", () => {
    for (const bad of ["", "a b", "x".repeat(257), "ü", "a:b", 42, undefined]) {
      expect(() => assertKey(bad)).toThrow(InvalidNameError);
    }
    expect(() => assertKey("a b")).toThrow(/invalid key "a b": a key must be 1 to 256 characters/);
    expect(() => assertKey("x".repeat(256))).not.toThrow();
    for (const bad of ["", ".states", "a/b", "x".repeat(65)]) {
      expect(() => assertNamespace(bad)).toThrow(InvalidNameError);
    }
    expect(() => assertNamespace("prod-1.eu")).not.toThrow();
    expect(() => assertStateName("line\nbreak")).toThrow(/control characters/);
    expect(() => assertStateName("my workspace/ü")).not.toThrow();
  });
});
