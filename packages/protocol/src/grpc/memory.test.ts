/**
 * Peak memory of a provider process serving large requests (see the README's "Limits"). Ratios
 * of the process's own peak resident set (VmHWM) to the message size, never times.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { probeMemory } from "../__fixtures__/memory-probe.js";

const MiB = 2 ** 20;
const linux = existsSync("/proc/self/status");

describe.runIf(linux)("a provider's memory under large requests", () => {
  it("peaks below 4x the size of a 64 MiB ApplyResourceChange above its resting size", async () => {
    const r = await probeMemory({ rpc: "apply", stringBytes: 32 * MiB });
    expect(r.results).toEqual(["ok"]);
    expect(r.messageBytes).toBeGreaterThan(64 * MiB);
    const ratio = ((r.peakKiB - r.baselineKiB) * 1024) / r.messageBytes;
    // before the copies were removed this was 5.4; now about 2.6
    expect(ratio).toBeLessThan(4);
  }, 120_000);

  it("keeps nothing of a 64 MiB plan or apply once it is answered (request buffer, decoded strings, response)", async () => {
    for (const rpc of ["plan", "apply"] as const) {
      const r = await probeMemory({ rpc, stringBytes: 32 * MiB, retained: true });
      expect(r.results).toEqual(["ok"]);
      // a single copy of the value would be 32 MiB; what stays is small bookkeeping
      expect(r.retainedBytes).toBeDefined();
      expect(r.retainedBytes!).toBeLessThan(4 * MiB);
    }
  }, 120_000);

  it("serves four concurrent 64 MiB PlanResourceChange calls with --max-old-space-size=2048", async () => {
    const r = await probeMemory({
      rpc: "plan",
      stringBytes: 32 * MiB,
      concurrent: 4,
      nodeArgs: ["--max-old-space-size=2048"],
    });
    expect(r.died).toBeUndefined();
    // each call succeeds, or is refused cleanly by the request budget
    for (const result of r.results) expect(result).toMatch(/^(ok|status 8: .*budget)/);
    expect(r.results).toContain("ok");
    expect(r.peakKiB * 1024).toBeLessThan(4 * 4 * r.messageBytes + r.baselineKiB * 1024);
  }, 180_000);
});
