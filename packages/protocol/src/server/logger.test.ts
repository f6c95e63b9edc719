import { describe, expect, it } from "vitest";
import { hclogTimestamp, jsonLineLogger } from "./logger.js";

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
    expect(entry["@timestamp"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it("survives fields that cannot be serialised", () => {
    const lines: string[] = [];
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    jsonLineLogger((line) => lines.push(line))("error", "still logged", { cyclic });
    expect(JSON.parse(lines[0] ?? "")["@message"]).toBe("still logged");
  });

  it("formats timestamps with microseconds", () => {
    expect(hclogTimestamp(new Date("2026-01-02T03:04:05.678Z"))).toBe("2026-01-02T03:04:05.678000Z");
  });
});
