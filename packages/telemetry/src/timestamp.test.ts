import { describe, expect, it } from "vitest";
import { formatTimestamp, nowMicros } from "./timestamp.js";

const GO_LAYOUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$/;

describe("formatTimestamp", () => {
  // 2006-01-02T15:04:05.123456Z
  const micros = Date.UTC(2006, 0, 2, 15, 4, 5, 123) * 1000 + 456;

  it("writes UTC with Z and six fractional digits", () => {
    expect(formatTimestamp(micros, 0)).toBe("2006-01-02T15:04:05.123456Z");
  });
  it("writes other zones as +hh:mm / -hh:mm local time", () => {
    expect(formatTimestamp(micros, -7 * 60)).toBe("2006-01-02T08:04:05.123456-07:00");
    expect(formatTimestamp(micros, 5 * 60 + 30)).toBe("2006-01-02T20:34:05.123456+05:30");
    expect(formatTimestamp(micros, 10 * 60)).toBe("2006-01-03T01:04:05.123456+10:00");
  });
  it("pads small fractions", () => {
    expect(formatTimestamp(Date.UTC(2020, 5, 7, 0, 0, 0, 0) * 1000 + 7, 0)).toBe(
      "2020-06-07T00:00:00.000007Z",
    );
  });
  it("parses back to the same instant (to the millisecond)", () => {
    for (const offset of [0, 60, -300, 345]) {
      const text = formatTimestamp(micros, offset);
      expect(text).toMatch(GO_LAYOUT);
      expect(Date.parse(text)).toBe(Math.floor(micros / 1000));
    }
  });
  it("uses the host zone by default", () => {
    const now = nowMicros();
    const text = formatTimestamp(now);
    expect(text).toMatch(GO_LAYOUT);
    expect(Date.parse(text)).toBe(Math.floor(now / 1000));
  });
});

describe("nowMicros", () => {
  it("agrees with Date.now to the millisecond", () => {
    const before = Date.now();
    const now = nowMicros();
    const after = Date.now();
    expect(now / 1000).toBeGreaterThanOrEqual(before - 1);
    expect(now / 1000).toBeLessThanOrEqual(after + 1);
  });
});
