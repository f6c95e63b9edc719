import { createLogger } from "@pyvider/telemetry";
import { describe, expect, it } from "vitest";
import { hclogTimestamp, jsonLineLogger, pluginLogger } from "./logger.js";

describe("jsonLineLogger", () => {
  it("writes one hclog-style JSON object per line", () => {
    const lines: string[] = [];
    const log = jsonLineLogger((line) => lines.push(line), "test.module");
    log("warn", "hello", { count: 3, skipped: undefined });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith("\n")).toBe(true);
    const entry = JSON.parse(lines[0] ?? "");
    expect(entry).toMatchObject({
      "@level": "warn",
      "@message": "hello",
      "@module": "test.module",
      count: 3,
    });
    expect(entry).not.toHaveProperty("skipped");
    // Go's 2006-01-02T15:04:05.000000Z07:00, local time as hclog writes it: Z in UTC, else the offset.
    expect(entry["@timestamp"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}(Z|[+-]\d\d:\d\d)$/);
  });

  it("survives fields that cannot be serialised", () => {
    const lines: string[] = [];
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    jsonLineLogger((line) => lines.push(line))("error", "still logged", { cyclic });
    expect(JSON.parse(lines[0] ?? "")["@message"]).toBe("still logged");
  });

  it("formats timestamps with microseconds", () => {
    expect(hclogTimestamp(new Date("2026-01-02T03:04:05.678Z"), 0)).toBe("2026-01-02T03:04:05.678000Z");
    expect(hclogTimestamp(new Date("2026-01-02T03:04:05.678Z"), 90)).toBe("2026-01-02T04:34:05.678000+01:30");
  });

  it("is telemetry's logger under the hook: levels, masking and the module", () => {
    const chunks: string[] = [];
    const log = pluginLogger(
      createLogger({
        name: "kv",
        env: { TF_LOG_PROVIDER: "info" },
        stream: { write: (c: string) => chunks.push(c) },
        format: "json",
        secrets: ["s3cret"],
      }).child("protocol"),
    );
    log("debug", "dropped below the level");
    log("info", "token s3cret", { gone: undefined, n: 1 });
    expect(chunks.map((c) => JSON.parse(c))).toEqual([
      expect.objectContaining({
        "@level": "info",
        "@module": "provider.kv.protocol",
        "@message": "token ***",
        n: 1,
      }),
    ]);
    expect(chunks[0]).not.toContain("gone");
  });
});
