/**
 * Protocol-level tests, against the fixture provider executable, of what happens when provider
 * code misbehaves at the process level or Terraform interrupts it: an exception thrown from a
 * timer (uncaught) or an unhandled rejection answers the call it came from with an error
 * diagnostic and leaves the plugin serving; StopProvider waits for a write in progress and
 * reports its state; a handler that ignores the stop is answered after the grace period.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, startFixture } from "./fixture/start.js";

let f: Fixture;
beforeAll(async () => {
  f = await startFixture({ FIXTURE_STOP_GRACE_MS: "400" });
  expect(await f.client.configureProvider({})).toEqual([]);
});
afterAll(async () => {
  await f?.process.dispose();
});

async function apply(name: string, content: string) {
  const config = { name, content };
  const plan = await f.client.planResourceChange("fixture_item", { config });
  expect(plan.diagnostics).toEqual([]);
  return f.client.applyResourceChange("fixture_item", { planned: plan.plannedValue, config });
}

describe("crash containment", () => {
  it("answers the call whose timer threw with an error naming the exception and the RPC; the plugin keeps serving", async () => {
    // A call in flight that has nothing to do with the exception: it must not be failed by it.
    const bystander = apply("bystander", "__hang__");
    await new Promise((r) => setTimeout(r, 200));
    const crashed = await apply("crashes", "__timer_throw__");
    expect(crashed.diagnostics).toEqual([
      {
        severity: "error",
        summary: "Unexpected error in provider code during ApplyResourceChange: Error: boom",
        detail: expect.stringContaining("An uncaught exception escaped the provider's code"),
        attribute: undefined,
      },
    ]);
    expect(crashed.state).toBeNull();
    // Still alive and serving.
    const after = await f.client.planAndApply("fixture_item", { config: { name: "after", content: "x" } });
    expect(after.apply.diagnostics).toEqual([]);
    expect(after.apply.state?.name).toBe("after");
    // The bystander is still running; StopProvider ends it (it honours its signal).
    expect(await f.process.stopProvider({})).toEqual({ Error: "" });
    expect((await bystander).diagnostics).toEqual([
      expect.objectContaining({ severity: "error", summary: "Operation cancelled" }),
    ]);
    const log = f.process.stderrLines.join("\n");
    expect(log).toContain("uncaught exception in provider code, contained");
    expect(log).toContain("Error: boom");
  });

  it("does the same for an unhandled rejection", async () => {
    const crashed = await apply("rejects", "__timer_reject__");
    expect(crashed.diagnostics).toEqual([
      expect.objectContaining({
        severity: "error",
        summary:
          "Unexpected error in provider code during ApplyResourceChange: TypeError: rejected in a timer",
      }),
    ]);
    expect(crashed.diagnostics[0]?.detail).toContain("An unhandled promise rejection escaped");
    expect(
      (await f.client.planAndApply("fixture_item", { config: { name: "again", content: "y" } })).apply
        .diagnostics,
    ).toEqual([]);
  });
});

describe("StopProvider", () => {
  it("waits for a write in progress and answers with its new state, not a cancellation", async () => {
    const pending = apply("finishing", "__write_after_stop__");
    await new Promise((r) => setTimeout(r, 200));
    expect(await f.process.stopProvider({})).toEqual({ Error: "" });
    const done = await pending;
    expect(done.diagnostics).toEqual([]);
    expect(done.state).toMatchObject({ name: "finishing", content: "__write_after_stop__" });
    const read = await f.client.readResource("fixture_item", { state: done.state });
    expect(read.state).toMatchObject({ name: "finishing" });
  });

  it("answers a handler that ignores the stop after the grace period, saying its outcome is unknown", async () => {
    const pending = apply("stubborn", "__ignore_stop__");
    await new Promise((r) => setTimeout(r, 200));
    expect(await f.process.stopProvider({})).toEqual({ Error: "" });
    const out = await pending;
    expect(out.diagnostics).toEqual([
      expect.objectContaining({
        severity: "error",
        summary: "Operation cancelled: its outcome is unknown",
        detail: expect.stringContaining("was still running 0.4 s later"),
      }),
    ]);
  });
});
