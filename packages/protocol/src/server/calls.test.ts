import { describe, expect, it } from "vitest";
import { CallTracker } from "./calls.js";

describe("CallTracker.culprits", () => {
  it("traces code run for a call (even in a later timer) back to that call, and only to it", async () => {
    const tracker = new CallTracker();
    const a = tracker.begin("ApplyResourceChange");
    const b = tracker.begin("ReadResource");
    const seen = await new Promise<string[]>((resolve) =>
      tracker.runIn(a, () => setTimeout(() => resolve(tracker.culprits().map((c) => c.rpc)), 1)),
    );
    expect(seen).toEqual(["ApplyResourceChange"]);
    // Code outside any call cannot be traced: every call in flight is a suspect.
    expect(tracker.culprits().map((c) => c.rpc)).toEqual(["ApplyResourceChange", "ReadResource"]);
    // Another tracker's call is none of this tracker's business.
    const other = new CallTracker();
    const c = other.begin("PlanResourceChange");
    expect(other.runIn(c, () => tracker.culprits())).toEqual([]);
    // A call that has ended is not failed by what its leftovers throw.
    a.end();
    expect(tracker.runIn(a, () => tracker.culprits())).toEqual([]);
    b.end();
    c.end();
  });

  it("fail() completes the call's failed promise once", async () => {
    const tracker = new CallTracker();
    const call = tracker.begin("CallFunction");
    call.fail("first");
    call.fail("second");
    await expect(call.failed).resolves.toBe("first");
    call.end();
    await tracker.idle();
  });
});
