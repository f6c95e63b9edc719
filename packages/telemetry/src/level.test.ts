import { describe, expect, it } from "vitest";
import { levelRank, parseLevel, providerLevelVariable, resolveLevel } from "./level.js";

describe("parseLevel", () => {
  it("accepts level names case-insensitively", () => {
    expect(parseLevel("TRACE")).toBe("trace");
    expect(parseLevel(" Debug ")).toBe("debug");
    expect(parseLevel("info")).toBe("info");
    expect(parseLevel("WARN")).toBe("warn");
    expect(parseLevel("warning")).toBe("warn");
    expect(parseLevel("Error")).toBe("error");
    expect(parseLevel("OFF")).toBe("off");
  });
  it("treats JSON as trace, like Terraform", () => {
    expect(parseLevel("JSON")).toBe("trace");
  });
  it("returns undefined for anything else", () => {
    expect(parseLevel("verbose")).toBeUndefined();
    expect(parseLevel("")).toBeUndefined();
    expect(parseLevel(undefined)).toBeUndefined();
  });
  it("orders levels", () => {
    expect(levelRank("trace")).toBeLessThan(levelRank("debug"));
    expect(levelRank("warn")).toBeLessThan(levelRank("error"));
    expect(levelRank("error")).toBeLessThan(levelRank("off"));
  });
});

describe("providerLevelVariable", () => {
  it("upper-cases the name and replaces other characters with _", () => {
    expect(providerLevelVariable("kv")).toBe("TF_LOG_PROVIDER_KV");
    expect(providerLevelVariable("my-cloud.v2")).toBe("TF_LOG_PROVIDER_MY_CLOUD_V2");
    expect(providerLevelVariable("")).toBe("TF_LOG_PROVIDER");
  });
});

describe("resolveLevel precedence", () => {
  const all = {
    TF_LOG_PROVIDER_KV: "error",
    TF_LOG_PROVIDER: "warn",
    TF_LOG: "debug",
    PYVIDER_LOG_LEVEL: "trace",
  };
  it("prefers TF_LOG_PROVIDER_<NAME>", () => {
    expect(resolveLevel("kv", all)).toEqual({ level: "error", source: "TF_LOG_PROVIDER_KV" });
  });
  it("ignores another provider's variable", () => {
    expect(resolveLevel("other", all)).toEqual({ level: "warn", source: "TF_LOG_PROVIDER" });
  });
  it("then TF_LOG_PROVIDER, TF_LOG, PYVIDER_LOG_LEVEL, default", () => {
    const { TF_LOG_PROVIDER_KV: _a, ...noSpecific } = all;
    expect(resolveLevel("kv", noSpecific).source).toBe("TF_LOG_PROVIDER");
    const { TF_LOG_PROVIDER: _b, ...noProvider } = noSpecific;
    expect(resolveLevel("kv", noProvider)).toEqual({ level: "debug", source: "TF_LOG" });
    const { TF_LOG: _c, ...onlyOwn } = noProvider;
    expect(resolveLevel("kv", onlyOwn)).toEqual({ level: "trace", source: "PYVIDER_LOG_LEVEL" });
    expect(resolveLevel("kv", {})).toEqual({ level: "info", source: "default" });
    expect(resolveLevel("kv", {}, "off")).toEqual({ level: "off", source: "default" });
  });
  it("skips empty values", () => {
    expect(resolveLevel("kv", { TF_LOG_PROVIDER_KV: "", TF_LOG_PROVIDER: "  ", TF_LOG: "warn" }).level).toBe(
      "warn",
    );
  });
  it("reads TF_LOG values that name no level as trace, like Terraform", () => {
    expect(resolveLevel("kv", { TF_LOG: "1" }).level).toBe("trace");
    expect(resolveLevel("kv", { TF_LOG: "json" }).level).toBe("trace");
  });
  it("honours off", () => {
    expect(resolveLevel("kv", { TF_LOG_PROVIDER: "OFF", TF_LOG: "trace" }).level).toBe("off");
  });
  it("ignores an unrecognised PYVIDER_LOG_LEVEL", () => {
    expect(resolveLevel("kv", { PYVIDER_LOG_LEVEL: "loud" })).toEqual({ level: "info", source: "default" });
  });
});
